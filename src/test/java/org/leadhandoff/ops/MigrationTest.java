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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    @Autowired
    JdbcClient jdbc;

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

    @Test
    void aChangedAcceptReminderPercentAppliesToNewLeadsAndRunningOnesFinishOnTheNewVersionAfterMigration(
            @TempDir Path folder) throws Exception {
        shipped = deployer.folder();
        deployer.moveTo(ModelFolder.copyShipped(folder));
        ProcessDefinition v1 = latest();
        Instant start = now(); // Monday 10:00 in Berlin: a HIGH lead has an hour to be accepted

        Lead running = qualifiedLead("DE");
        assertThat(handoff(running).getProcessDefinitionId()).isEqualTo(v1.getId());
        assertThat(acceptReminderDue(running)).as("the shipped model: the policy's 75 %")
                .isEqualTo(start.plus(Duration.ofMinutes(45)));
        assertThat(reminderClock(running)).isEqualTo(Map.of("percent", 75, "at", start.plus(Duration.ofMinutes(45))));

        // ops set reminderPercent 50 on the accept task in the Modeler, save it to the folder and redeploy from /ops
        Path model = folder.resolve("bpmn/LeadHandoff.bpmn");
        Files.writeString(model, ModelFolder.withReminderPercent(Files.readString(model), "Task_AcceptLead", 50));
        Instant engineTime = now();
        ClockUtil.reset(); // deployments are ordered by the engine clock: deploy after the ones already made
        mvc.perform(post("/api/ops/deploy").with(httpBasic("oscar", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.deployed[?(@.key == 'LeadHandoff')].version").value(v1.getVersion() + 1));
        ClockUtil.setCurrentTime(Date.from(engineTime));
        ProcessDefinition v2 = latest();
        assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);

        moveClock(Duration.ofMinutes(10));
        Lead fresh = qualifiedLead("DE");
        assertThat(handoff(fresh).getProcessDefinitionId()).isEqualTo(v2.getId());
        assertThat(acceptReminderDue(fresh)).as("the new version: 50 % of the hour")
                .isEqualTo(start.plus(Duration.ofMinutes(10 + 30)));
        assertThat(reminderClock(fresh)).isEqualTo(Map.of("percent", 50, "at", start.plus(Duration.ofMinutes(40))));
        assertThat(handoff(running).getProcessDefinitionId()).as("running handoffs stay on their version")
                .isEqualTo(v1.getId());
        assertThat(acceptReminderDue(running)).isEqualTo(start.plus(Duration.ofMinutes(45)));

        // 40 minutes in: only the new lead's rep is reminded
        moveClock(Duration.ofMinutes(30));
        runDueJobs();
        assertThat(reminders(fresh)).isEqualTo(1);
        assertThat(reminders(running)).isZero();

        // oscar migrates the running handoffs of version N
        mvc.perform(post("/api/ops/migrations").with(httpBasic("oscar", "demo"))
                        .contentType("application/json").content("{\"sourceDefinitionId\":\"" + v1.getId() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.migratedBy").value("oscar"));
        runDueJobs();
        assertThat(handoff(running).getProcessDefinitionId()).isEqualTo(v2.getId());
        assertThat(task(running).getProcessDefinitionId()).isEqualTo(v2.getId());
        // a clock already running keeps its reminder: the migration re-creates the timer from the new model, but
        // its date is ${acceptReminderAt}, set when the clock started, so it stays at 75 % (and so does sla_clocks)
        Job reminder = acceptReminderJob(running);
        assertThat(reminder.getProcessDefinitionId()).isEqualTo(v2.getId());
        assertThat(reminder.getDuedate().toInstant()).isEqualTo(start.plus(Duration.ofMinutes(45)));
        assertThat(reminderClock(running)).isEqualTo(Map.of("percent", 75, "at", start.plus(Duration.ofMinutes(45))));

        moveClock(Duration.ofMinutes(5));
        runDueJobs();
        assertThat(reminders(running)).as("reminded on the new version, when its clock said").isEqualTo(1);

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

    private Job acceptReminderJob(Lead lead) {
        return management.createJobQuery().processInstanceId(leads.get(lead.id()).handoffId())
                .activityId("BoundaryEvent_AcceptReminder").timers().singleResult();
    }

    private Instant acceptReminderDue(Lead lead) {
        return acceptReminderJob(lead).getDuedate().toInstant();
    }

    /** The accept clock's reminder percentage and time as sla_clocks keeps them. */
    private Map<String, Object> reminderClock(Lead lead) {
        return jdbc.sql("select reminder_percent, reminder_at from sla_clocks where lead_id = ? and kind = 'ACCEPT'")
                .param(lead.id())
                .query((rs, n) -> Map.<String, Object>of("percent", rs.getInt("reminder_percent"), "at",
                        rs.getTimestamp("reminder_at").toInstant()))
                .single();
    }

    /** Reminder mails about the lead to the rep its accept task waits for. */
    private long reminders(Lead lead) {
        String rep = task(lead).getAssignee();
        return TestMail.subjectsTo(rep + "@example.com").stream()
                .filter(s -> s.startsWith("Reminder") && s.contains(lead.lastName())).count();
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
