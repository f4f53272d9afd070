package org.leadhandoff.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;
import org.camunda.bpm.dmn.engine.impl.hitpolicy.HitPolicyEntry;
import org.camunda.bpm.dmn.engine.impl.spi.type.DmnTypeDefinition;
import org.camunda.bpm.model.dmn.BuiltinAggregator;
import org.camunda.bpm.model.dmn.HitPolicy;

/**
 * A decision and the decisions it requires, turned into plain Java checks when every table uses
 * only what the shipped tables use: inputs naming a variable; cells that are empty, {@code -},
 * string, whole-number, decimal or boolean literals, comparisons and ranges on numbers, lists of
 * these and {@code not(...)}; the JUEL pattern cells {@code ${cellInput.matches("...")}} (with
 * or without {@code cellInput != null &&} before it); outputs that are literals or a variable;
 * hit policy FIRST, UNIQUE or COLLECT SUM. The checks give what Camunda's legacy FEEL and JUEL
 * give for those cells, in the same order (a rule left out by an earlier input never has its
 * later cells looked at), and values go through the tables' own type definitions.
 *
 * <p>Where an answer could differ from the engine's — a value of a type a cell was not written
 * for, a missing variable, a pattern cell given no text, a UNIQUE table with two matches,
 * required results that are lists — {@link #evaluate} answers {@code null} and the caller asks
 * Camunda's engine, which gives its own answer or its own error. A table using anything else is
 * not compiled at all ({@link #of} answers {@code null}). {@code CompiledTablesTest} checks both
 * give the same results, matches and sums for the shipped tables and for tables written to
 * exercise every cell form.
 */
public final class CompiledTables {

