package org.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The models in bpmn/ as ops ship them: readable ids, the contract's ids, forms and history TTL present. */
class ModelFilesTest {

    /** What Camunda Modeler generates when nobody names an element: Activity_1w131lg, Flow_0abc123. */
    private static final Pattern GENERATED = Pattern.compile("id=\"([A-Za-z]+_[0-9a-z]{7})\"");

    @Test
    void noModelerGeneratedIds() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            for (Path file : files.toList()) {
                Matcher m = GENERATED.matcher(Files.readString(file));
                while (m.find()) {
                    if (m.group(1).matches(".*_.*[0-9].*")) {
                        found.add(file.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(found).as("name elements Type_BusinessPhrase, e.g. Task_AcceptLead").isEmpty();
    }

    @Test
    void theProcessHasTheContractsIdsFormsAndHistoryTimeToLive() {
        BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn", "LeadHandoff.bpmn").toFile());
        Bpmn.validateModel(model);
        Process process = model.getModelElementById("LeadHandoff");
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        for (String id : List.of("StartEvent_LeadQualified", "Task_AcceptLead", "Task_DiscoveryCall",
                "Task_ResolveEscalation", "EndEvent_SalesQualified", "EndEvent_Recycled", "EndEvent_Disqualified")) {
            assertThat((Object) model.getModelElementById(id)).as(id).isNotNull();
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String form = task.getCamundaFormRef();
            assertThat(form).as(task.getId() + " formRef").isNotBlank();
            assertThat(Path.of("forms", form + ".form")).as(task.getId() + " form file").exists();
            assertThat(task.getCamundaFormRefBinding()).isEqualTo("latest");
        }
    }
}
