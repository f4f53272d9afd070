package org.leadhandoff.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A Camunda Forms (form-js) schema as read from a {@code .form} file: the input fields with
 * their type, label, allowed values, validation and the FEEL condition that hides them.
 * Layout-only components (text, spacer, …) are kept for rendering but carry no key.
 */
public record FormDefinition(String id, List<Field> fields) {

    /** One component of the form. {@code key} is null for components that take no input. */
    public record Field(String key, String type, String label, String description, boolean required,
            List<Option> values, Integer minLength, Integer maxLength, Double min, Double max, String pattern,
            String hide, String text) {

        public boolean isInput() {
            return key != null;
        }

        public boolean hasOptions() {
            return !values.isEmpty();
        }
    }

    /** One allowed value of a select, radio or checklist field. */
    public record Option(String value, String label) {
    }

    public static FormDefinition parse(InputStream json, ObjectMapper mapper) throws IOException {
        JsonNode root = mapper.readTree(json);
        List<Field> fields = new ArrayList<>();
        collect(root.path("components"), fields);
        return new FormDefinition(root.path("id").asText(null), List.copyOf(fields));
    }

    public List<Field> inputs() {
        return fields.stream().filter(Field::isInput).toList();
    }

    private static void collect(JsonNode components, List<Field> into) {
        for (JsonNode c : components) {
            if (c.has("components")) {
                collect(c.path("components"), into);
                continue;
            }
            List<Option> options = new ArrayList<>();
            for (JsonNode v : c.path("values")) {
                options.add(new Option(v.path("value").asText(), v.path("label").asText(v.path("value").asText())));
            }
            JsonNode validate = c.path("validate");
            into.add(new Field(text(c, "key"), c.path("type").asText(), text(c, "label"), text(c, "description"),
                    validate.path("required").asBoolean(false), List.copyOf(options),
                    integer(validate, "minLength"), integer(validate, "maxLength"), number(validate, "min"),
                    number(validate, "max"), text(validate, "pattern"), text(c.path("conditional"), "hide"),
                    text(c, "text")));
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isNumber() ? null : value.asInt();
    }

    private static Double number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isNumber() ? null : value.asDouble();
    }
}
