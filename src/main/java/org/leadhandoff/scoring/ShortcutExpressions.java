package org.leadhandoff.scoring;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.impl.spi.el.ElExpression;
import org.camunda.bpm.dmn.engine.impl.spi.el.ElProvider;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * JUEL expressions of the scoring tables that need no JUEL at run time: an output cell holding a
 * constant ({@code 30}, {@code -50}, {@code "A"}, {@code true}; the DMN engine wraps each in
 * {@code ${...}}) and an input expression naming a variable ({@code jobTitle}). Both give what
 * JUEL would — a whole number as a {@code Long}, the variable's value — without building an
 * expression context per evaluation, most of an output cell's cost. A name that is not among the
 * variables, and every other expression, goes to JUEL, with JUEL's errors.
 */
final class ShortcutExpressions implements ElProvider {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\$\\{\\s*(-?)\\s*(\\d{1,18})\\s*}");
    private static final Pattern STRING = Pattern.compile("\\$\\{\\s*\"([^\"\\\\$#]*)\"\\s*}");
    private static final Pattern NAME = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
    /** JUEL's reserved words, and the name under which Camunda's resolver hands out the whole context. */
    private static final Set<String> NOT_VARIABLES = Set.of("true", "false", "null", "empty", "not", "and", "or",
            "div", "mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof", "variableContext");

    private final ElProvider juel;

    ShortcutExpressions(ElProvider juel) {
        this.juel = juel;
    }

    @Override
    public ElExpression createExpression(String expression) {
        Matcher number = WHOLE_NUMBER.matcher(expression);
        if (number.matches()) {
            long value = Long.parseLong(number.group(2));
            Long constant = number.group(1).isEmpty() ? value : -value;
            return variables -> constant;
        }
        Matcher string = STRING.matcher(expression);
        if (string.matches()) {
            String constant = string.group(1);
            return variables -> constant;
        }
        String trimmed = expression.replace(" ", "");
        if (trimmed.equals("${true}") || trimmed.equals("${false}")) {
            Boolean constant = trimmed.equals("${true}");
            return variables -> constant;
        }
        ElExpression full = juel.createExpression(expression);
        Matcher name = NAME.matcher(expression);
        if (name.matches() && !NOT_VARIABLES.contains(name.group(1))) {
            String variable = name.group(1);
            return variables -> {
                TypedValue value = variables.containsVariable(variable) ? variables.resolve(variable) : null;
                return value == null ? full.getValue(variables) : value.getValue();
            };
        }
        return full;
    }
}
