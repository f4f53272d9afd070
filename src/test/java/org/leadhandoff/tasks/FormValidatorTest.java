package org.leadhandoff.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadhandoff.web.FieldProblem;

/** The shipped forms' rules, enforced on the server exactly as the form shows them. */
class FormValidatorTest {

    static FormDefinition form(String name) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("forms", name + ".form"))) {
            return FormDefinition.parse(in, new ObjectMapper());
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            AcceptLead     | {"decision":"ACCEPT"}                                   | -
            AcceptLead     | {"decision":"ACCEPT","rejectReason":"NOT_A_FIT"}        | -
            AcceptLead     | {}                                                      | decision
            AcceptLead     | {"decision":"REJECT"}                                   | rejectReason
            AcceptLead     | {"decision":"REJECT","rejectReason":"BORED"}            | rejectReason
            AcceptLead     | {"decision":"REJECT","rejectReason":"DUPLICATE"}        | -
            AcceptLead     | {"decision":"ACCEPT","extra":"1"}                       | extra
            DiscoveryCall  | {"outcome":"NO_ANSWER"}                                 | -
            DiscoveryCall  | {"outcome":"QUALIFIED","budget":"1","authority":"a","need":"n"} | timeline
            DiscoveryCall  | {"outcome":"QUALIFIED","budget":"1","authority":"a","need":"n","timeline":"t"} | -
            DiscoveryCall  | {"outcome":"LATER"}                                     | outcome
            ResolveEscalation | {"action":"TAKE_OVER"}                               | -
            ResolveEscalation | {"action":"REASSIGN"}                                | -
            ResolveEscalation | {"action":"REASSIGN","newAssignee":"bob"}            | -
            ResolveEscalation | {"newAssignee":"bob"}                                | action
            """)
    void validates(String formName, String json, String badField) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = new ObjectMapper().readValue(json, Map.class);
        FormValidator.Result result = FormValidator.validate(form(formName), values);
        if (badField == null) {
            assertThat(result.problems()).isEmpty();
        } else {
            assertThat(result.problems()).extracting(FieldProblem::field).containsExactly(badField);
        }
    }

    @org.junit.jupiter.api.Test
    void hiddenFieldsAreNotSubmitted() throws IOException {
        FormValidator.Result result = FormValidator.validate(form("AcceptLead"),
                Map.of("decision", "ACCEPT", "rejectReason", "NOT_A_FIT"));
        assertThat(result.values()).containsOnlyKeys("decision");
        FormValidator.Result escalation = FormValidator.validate(form("ResolveEscalation"),
                Map.of("action", "TAKE_OVER", "newAssignee", "bob"));
        assertThat(escalation.values()).containsOnlyKeys("action");
    }

    /** What every hide condition answered before: the FEEL engine, asked afresh each time. */
    private static Boolean feel(String hide, Map<String, Object> context) {
        var result = FeelEngineBuilder.forJava().build()
                .evaluateExpression(hide.startsWith("=") ? hide.substring(1) : hide, context);
        return result.isSuccess() && Boolean.TRUE.equals(result.result());
    }

    @org.junit.jupiter.api.Test
    void hideConditionsAnswerAsTheFeelEngineDoes() throws IOException {
        List<String> hides = new ArrayList<>();
        for (String name : List.of("AcceptLead", "DiscoveryCall", "ResolveEscalation")) {
            for (FormDefinition.Field field : form(name).inputs()) {
                if (field.hide() != null) {
                    hides.add(field.hide());
                    // the shipped forms' conditions take the Java path for string values
                    assertThat(FormValidator.HideCondition.of(field.hide()).name()).as(field.hide()).isNotNull();
                }
            }
        }
        assertThat(hides).hasSize(6);
        hides.addAll(List.of("=decision = \"REJECT\"", " = decision!=\"with space\" ", "decision = \"\"",
                "=decision != \"REJECT\" and other = \"x\"", "=decision in [\"A\", \"B\"]", "=decision !=",
                "=not(decision = \"REJECT\")", "=decision = 5"));
        List<Object> values = new ArrayList<>(Arrays.asList("REJECT", "ACCEPT", "", "with space", "A", 5, 5.0, true,
                null, List.of("REJECT")));
        for (String hide : hides) {
            for (Object value : values) {
                for (String key : List.of("decision", "outcome", "action")) {
                    Map<String, Object> context = new HashMap<>();
                    context.put(key, value);
                    context.put("other", "x");
                    assertThat(FormValidator.HideCondition.of(hide).test(context))
                            .as("%s with %s=%s", hide, key, value).isEqualTo(feel(hide, context));
                }
            }
            assertThat(FormValidator.HideCondition.of(hide).test(Map.of())).as("%s, nothing submitted", hide)
                    .isEqualTo(feel(hide, Map.of()));
        }
    }
}
