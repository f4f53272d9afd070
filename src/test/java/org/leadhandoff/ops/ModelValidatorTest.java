package org.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each way an edited model can break the application is caught with its file, element, line and a message. */
class ModelValidatorTest {

    @Test
    void theShippedModelsAreValid() throws IOException {
        assertThat(ModelValidator.validate(shipped())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not well-formed XML        | bpmn/LeadHandoff.bpmn  | <bpmn:incoming>SequenceFlow_LeadRouted</bpmn:incoming>               | <bpmn:incoming>SequenceFlow_LeadRouted</bpmn:incomin>  |             | <bpmn:incoming>SequenceFlow_LeadRouted | Not well-formed XML
        not a BPMN model           | bpmn/LeadHandoff.bpmn  | <bpmn:endEvent id="EndEvent_RepNotified" name="Rep notified">        | <bpmn:endEvent id="EndEvent_RepNotified" name="Rep notified" colour="red"> |  | id="EndEvent_RepNotified"              | Not a valid BPMN model
        contract task id renamed   | bpmn/LeadHandoff.bpmn  | "Task_AcceptLead"                                                    | "Task_TakeLead"                                        | Task_AcceptLead |                                  | missing from the process LeadHandoff
        contract end event renamed | bpmn/LeadHandoff.bpmn  | "EndEvent_Recycled"                                                  | "EndEvent_BackToNurture"                               | EndEvent_Recycled |                                | missing from the process LeadHandoff
        process id renamed         | bpmn/LeadHandoff.bpmn  | <bpmn:process id="LeadHandoff"                                      | <bpmn:process id="Handoff"                             | LeadHandoff |                                    | The process LeadHandoff is missing
        Modeler-generated id       | bpmn/LeadHandoff.bpmn  | "EndEvent_RepNotified"                                               | "Event_0x1abcd"                                        | Event_0x1abcd | id="Event_0x1abcd" name          | Modeler-generated id Event_0x1abcd
        no history time to live    | bpmn/LeadHandoff.bpmn  | camunda:historyTimeToLive="P180D"                                    | ''                                                     | LeadHandoff | <bpmn:process id="LeadHandoff"     | no history time to live
        form referenced but absent | bpmn/LeadHandoff.bpmn  | camunda:formRef="DiscoveryCall"                                      | camunda:formRef="DiscoveryCallV2"                      | Task_DiscoveryCall | id="Task_DiscoveryCall"     | The form DiscoveryCallV2 is referenced but absent
        formRef without binding    | bpmn/LeadHandoff.bpmn  | camunda:formRef="ResolveEscalation" camunda:formRefBinding="latest">  | camunda:formRef="ResolveEscalation">               | Task_ResolveEscalation | id="Task_ResolveEscalation" | needs camunda:formRefBinding
        form field renamed         | forms/AcceptLead.form  | "key": "rejectReason"                                                | "key": "reason"                                        | AcceptLead |                                     | The field rejectReason is missing
        form value dropped         | forms/DiscoveryCall.form | { "label": "No answer", "value": "NO_ANSWER" },                     | ''                                                     | Field_outcome |                                  | missing [NO_ANSWER]
        invalid form JSON          | forms/ResolveEscalation.form | "id": "ResolveEscalation",                                      | "id": "ResolveEscalation"                              |             | "type"                                 | Not valid JSON
        """)
    void catches(String what, String file, String from, String to, String elementId, String lineOf, String message)
            throws IOException {
        Map<String, byte[]> files = shipped();
        String original = new String(files.get(file), StandardCharsets.UTF_8);
        assertThat(original).as("the table edits something in %s", file).contains(from);
        String edited = original.replace(from, to == null ? "" : to);
        files.put(file, edited.getBytes(StandardCharsets.UTF_8));

        List<ModelError> errors = ModelValidator.validate(files);

        assertThat(errors).as(what).isNotEmpty();
        ModelError error = errors.stream().filter(e -> e.message().contains(message)).findFirst().orElse(null);
        assertThat(error).as("%s: an error saying '%s' in %s", what, message, errors).isNotNull();
        assertThat(error.file()).isEqualTo(file);
        assertThat(error.elementId()).isEqualTo(elementId);
        if (lineOf != null) {
            assertThat(error.line()).as("line of %s", lineOf).isEqualTo(lineOf(edited, lineOf));
        }
    }

    @Test
    void aBpmnReferencingAFormOnlyInTheSetIsFine() throws IOException {
        Map<String, byte[]> files = shipped();
        String form = new String(files.get("forms/DiscoveryCall.form"), StandardCharsets.UTF_8);
        files.put("forms/DiscoveryCallShort.form", form.replace("\"id\": \"DiscoveryCall\"", "\"id\": \"DiscoveryCallShort\"")
                .getBytes(StandardCharsets.UTF_8));
        String bpmn = new String(files.get("bpmn/LeadHandoff.bpmn"), StandardCharsets.UTF_8);
        files.put("bpmn/LeadHandoff.bpmn", bpmn.replace("camunda:candidateGroups=\"${secondLevelGroup}\" camunda:formRef=\"ResolveEscalation\"",
                "camunda:candidateGroups=\"${secondLevelGroup}\" camunda:formRef=\"DiscoveryCallShort\"").getBytes(StandardCharsets.UTF_8));
        assertThat(ModelValidator.validate(files)).isEmpty();
    }

    @Test
    void generatedIdsInADecisionTableAreCaughtButNotDiagramShapes() {
        String dmn = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/"
                xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                id="Definitions_Points" name="Points" namespace="http://camunda.org/schema/1.0/dmn">
              <decision id="Decision_1k2j3h4" name="Points" camunda:historyTimeToLive="P180D">
                <decisionTable id="DecisionTable_Points">
                  <input id="Input_Type"><inputExpression id="InputExpression_Type" typeRef="string"><text>type</text></inputExpression></input>
                  <output id="Output_Points" name="points" typeRef="integer" />
                </decisionTable>
              </decision>
              <dmndi:DMNDI><dmndi:DMNDiagram id="DMNDiagram_0abc123"><dmndi:DMNShape id="DMNShape_1xyz789" dmnElementRef="Decision_1k2j3h4"><dc:Bounds height="80" width="180" x="160" y="100" /></dmndi:DMNShape></dmndi:DMNDiagram></dmndi:DMNDI>
            </definitions>
            """;
        assertThat(ModelValidator.generatedIds("bpmn/Points.dmn", dmn.getBytes(StandardCharsets.UTF_8)))
                .extracting(ModelError::elementId, ModelError::line).containsExactly(org.assertj.core.groups.Tuple.tuple("Decision_1k2j3h4", 5));
    }

    static Map<String, byte[]> shipped() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (String folder : List.of("bpmn", "forms")) {
            try (Stream<Path> list = Files.list(Path.of(folder))) {
                for (Path f : list.sorted().toList()) {
                    files.put(folder + "/" + f.getFileName(), Files.readAllBytes(f));
                }
            }
        }
        return files;
    }

    private static int lineOf(String text, String fragment) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + fragment);
    }
}