    /** A cell's answer: matches, does not, or "ask the engine". */
    static final int NO = 0;
    static final int YES = 1;
    static final int UNSURE = -1;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> NOT_VARIABLES = Set.of("true", "false", "null", "empty", "not", "and", "or",
            "div", "mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof", "variableContext");
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}\\.\\d{1,15}");
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\$#{}]*)\"");
    private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>)\\s*(\\S.*)");
    private static final Pattern INTERVAL = Pattern.compile("([\\[\\]])\\s*(\\S+?)\\s*\\.\\.\\s*(\\S+?)\\s*([\\[\\]])");
    private static final Pattern NOT = Pattern.compile("not\\((.+)\\)");
    private static final Pattern MATCHES = Pattern.compile(
            "\\$\\{\\s*(?:(\\w+)\\s*!=\\s*null\\s*&&\\s*)?(\\w+)\\s*\\.\\s*matches\\(\\s*\"([^\"\\\\]*)\"\\s*\\)\\s*}");

    private final List<Table> tables;
    private final Map<String, String> ruleNames;

    private CompiledTables(List<Table> tables, Map<String, String> ruleNames) {
        this.tables = tables;
        this.ruleNames = ruleNames;
    }

    /**
     * The decision as Java checks, or {@code null} when any table in it (or required by it) uses
     * something outside the forms above. {@code inputEntryLanguage} and {@code outputLanguage} are
     * the engine's defaults for cells that name none.
     */
    static CompiledTables of(DmnDecision decision, Map<String, String> ruleNames, String inputExpressionLanguage,
            String inputEntryLanguage, String outputLanguage) {
        if (!isJuel(inputExpressionLanguage) || !isFeel(inputEntryLanguage) || !isJuel(outputLanguage)) {
            return null;
        }
        List<DmnDecision> order = new ArrayList<>();
        inEvaluationOrder(decision, order);
        List<Table> tables = new ArrayList<>(order.size());
        for (DmnDecision d : order) {
            Table table = Table.of(d, d == decision);
            if (table == null) {
                return null;
            }
            tables.add(table);
        }
        return new CompiledTables(List.copyOf(tables), ruleNames);
    }

    /** Required decisions first, each once, as Camunda's decision context orders them. */
    private static void inEvaluationOrder(DmnDecision decision, List<DmnDecision> order) {
        if (order.contains(decision)) {
            return;
        }
        for (DmnDecision required : decision.getRequiredDecisions()) {
            inEvaluationOrder(required, order);
        }
        order.add(decision);
    }

    /** The outcome, or {@code null} when the engine must answer (see the class comment). */
    public DmnDecisions.Outcome evaluate(Map<String, Object> variables) {
        for (Object value : variables.values()) {
            if (value instanceof org.camunda.bpm.engine.variable.value.TypedValue) {
                return null;
            }
        }
        Map<String, Object> scope = new HashMap<>(variables);
        List<DmnDecisions.Match> matches = new ArrayList<>(4);
        Map<String, Object> collected = new HashMap<>(4);
        List<Map<String, Object>> rows = null;
        for (Table table : tables) {
            List<Map<String, Object>> result = table.evaluate(scope, matches, collected, ruleNames);
            if (result == null) {
                return null;
            }
            if (table.root) {
                rows = result;
            } else if (result.size() == 1) {
                scope.putAll(result.get(0));
            } else if (!result.isEmpty()) {
                return null;
            }
        }
        return new DmnDecisions.Outcome(rows, matches, collected);
    }

    private static boolean isJuel(String language) {
        return "juel".equals(language);
    }

    private static boolean isFeel(String language) {
        return language != null && (language.equals("feel") || language.equalsIgnoreCase("http://www.omg.org/spec/FEEL/20140401"));
    }

    /** One decision table. */
    private record Table(String key, boolean root, HitPolicy hitPolicy, List<Input> inputs, List<Output> outputs,
            List<Rule> rules) {

        static Table of(DmnDecision decision, boolean root) {
            if (!decision.isDecisionTable() || !(decision.getDecisionLogic() instanceof DmnDecisionTableImpl table)) {
                return null;
            }
            HitPolicyEntry entry = table.getHitPolicyHandler().getHitPolicyEntry();
            HitPolicy policy = entry.getHitPolicy();
            boolean supported = switch (policy) {
                case FIRST, UNIQUE -> entry.getAggregator() == null;
                case COLLECT -> entry.getAggregator() == BuiltinAggregator.SUM && table.getOutputs().size() == 1;
                default -> false;
            };
            if (!supported) {
                return null;
            }
            List<Input> inputs = new ArrayList<>();
            for (DmnDecisionTableInputImpl input : table.getInputs()) {
                Input compiled = Input.of(input);
                if (compiled == null) {
                    return null;
                }
                inputs.add(compiled);
            }
            List<Output> outputs = new ArrayList<>();
            for (DmnDecisionTableOutputImpl output : table.getOutputs()) {
                outputs.add(new Output(output.getOutputName(), output.getTypeDefinition()));
            }
            List<Rule> rules = new ArrayList<>();
            for (DmnDecisionTableRuleImpl rule : table.getRules()) {
                Rule compiled = Rule.of(rule, inputs, outputs);
                if (compiled == null) {
                    return null;
                }
                rules.add(compiled);
            }
            return new Table(decision.getKey(), root, policy, List.copyOf(inputs), List.copyOf(outputs),
                    List.copyOf(rules));
        }

        /** Result rows as Camunda's decision result lists them, or {@code null} to ask the engine. */
        List<Map<String, Object>> evaluate(Map<String, Object> scope, List<DmnDecisions.Match> matches,
                Map<String, Object> collected, Map<String, String> ruleNames) {
            int n = rules.size();
            boolean[] alive = new boolean[n];
            java.util.Arrays.fill(alive, true);
            for (int i = 0; i < inputs.size(); i++) {
                Input input = inputs.get(i);
                if (!scope.containsKey(input.variable())) {
                    return null;
                }
                Object value;
                try {
                    value = input.type().transform(scope.get(input.variable())).getValue();
                } catch (RuntimeException e) {
                    return null;
                }
                for (int r = 0; r < n; r++) {
                    if (alive[r]) {
                        int answer = rules.get(r).cells().get(i).test(value);
                        if (answer == UNSURE) {
                            return null;
                        }
                        alive[r] = answer == YES;
                    }
                }
            }
            List<Rule> matched = new ArrayList<>(2);
            List<Map<String, Object>> values = new ArrayList<>(2);
            for (int r = 0; r < n; r++) {
                if (alive[r]) {
                    Map<String, Object> row = rules.get(r).outputs(outputs, scope);
                    if (row == null) {
                        return null;
                    }
                    matched.add(rules.get(r));
                    values.add(row);
                }
            }
            if (hitPolicy == HitPolicy.FIRST && matched.size() > 1) {
                matched = matched.subList(0, 1);
                values = values.subList(0, 1);
            } else if (hitPolicy == HitPolicy.UNIQUE && matched.size() > 1) {
                return null;
            }
            for (int m = 0; m < matched.size(); m++) {
                Map<String, Object> row = values.get(m);
                Object first = row.isEmpty() ? null : row.values().iterator().next();
                String id = matched.get(m).id();
                matches.add(new DmnDecisions.Match(key, id, ruleNames.getOrDefault(id, id), first));
            }
            if (hitPolicy != HitPolicy.COLLECT) {
                return List.copyOf(values);
            }
            if (values.isEmpty()) {
                return List.of();
            }
            Object sum = sum(values);
            if (sum == null) {
                return null;
            }
            collected.put(key, sum);
            Map<String, Object> row = new LinkedHashMap<>(2);
            row.put(outputs.get(0).name(), sum);
            return List.of(row);
        }

        /** COLLECT SUM as Camunda adds: all Integer → Integer, all Long → Long; anything else to the engine. */
        private static Object sum(List<Map<String, Object>> rows) {
            boolean ints = true;
            boolean longs = true;
            long total = 0;
            for (Map<String, Object> row : rows) {
                if (row.size() != 1) {
                    return null;
                }
                Object v = row.values().iterator().next();
                ints &= v instanceof Integer;
                longs &= v instanceof Long;
                if (!(v instanceof Integer || v instanceof Long)) {
                    return null;
                }
                total += ((Number) v).longValue();
            }
            if (ints) {
                return (int) total;
            }
            return longs ? total : null;
        }
    }

    /** An input: the variable its expression names and the type its value is converted to. */
    private record Input(String variable, String cellName, DmnTypeDefinition type) {

        static Input of(DmnDecisionTableInputImpl input) {
            DmnExpressionImpl expression = input.getExpression();
            if (expression == null || expression.getExpression() == null || expression.getExpressionLanguage() != null) {
                return null;
            }
            String name = expression.getExpression().trim();
            if (!NAME.matcher(name).matches() || NOT_VARIABLES.contains(name)) {
                return null;
            }
            return new Input(name, input.getInputVariable(), expression.getTypeDefinition());
        }
    }

    /** An output column's name and type. */
    private record Output(String name, DmnTypeDefinition type) {
    }

    /** A value an output cell gives: a constant, or a variable read at evaluation time. */
    private record Conclusion(boolean empty, Object constant, String variable) {

        static final Conclusion NONE = new Conclusion(true, null, null);
    }

    private record Rule(String id, List<Cell> cells, List<Conclusion> conclusions) {

        static Rule of(DmnDecisionTableRuleImpl rule, List<Input> inputs, List<Output> outputs) {
            List<Cell> cells = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                Cell cell = cell(rule.getConditions().get(i), inputs.get(i).cellName());
                if (cell == null) {
                    return null;
                }
                cells.add(cell);
            }
            List<Conclusion> conclusions = new ArrayList<>(outputs.size());
            for (int o = 0; o < outputs.size(); o++) {
                Conclusion conclusion = conclusion(rule.getConclusions().get(o), outputs.get(o));
                if (conclusion == null) {
                    return null;
                }
                conclusions.add(conclusion);
            }
            return new Rule(rule.getId(), List.copyOf(cells), List.copyOf(conclusions));
        }

        /** Output values by name, typed as the columns say, or {@code null} to ask the engine. */
        Map<String, Object> outputs(List<Output> columns, Map<String, Object> scope) {
            Map<String, Object> row = new LinkedHashMap<>(4);
            for (int o = 0; o < columns.size(); o++) {
                Conclusion c = conclusions.get(o);
                if (c.empty()) {
                    continue;
                }
                Object value = c.constant();
                if (c.variable() != null) {
                    if (!scope.containsKey(c.variable())) {
                        return null;
                    }
                    try {
                        value = columns.get(o).type().transform(scope.get(c.variable())).getValue();
                    } catch (RuntimeException e) {
                        return null;
                    }
                }
                row.put(columns.get(o).name(), value);
            }
            return row;
        }
    }

    private static Conclusion conclusion(DmnExpressionImpl entry, Output output) {
        if (entry == null || entry.getExpression() == null || entry.getExpression().isBlank()) {
            return Conclusion.NONE;
        }
        if (entry.getExpressionLanguage() != null) {
            return null;
        }
        String text = entry.getExpression().trim();
        Object literal = literal(text);
        if (literal == null && NAME.matcher(text).matches() && !NOT_VARIABLES.contains(text)) {
            return new Conclusion(false, null, text);
        }
        if (literal == null) {
            return null;
        }
        try {
            return new Conclusion(false, output.type().transform(literal).getValue(), null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A JUEL or FEEL literal as JUEL evaluates it: Long, Double, String or Boolean; {@code null} if not one. */
    private static Object literal(String text) {
        if (WHOLE.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        Matcher string = STRING.matcher(text);
        if (string.matches()) {
            return string.group(1);
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        return null;
    }

    /** An input cell's test of the input's value. */
    @FunctionalInterface
    interface Cell {
        int test(Object value);
    }

    private static final Cell ANY = value -> YES;

    /** The cell as a Java check, or {@code null} when it is outside the supported forms. */
    static Cell cell(DmnExpressionImpl entry, String cellName) {
        if (entry == null || entry.getExpression() == null || entry.getExpression().trim().isEmpty()) {
            return ANY;
        }
        String language = entry.getExpressionLanguage();
        String text = entry.getExpression().trim();
        if (language == null) {
            return feel(text);
        }
        return isJuel(language) ? juelPattern(text, cellName) : null;
    }

    /** Legacy FEEL simple unary tests: {@code -}, {@code not(...)}, or positive tests. */
    static Cell feel(String text) {
        if (text.equals("-")) {
            return ANY;
        }
        Matcher not = NOT.matcher(text);
        if (text.startsWith("not(")) {
            if (!not.matches()) {
                return null;
            }
            Cell inner = positiveTests(not.group(1).trim());
            return inner == null ? null : value -> {
                int answer = inner.test(value);
                return answer == UNSURE ? UNSURE : 1 - answer;
            };
        }
        return positiveTests(text);
    }

    /** A comma-separated list (commas inside quotes do not separate) of positive tests, any of which matches. */
    private static Cell positiveTests(String text) {
        List<String> items = splitOutsideQuotes(text);
        if (items == null) {
            return null;
        }
        if (items.size() == 1) {
            return positiveTest(items.get(0));
        }
        List<Cell> any = new ArrayList<>(items.size());
        for (String item : items) {
            Cell cell = positiveTest(item);
            if (cell == null) {
                return null;
            }
            any.add(cell);
        }
        if (any.stream().allMatch(c -> c instanceof StringEquals)) {
            Set<String> strings = new java.util.HashSet<>();
            any.forEach(c -> strings.add(((StringEquals) c).literal()));
            return new StringIn(Set.copyOf(strings));
        }
        return value -> {
            for (Cell c : any) {
                int answer = c.test(value);
                if (answer != NO) {
                    return answer;
                }
            }
            return NO;
        };
    }

    /** Items between commas outside double quotes, trimmed; {@code null} if any is empty or a quote is open. */
    private static List<String> splitOutsideQuotes(String text) {
        List<String> items = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                items.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        items.add(text.substring(start).trim());
        if (quoted || items.stream().anyMatch(String::isEmpty)) {
            return null;
        }
        return items;
    }

    private static Cell positiveTest(String text) {
        Matcher interval = INTERVAL.matcher(text);
        if (text.startsWith("[") || text.startsWith("]") || text.startsWith("(")) {
            if (!interval.matches()) {
                return null;
            }
            Number low = number(interval.group(2));
            Number high = number(interval.group(3));
            if (low == null || high == null) {
                return null;
            }
            Cell above = compare(interval.group(1).equals("[") ? ">=" : ">", low);
            Cell below = compare(interval.group(4).equals("]") ? "<=" : "<", high);
            return value -> {
                int first = above.test(value);
                return first == YES ? below.test(value) : first;
            };
        }
        Matcher comparison = COMPARISON.matcher(text);
        if (text.startsWith("<") || text.startsWith(">")) {
            if (!comparison.matches() || comparison.group(2).startsWith("=")) {
                return null;
            }
            Number endpoint = number(comparison.group(2).trim());
            return endpoint == null ? null : compare(comparison.group(1), endpoint);
        }
        Object literal = literal(text);
        if (literal instanceof String s) {
            return new StringEquals(s);
        }
        if (literal instanceof Boolean b) {
            return value -> value == null ? NO : value instanceof Boolean v ? (v.equals(b) ? YES : NO) : UNSURE;
        }
        if (literal instanceof Number number) {
            return compare("==", number);
        }
        return null;
    }

    private static Number number(String text) {
        Object literal = literal(text);
        return literal instanceof Number n ? n : null;
    }

    /**
     * JUEL's comparison of a value with a number literal: no value never matches; whole numbers
     * compare exactly, anything with a decimal as doubles; other values are for the engine.
     */
    private static Cell compare(String operator, Number endpoint) {
        boolean decimal = endpoint instanceof Double;
        long whole = endpoint.longValue();
        double real = endpoint.doubleValue();
        return value -> {
            if (value == null) {
                return NO;
            }
            int order;
            if (!decimal && (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte)) {
                order = Long.compare(((Number) value).longValue(), whole);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte || value instanceof Double || value instanceof Float) {
                double v = ((Number) value).doubleValue();
                if (Double.isNaN(v)) {
                    return UNSURE;
                }
                order = Double.compare(v, real);
                if (v == real) {
                    order = 0;
                }
            } else {
                return UNSURE;
            }
            boolean holds = switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> order == 0;
            };
            return holds ? YES : NO;
        };
    }

    /** {@code "text"}: equal strings match, no value does not, other values are for the engine. */
    private record StringEquals(String literal) implements Cell {
        @Override
        public int test(Object value) {
            if (value == null) {
                return NO;
            }
            return value instanceof String s ? (s.equals(literal) ? YES : NO) : UNSURE;
        }
    }

    /** A list of string literals, looked up in a set instead of compared one by one. */
    private record StringIn(Set<String> literals) implements Cell {
        @Override
        public int test(Object value) {
            if (value == null) {
                return NO;
            }
            return value instanceof String s ? (literals.contains(s) ? YES : NO) : UNSURE;
        }
    }

    /** {@code ${cellInput.matches("re")}} and {@code ${cellInput != null && cellInput.matches("re")}}. */
    private static Cell juelPattern(String text, String cellName) {
        Matcher m = MATCHES.matcher(text);
        if (!m.matches() || !m.group(2).equals(cellName) || (m.group(1) != null && !m.group(1).equals(cellName))) {
            return null;
        }
        boolean nullChecked = m.group(1) != null;
        Pattern pattern;
        try {
            pattern = Pattern.compile(m.group(3));
        } catch (RuntimeException e) {
            return null;
        }
        return value -> {
            if (value == null) {
                return nullChecked ? NO : UNSURE;
            }
            return value instanceof String s ? (pattern.matcher(s).matches() ? YES : NO) : UNSURE;
        };
    }
}
