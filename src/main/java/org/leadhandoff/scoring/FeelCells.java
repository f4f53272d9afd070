package org.leadhandoff.scoring;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.dmn.feel.impl.juel.TransformExpressionCacheKey;
import org.camunda.commons.utils.cache.Cache;

/**
 * Camunda's legacy FEEL engine, with its translations of table cells kept in a plain concurrent
 * map. Its own least-recently-used cache walks a queue of every cached cell on each lookup to
 * move the cell to the front — about a fifth of a fit evaluation — which buys nothing here: the
 * cells come from the few deployed scoring tables, so nothing needs evicting. Should a runaway
 * model hold more than {@value #MAX_CELLS} distinct cells, the map starts again from empty.
 */
final class FeelCells extends FeelEngineFactoryImpl {

    static final int MAX_CELLS = 10_000;

    @Override
    protected Cache<TransformExpressionCacheKey, String> createTransformExpressionCache() {
        return new Unordered();
    }

    private static final class Unordered implements Cache<TransformExpressionCacheKey, String> {

        private final Map<TransformExpressionCacheKey, String> cells = new ConcurrentHashMap<>();

        @Override
        public String get(TransformExpressionCacheKey key) {
            return cells.get(key);
        }

        @Override
        public void put(TransformExpressionCacheKey key, String juel) {
            if (cells.size() >= MAX_CELLS) {
                cells.clear();
            }
            cells.put(key, juel);
        }

        @Override
        public void clear() {
            cells.clear();
        }

        @Override
        public void remove(TransformExpressionCacheKey key) {
            cells.remove(key);
        }

        @Override
        public Set<TransformExpressionCacheKey> keySet() {
            return cells.keySet();
        }

        @Override
        public int size() {
            return cells.size();
        }

        @Override
        public boolean isEmpty() {
            return cells.isEmpty();
        }
    }
}
