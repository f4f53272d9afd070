package org.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Ops change the process while handoffs run: the upload makes a new version that new leads use,
 * running handoffs stay on theirs until migrated, and after the migration they finish on the new one.
 */
class MigrationTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    ModelDeployer deployer;
    @Autowired
    RepositoryService repository;
    @Autowired
    HistoryService history;
    @Autowired
    ObjectMapper json;
    @Autowired
    JavaMailSenderImpl smtp;

    private Path shipped;

    @AfterEach
    void shippedModelsAgain() {
        smtp.setPort(TestMail.port());
        ClockUtil.reset();
        if (shipped != null) {
            deployer.moveTo(shipped);
            deployer.deploy();
        }
    }

    @Test
    void runningHandoffsStayOnTheirVersionUntilMigratedThenFinishOnTheNewOne(@TempDir Path folder) throws Exception {
        ClockUtil.reset();
        shipped = deployer.folder();
        deployer.moveTo(ModelFolder.copyShipped(folder));
        ProcessDefinition v1 = latest();

        Lead running = qualifiedLead("DE");
        smtp.setPort(closedPort());
        Lead mailing = qualifiedLead("DE");
        smtp.setPort(TestMail.port());
        assertThat(management.createJobQuery().processInstanceId(mailing.handoffId()).activityId("Task_NotifyRep")
                .singleResult().getRetries()).as("its assignment mail waits for a retry").isLessThan(5);

        // ops rename the accept task and the mail step in the Modeler and upload the file
        String edited = ModelFolder.edited("bpmn/LeadHandoff.bpmn", "name=\"Accept lead\"",
                "name=\"Accept or reject the lead\"").replace("Task_NotifyRep", "Task_MailRep");
        mvc.perform(multipart("/api/ops/models").file(new MockMultipartFile("file", "LeadHandoff.bpmn",
                        "application/xml", edited.getBytes(StandardCharsets.UTF_8))).with(httpBasic("oscar", "demo")))
                .andExpect(status().isOk());
        ProcessDefinition v2 = latest();
        assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);

        Lead fresh = qualifiedLead("DE");
        assertThat(handoff(fresh).getProcessDefinitionId()).isEqualTo(v2.getId());
        assertThat(task(fresh).getName()).isEqualTo("Accept or reject the lead");
        assertThat(handoff(running).getProcessDefinitionId()).isEqualTo(v1.getId());
        assertThat(task(running).getName()).isEqualTo("Accept lead");

        // the page's preview: who can move, and why the other cannot
        JsonNode overview = json.readTree(mvc.perform(get("/api/ops/migrations").with(httpBasic("oscar", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode fromV1 = null;
        for (JsonNode c : overview.path("candidates")) {
            if (c.path("sourceDefinitionId").asText().equals(v1.getId())) {
                fromV1 = c;
            }
        }
        assertThat(fromV1).isNotNull();
        assertThat(fromV1.path("targetVersion").asInt()).isEqualTo(v2.getVersion());
        assertThat(fromV1.path("movable").findValuesAsText("instanceId")).contains(running.handoffId())
                .doesNotContain(mailing.handoffId());
        JsonNode blocked = null;
        for (JsonNode b : fromV1.path("blocked")) {
            if (b.path("instanceId").asText().equals(mailing.handoffId())) {
                blocked = b;
            }
        }
        assertThat(blocked).isNotNull();
        assertThat(blocked.path("reason").asText()).contains("Task_NotifyRep").contains("version " + v2.getVersion());

        // migrate as a batch, run its jobs, see the progress and who did it
        mvc.perform(post("/api/ops/migrations").with(httpBasic("oscar", "demo"))
                        .contentType("application/json").content("{\"sourceDefinitionId\":\"" + v1.getId() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.migratedBy").value("oscar"))
                .andExpect(jsonPath("$.done").value(false));
        runDueJobs();
        mvc.perform(get("/api/ops/migrations").with(httpBasic("oscar", "demo")))
                .andExpect(jsonPath("$.batches[0].migratedBy").value("oscar"))
                .andExpect(jsonPath("$.batches[0].sourceVersion").value(v1.getVersion()))
                .andExpect(jsonPath("$.batches[0].targetVersion").value(v2.getVersion()))
                .andExpect(jsonPath("$.batches[0].failed").value(0))
                .andExpect(jsonPath("$.batches[0].done").value(true));
        assertThat(handoff(running).getProcessDefinitionId()).isEqualTo(v2.getId());
        assertThat(handoff(mailing).getProcessDefinitionId()).as("it could not move").isEqualTo(v1.getId());

        String rep = task(running).getAssignee();
        complete(running, rep, Map.of("decision", "ACCEPT"));
        complete(running, rep, Map.of("outcome", "QUALIFIED", "budget", "50k", "authority", "CFO", "need", "routing",
                "timeline", "Q1"));
        assertThat(leads.get(running.id()).stage()).isEqualTo(Stage.SQL);
        HistoricProcessInstance done = history.createHistoricProcessInstanceQuery()
                .processInstanceId(running.handoffId()).singleResult();
        assertThat(done.getEndTime()).isNotNull();
        assertThat(done.getProcessDefinitionId()).isEqualTo(v2.getId());
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(running.handoffId())
                .activityId("EndEvent_SalesQualified").singleResult().getProcessDefinitionId()).isEqualTo(v2.getId());
    }

    private ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey("LeadHandoff").latestVersion()
                .singleResult();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
