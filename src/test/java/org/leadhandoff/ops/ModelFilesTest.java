package org.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The models in bpmn/ as ops ship them: readable ids, the contract's ids, forms and history TTL present. */
class ModelFilesTest {

    @Test
    void noModelerGeneratedIds() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            for (Path file : files.toList()) {
                ModelValidator.generatedIds(file.getFileName().toString(), Files.readAllBytes(file))
                        .forEach(e -> found.add(e.file() + ":" + e.line() + ": " + e.elementId()));
            }
        }
        assertThat(found).as("name elements Type_BusinessPhrase, e.g. Task_AcceptLead").isEmpty();
    }

    @Test
    void theShippedModelsPassTheChecksARedeployMakes() throws IOException {
        assertThat(ModelValidator.validate(ModelValidatorTest.shipped())).isEmpty();
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
