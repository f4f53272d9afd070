package org.leadhandoff.scoring;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * Answers the {@code cellInput.matches("...")} cells of the scoring tables (job titles, pages,
 * assets) with a pattern compiled once, instead of JUEL's reflective call of
 * {@link String#matches}, which looks the method up and compiles the pattern on every
 * evaluation: together most of a fit evaluation's time. Same meaning as {@code String.matches}
 * (the whole text must match); every other call goes on to JUEL's own resolvers.
 */
final class PatternMatching extends ELResolver {

    /** Patterns come from deployed DMN files, so there are few; the bound only guards a runaway model. */
    private static final int MAX_PATTERNS = 1_000;

    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String text) || !"matches".equals(method) || params == null || params.length != 1
                || !(params[0] instanceof String regex)) {
            return null;
        }
        context.setPropertyResolved(true);
        return pattern(regex).matcher(text).matches();
    }

    private Pattern pattern(String regex) {
        Pattern known = patterns.get(regex);
        if (known != null) {
            return known;
        }
        Pattern compiled = Pattern.compile(regex);
        if (patterns.size() < MAX_PATTERNS) {
            patterns.putIfAbsent(regex, compiled);
        }
        return compiled;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // never resolves a property: JUEL's other resolvers set values
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
