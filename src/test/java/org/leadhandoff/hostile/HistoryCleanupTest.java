package org.leadhandoff.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Camunda's history cleanup removes finished handoffs' engine history once their history time to
 * live (the models' {@code camunda:historyTimeToLive}, 180 days) has passed, and leaves alone what
 * managers and reps still see: the SLA figures (read from our {@code sla_clocks}), the lead and its
 * stage history, and handoffs still running.
 */
class HistoryCleanupTest extends ProcessTestBase {

    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void everyDeployedProcessAndDecisionHasARetention() {
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("LeadHandoff").latestVersion()
                .singleResult().getHistoryTimeToLive()).isEqualTo(180);
        repository.createDecisionDefinitionQuery().latestVersion().list()
                .forEach(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isEqualTo(180));
    }

    @Test
    void finishedHandoffsLoseTheirEngineHistoryAfterTheRetentionAndTheFiguresStay() throws Exception {
        Lead qualified = qualifiedLead("DE");
        String rep = task(qualified).getAssignee();
        complete(qualified, rep, Map.of("decision", "ACCEPT"));
        complete(qualified, rep, Map.of("outcome", "QUALIFIED", "budget", "50k", "authority", "CFO signs",
                "need", "Routing", "timeline", "Q1"));
        Lead disqualified = qualifiedLead("FR");
        complete(disqualified, task(disqualified).getAssignee(),
                Map.of("decision", "REJECT", "rejectReason", "NOT_A_FIT"));
        Lead running = qualifiedLead("DE");
        String finishedA = leads.get(qualified.id()).handoffId();
        String finishedB = leads.get(disqualified.id()).handoffId();
        String stillRunning = leads.get(running.id()).handoffId();
        assertThat(leads.get(qualified.id()).stage()).isEqualTo(Stage.SQL);
        assertThat(leads.get(disqualified.id()).stage()).isEqualTo(Stage.DISQUALIFIED);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceIds(
                java.util.Set.of(finishedA, finishedB)).finished().count()).isEqualTo(2);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(finishedA).singleResult()
                .getRemovalTime()).as("removal time set when the handoff ended").isNotNull();

        // half a year and a day later (timers of the running handoff are not run: it stays where it is)
        moveClock(Duration.ofDays(181));
        String day = "?from=2026-11-23&to=2026-11-23&team=emea";
        JsonNode figuresBefore = summary(day);
        long clocksBefore = count("select count(*) from sla_clocks");
        String leadBefore = leadJson(qualified.id());
        assertThat(figuresBefore.path("handoffs").asInt()).isGreaterThanOrEqualTo(3);

        runHistoryCleanup();

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceIds(
                java.util.Set.of(finishedA, finishedB)).count()).as("finished handoffs' history removed").isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(finishedA).count()).isZero();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(finishedA).count()).isZero();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(finishedB).count()).isZero();

        // the running handoff: its history, its task and its timers untouched
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(stillRunning).count()).isOne();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(stillRunning).count()).isPositive();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(stillRunning).count()).isOne();
        assertThat(task(running).getTaskDefinitionKey()).isEqualTo("Task_AcceptLead");
        assertThat(management.createJobQuery().processInstanceId(stillRunning).timers().count()).isPositive();

        // what people see comes from our own tables, and is exactly as before
        assertThat(summary(day)).isEqualTo(figuresBefore);
        assertThat(count("select count(*) from sla_clocks")).isEqualTo(clocksBefore);
        assertThat(leadJson(qualified.id())).isEqualTo(leadBefore);
    }

    /**
     * What the engine's scheduled cleanup does in its window, now: the cleanup job removes a batch
     * (500 rows a table) per run and comes due again at once while a batch was full, so it is run
     * until it schedules itself for later (other tests of this context leave finished handoffs too).
     */
    private void runHistoryCleanup() {
        Job cleanup = history.cleanUpHistoryAsync(true);
        for (int run = 0; run < 1_000; run++) {
            management.executeJob(cleanup.getId());
            cleanup = management.createJobQuery().jobId(cleanup.getId()).singleResult();
            if (cleanup == null || cleanup.getDuedate().after(ClockUtil.getCurrentTime())) {
                return;
            }
        }
        throw new IllegalStateException("history cleanup never finished");
    }

    private JsonNode summary(String query) throws Exception {
        return json.readTree(mvc.perform(get("/api/sla/summary" + query).with(httpBasic("maria", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private String leadJson(String id) throws Exception {
        return mvc.perform(get("/api/leads/" + id).header("Authorization", "Bearer test-key"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
