package org.leadhandoff.tasks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.leadhandoff.web.FieldProblem;

/**
 * Checks submitted values against a form the way the form itself does in the browser: required
 * fields, allowed values, lengths, ranges and patterns, skipping fields the form's own FEEL
 * condition hides. Used for the REST API and the task pages alike, so both accept the same input.
 */
public final class FormValidator {

    private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();

    private FormValidator() {
    }

    /** The values to submit (only visible fields, typed) or what is wrong with them. */
    public record Result(Map<String, Object> values, List<FieldProblem> problems) {

        public boolean isValid() {
            return problems.isEmpty();
        }
    }

    public static Result validate(FormDefinition form, Map<String, ?> submitted) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        List<FormDefinition.Field> inputs = form.inputs();
        for (String key : submitted.keySet()) {
            if (inputs.stream().noneMatch(f -> f.key().equals(key))) {
                problems.add(new FieldProblem(key, submitted.get(key), "is not a field of form " + form.id()
                        + "; fields: " + inputs.stream().map(FormDefinition.Field::key).collect(Collectors.joining(", "))));
            }
        }
        Map<String, Object> context = new LinkedHashMap<>(submitted);
        for (FormDefinition.Field field : inputs) {
            if (isHidden(field, context)) {
                continue;
            }
            Object raw = submitted.get(field.key());
            if (isBlank(raw)) {
                if (field.required() && !"checkbox".equals(field.type())) {
                    problems.add(new FieldProblem(field.key(), raw, "is required" + allowed(field)));
                }
                continue;
            }
            String problem = check(field, raw);
            if (problem != null) {
                problems.add(new FieldProblem(field.key(), raw, problem));
            } else {
                values.put(field.key(), typed(field, raw));
            }
        }
        return new Result(values, problems);
    }

    static boolean isHidden(FormDefinition.Field field, Map<String, Object> context) {
        if (field.hide() == null || field.hide().isBlank()) {
            return false;
        }
        return HIDE_CONDITIONS.computeIfAbsent(field.hide(), HideCondition::of).test(context);
    }

    /** Parsed once per expression text: forms are redeployed rarely, tasks completed all day. */
    private static final Map<String, HideCondition> HIDE_CONDITIONS = new ConcurrentHashMap<>();

    /**
     * A form's {@code conditional.hide} FEEL expression. The shape every shipped form uses, a field
     * compared with a string literal ({@code =decision != "REJECT"}), is answered in Java when the
     * field holds a string, where FEEL's answer is plain string equality; anything else (another
     * expression, a value of another type, a missing field) goes to the FEEL engine, parsed once.
     * In a profile of the rep's task completions the FEEL engine's parse and set-up per call was
     * an eighth of the request threads' CPU.
     */
    record HideCondition(String name, String literal, boolean equal, ParsedExpression parsed) {

        private static final Pattern SIMPLE = Pattern.compile(
                "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(!=|=)\\s*\"([^\"\\\\]*)\"\\s*");

        static HideCondition of(String hide) {
            String expression = hide.startsWith("=") ? hide.substring(1) : hide;
            ParseResult parse = FEEL.parseExpression(expression);
            ParsedExpression parsed = parse.isSuccess() ? parse.parsedExpression() : null;
            Matcher m = SIMPLE.matcher(expression);
            if (parsed != null && m.matches()) {
                return new HideCondition(m.group(1), m.group(3), m.group(2).equals("="), parsed);
            }
            return new HideCondition(null, null, false, parsed);
        }

        boolean test(Map<String, Object> context) {
            if (name != null && context.get(name) instanceof String value) {
                return value.equals(literal) == equal;
            }
            if (parsed == null) {
                // as before: an expression FEEL cannot parse hides nothing
                return false;
            }
            EvaluationResult result = FEEL.evaluate(parsed, context);
            return result.isSuccess() && Boolean.TRUE.equals(result.result());
        }
    }

    private static String check(FormDefinition.Field field, Object raw) {
        String text = raw.toString();
        switch (field.type()) {
            case "number" -> {
                BigDecimal number;
                try {
                    number = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    return "must be a number";
                }
                if (field.min() != null && number.doubleValue() < field.min()) {
                    return "must be at least " + field.min();
                }
                if (field.max() != null && number.doubleValue() > field.max()) {
                    return "must be at most " + field.max();
                }
                return null;
            }
            case "checkbox" -> {
                return raw instanceof Boolean || text.equals("true") || text.equals("false") ? null
                        : "must be true or false";
            }
            case "datetime" -> {
                try {
                    LocalDate.parse(text);
                    return null;
                } catch (DateTimeParseException e) {
                    return "must be a date like 2026-12-31";
                }
            }
            default -> {
                if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
                    return "must be a single value";
                }
                if (field.hasOptions() && field.values().stream().noneMatch(o -> o.value().equals(text))) {
                    return "must be one of " + field.values().stream().map(FormDefinition.Option::value)
                            .collect(Collectors.joining(", "));
                }
                if (field.minLength() != null && text.length() < field.minLength()) {
                    return "must have at least " + field.minLength() + " characters";
                }
                int max = field.maxLength() != null ? field.maxLength() : 4000;
                if (text.length() > max) {
                    return "must have at most " + max + " characters";
                }
                if (field.pattern() != null && !Pattern.matches(field.pattern(), text)) {
                    return "must match " + field.pattern();
                }
                return null;
            }
        }
    }

    private static Object typed(FormDefinition.Field field, Object raw) {
        return switch (field.type()) {
            case "number" -> new BigDecimal(raw.toString()).stripTrailingZeros().scale() <= 0
                    ? (Object) Long.valueOf(new BigDecimal(raw.toString()).longValueExact())
                    : (Object) Double.valueOf(raw.toString());
            case "checkbox" -> Boolean.valueOf(raw.toString());
            default -> raw.toString().trim();
        };
    }

    private static String allowed(FormDefinition.Field field) {
        return field.hasOptions() ? "; one of " + field.values().stream().map(FormDefinition.Option::value)
                .collect(Collectors.joining(", ")) : "";
    }

    private static boolean isBlank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
