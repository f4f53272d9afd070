package org.leadhandoff.scoring;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.el.JuelElContextFactory;
import org.camunda.bpm.dmn.engine.impl.el.JuelElProvider;
import org.camunda.bpm.dmn.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.impl.juel.ExpressionFactoryImpl;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ResourceBundleELResolver;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * The one place that talks to Camunda's DMN engine: parses a DMN file once into decisions that
 * can be evaluated any number of times on any thread, and reports which rules matched (by
 * their annotation), which COLLECT SUM results alone do not tell. Scoring and routing
 * ({@code LeadRouting.dmn}, see {@code routing.RoutingTable}) evaluate their tables here rather
 * than through the process engine's {@code DecisionService}, whose FEEL engine re-parses every
 * cell on every evaluation (measured: routing was a quarter of the CPU of a handoff).
 */
public final class DmnDecisions {

    /** The tables evaluated on this thread during the current {@link #evaluate} call. */
    private static final ThreadLocal<List<DmnDecisionTableEvaluationEvent>> EVALUATED = new ThreadLocal<>();

    private static final DmnDecisionTableEvaluationListener RECORDER = event -> {
        List<DmnDecisionTableEvaluationEvent> events = EVALUATED.get();
        if (events != null) {
            events.add(event);
        }
    };

    /**
     * Thread-safe and costly to build: one per JVM. Camunda's legacy FEEL engine (simple unary
     * tests: lists, ranges, comparisons, not) turns each cell into a cached JUEL expression; the
     * default Scala FEEL engine re-parses every cell and rebuilds its built-in function table on
     * every evaluation, which measured here at about 5 ms per decision instead of microseconds.
     * Cells needing more (the title and page patterns) are JUEL, which Camunda caches as well;
     * their {@code matches} calls go to {@link PatternMatching} first. {@link FeelCells} keeps the
     * cells' translations without the reordering Camunda's cache does on every lookup;
     * {@link ShortcutExpressions} answers constant output cells and plain variable names itself.
     */
    private static final DmnEngine ENGINE = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration
            .createDefaultDmnEngineConfiguration()
            .customPostDecisionTableEvaluationListeners(List.of(RECORDER)))
            .enableFeelLegacyBehavior(true)
            .feelEngineFactory(new FeelCells())
            .elProvider(new ShortcutExpressions(
                    new JuelElProvider(new ExpressionFactoryImpl(), new JuelElContextFactory(resolvers()))))
            .buildEngine();

    /** JUEL's resolvers as Camunda's DMN engine sets them up, with pattern matching in front. */
    private static ELResolver resolvers() {
        CompositeELResolver resolvers = new CompositeELResolver();
        resolvers.add(new VariableContextElResolver());
        resolvers.add(new PatternMatching());
        resolvers.add(new ArrayELResolver(true));
        resolvers.add(new ListELResolver(true));
        resolvers.add(new MapELResolver(true));
        resolvers.add(new ResourceBundleELResolver());
        resolvers.add(new BeanELResolver());
        return resolvers;
    }

    private DmnDecisions() {
    }

    /**
     * One parsed decision, the annotation of each of its rules (and its required decisions'
     * rules), and the same tables as plain Java checks when they use only simple cells
     * ({@link CompiledTables}; {@code null} when they do not).
     */
    public record Parsed(String key, DmnDecision decision, Map<String, String> ruleNames, CompiledTables compiled) {

        /** The same decision always evaluated by Camunda's engine (tests and benchmarks compare the two). */
        public Parsed onEngine() {
            return new Parsed(key, decision, ruleNames, null);
        }

        /** True when evaluations run as Java checks (falling back to the engine only for unusual values). */
        public boolean isCompiled() {
            return compiled != null;
        }
    }

    /** A rule that matched: its id, its annotation and its first output value. */
    public record Match(String decisionKey, String ruleId, String name, Object value) {
    }

    /**
     * What one evaluation gave: the root decision's result rows (output name to value, as
     * Camunda's {@code DmnDecisionResult.getResultList()} has them), every rule that matched, in
     * order, and each COLLECT SUM table's sum.
     */
    public record Outcome(List<Map<String, Object>> rows, List<Match> matches, Map<String, Object> collected) {

        public Object collected(String decisionKey) {
            return collected.get(decisionKey);
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }

        /** The first row, or {@code null} when no rule gave one. */
        public Map<String, Object> firstRow() {
            return rows.isEmpty() ? null : rows.get(0);
        }

        /** The one value of the one row (as {@code getSingleEntry}), {@code null} when there is none. */
        @SuppressWarnings("unchecked")
        public <T> T singleEntry() {
            if (rows.isEmpty()) {
                return null;
            }
            if (rows.size() > 1 || rows.get(0).size() > 1) {
                throw new IllegalStateException("Expected one result with one value, got " + rows);
            }
            return rows.get(0).isEmpty() ? null : (T) rows.get(0).values().iterator().next();
        }
    }

    public static Parsed parse(String key, byte[] dmnXml) {
        DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(dmnXml));
        Map<String, String> names = new HashMap<>();
        for (Rule rule : model.getModelElementsByType(Rule.class)) {
            String text = rule.getDescription() == null ? null : rule.getDescription().getTextContent();
            names.put(rule.getId(), text == null || text.isBlank() ? rule.getId() : text.trim());
        }
        DmnDecision decision = ENGINE.parseDecision(key, model);
        Map<String, String> ruleNames = Map.copyOf(names);
        DefaultDmnEngineConfiguration config = (DefaultDmnEngineConfiguration) ENGINE.getConfiguration();
        return new Parsed(key, decision, ruleNames, CompiledTables.of(decision, ruleNames,
                config.getDefaultInputExpressionExpressionLanguage(), config.getDefaultInputEntryExpressionLanguage(),
                config.getDefaultOutputEntryExpressionLanguage()));
    }

    /** Evaluates a decision: as Java checks where they were compiled and sure of the answer, else by the engine. */
    public static Outcome evaluate(Parsed parsed, Map<String, Object> variables) {
        if (parsed.compiled() != null) {
            Outcome fast = parsed.compiled().evaluate(variables);
            if (fast != null) {
                return fast;
            }
        }
        return evaluateOnEngine(parsed, variables);
    }

    private static Outcome evaluateOnEngine(Parsed parsed, Map<String, Object> variables) {
        List<DmnDecisionTableEvaluationEvent> events = new ArrayList<>(4);
        EVALUATED.set(events);
        try {
            DmnDecisionResult result = ENGINE.evaluateDecision(parsed.decision(), variables);
            List<Match> matches = new ArrayList<>();
            Map<String, Object> collected = new HashMap<>(4);
            for (DmnDecisionTableEvaluationEvent event : events) {
                String key = event.getDecision().getKey();
                if (event.getCollectResultValue() != null) {
                    collected.put(key, event.getCollectResultValue().getValue());
                }
                for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
                    Object value = rule.getOutputEntries().isEmpty() ? null
                            : rule.getOutputEntries().values().iterator().next().getValue().getValue();
                    matches.add(new Match(key, rule.getId(), parsed.ruleNames().getOrDefault(rule.getId(), rule.getId()),
                            value));
                }
            }
            return new Outcome(result.getResultList(), matches, collected);
        } finally {
            EVALUATED.remove();
        }
    }
}
