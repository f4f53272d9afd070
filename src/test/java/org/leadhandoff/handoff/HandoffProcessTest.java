package org.leadhandoff.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadView;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.sla.ClockKind;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of LeadHandoff.bpmn on the real application (H2), with the engine clock moved to
 * fire reminders and SLA breaches. A demo-request lead is HIGH priority: accept PT1H,
 * follow-up PT4H, escalation PT1H; reminders at 75 %.
 */
class HandoffProcessTest extends ProcessTestBase {

    private static final List<String> EMEA_REPS = List.of("alice", "bob");

    @Autowired
    JdbcClient jdbc;

    @Test
    void acceptedAndQualifiedLeadEndsAsSqlWithItsHistoryInOrder() {
        Lead lead = qualifiedLead("DE");
        Task accept = task(lead);
        assertThat(accept).hasDefinitionKey("Task_AcceptLead");
        assertThat(lead.team()).isEqualTo("emea");
        assertThat(EMEA_REPS).contains(accept.getAssignee());
        assertThat(accept.getDueDate().toInstant()).isEqualTo(now().plus(Duration.ofHours(1)));
        String rep = accept.getAssignee();
        assertThat(TestMail.subjectsTo(rep + "@example.com")).anyMatch(s -> s.startsWith("New lead for you"));

        moveClock(Duration.ofMinutes(10));
        complete(lead, rep, Map.of("decision", "ACCEPT"));
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SAL);
        assertThat(task(lead)).hasDefinitionKey("Task_DiscoveryCall").isAssignedTo(rep);

        complete(lead, rep, Map.of("outcome", "QUALIFIED", "budget", "50k", "authority", "CFO signs",
                "need", "routing", "timeline", "Q1"));
        ProcessInstance handoff = handoff(lead);
        assertThat(handoff == null || handoff.isEnded()).isTrue();
        assertThat(historicEnd(lead)).contains("EndEvent_SalesQualified");

        LeadView view = leads.view(lead.id());
        assertThat(view.stage()).isEqualTo(Stage.SQL);
        assertThat(view.history()).extracting(LeadView.HistoryEntry::stage)
                .containsExactly(Stage.MQL, Stage.SAL, Stage.SQL);
        assertThat(view.history().get(1).by()).isEqualTo(rep);
        assertThat(view.sla()).isNull();
        assertThat(clockOutcomes(lead)).containsExactly("ACCEPT:met:ACCEPTED", "FOLLOW_UP:met:QUALIFIED");
    }

    @Test
    void rejectedAsNotAFitOrDuplicateIsDisqualifiedWithTheReason() {
        for (String reason : List.of("NOT_A_FIT", "DUPLICATE")) {
            Lead lead = qualifiedLead("FR");
            complete(lead, task(lead).getAssignee(), Map.of("decision", "REJECT", "rejectReason", reason));
            LeadView view = leads.view(lead.id());
            assertThat(view.stage()).isEqualTo(Stage.DISQUALIFIED);
            assertThat(view.history().get(view.history().size() - 1).reason()).isEqualTo(reason);
            assertThat(historicEnd(lead)).contains("EndEvent_Disqualified");
        }
    }

    @Test
    void rejectedAsNotReadyIsRecycledToNurture() {
        Lead lead = qualifiedLead("FR");
        complete(lead, task(lead).getAssignee(), Map.of("decision", "REJECT", "rejectReason", "NOT_READY"));
        LeadView view = leads.view(lead.id());
        assertThat(view.stage()).isEqualTo(Stage.RECYCLED);
        assertThat(view.history().get(view.history().size() - 1).reason()).isEqualTo("NOT_READY");
        assertThat(historicEnd(lead)).contains("EndEvent_Recycled");
    }

    @Test
    void wrongTerritoryReroutesToTheOtherTeam() {
        Lead lead = qualifiedLead("DE");
        complete(lead, task(lead).getAssignee(), Map.of("decision", "REJECT", "rejectReason", "WRONG_TERRITORY"));
        Task again = task(lead);
        assertThat(again).hasDefinitionKey("Task_AcceptLead");
        assertThat(List.of("carol", "dave")).contains(again.getAssignee());
        assertThat(leads.get(lead.id()).team()).isEqualTo("amer");
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.MQL);
    }

    @Test
    void noAnswerGetsAnotherAttemptUntilTheLimitThenRecycles() {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        complete(lead, rep, Map.of("decision", "ACCEPT"));
        for (int attempt = 1; attempt <= 2; attempt++) {
            complete(lead, rep, Map.of("outcome", "NO_ANSWER"));
            assertThat(task(lead)).hasDefinitionKey("Task_DiscoveryCall").isAssignedTo(rep);
        }
        complete(lead, rep, Map.of("outcome", "NO_ANSWER"));
        LeadView view = leads.view(lead.id());
        assertThat(view.stage()).isEqualTo(Stage.RECYCLED);
        assertThat(view.history().get(view.history().size() - 1).reason()).isEqualTo("NO_ANSWER");
        assertThat(jdbc.sql("select count(*) from discovery_calls where lead_id = ?").param(lead.id())
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void noAnswerThenQualifiedOnTheSecondAttempt() {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        complete(lead, rep, Map.of("decision", "ACCEPT"));
        complete(lead, rep, Map.of("outcome", "NO_ANSWER"));
        complete(lead, rep, Map.of("outcome", "QUALIFIED", "budget", "b", "authority", "a", "need", "n",
                "timeline", "t"));
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SQL);
    }

    @Test
    void discoveryNotReadyRecyclesAndUnqualifiedDisqualifies() {
        Lead recycled = qualifiedLead("DE");
        String rep = task(recycled).getAssignee();
        complete(recycled, rep, Map.of("decision", "ACCEPT"));
        complete(recycled, rep, Map.of("outcome", "NOT_READY"));
        assertThat(leads.get(recycled.id()).stage()).isEqualTo(Stage.RECYCLED);

        Lead unqualified = qualifiedLead("DE");
        rep = task(unqualified).getAssignee();
        complete(unqualified, rep, Map.of("decision", "ACCEPT"));
        complete(unqualified, rep, Map.of("outcome", "UNQUALIFIED"));
        LeadView view = leads.view(unqualified.id());
        assertThat(view.stage()).isEqualTo(Stage.DISQUALIFIED);
        assertThat(view.history().get(view.history().size() - 1).reason()).isEqualTo("UNQUALIFIED");
    }

    @Test
    void reminderAtThreeQuartersOfTheSlaLeavesTheTaskOpen() {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        moveClock(Duration.ofMinutes(44));
        runDueJobs();
        assertThat(reminders(rep, lead)).isZero();
        moveClock(Duration.ofMinutes(2));
        runDueJobs();
        assertThat(reminders(rep, lead)).isEqualTo(1);
        assertThat(task(lead)).hasDefinitionKey("Task_AcceptLead").isAssignedTo(rep);
        assertThat(leads.view(lead.id()).sla().breached()).isFalse();
    }

    @Test
    void aReminderStillQueuedWhenTheSlaBreachesIsNotSent() {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        moveClock(Duration.ofMinutes(46));
        runJob(lead, "BoundaryEvent_AcceptReminder");
        moveClock(Duration.ofMinutes(15));
        runJob(lead, "BoundaryEvent_AcceptSlaBreached");
        runDueJobs();
        assertThat(task(lead)).hasDefinitionKey("Task_ResolveEscalation");
        assertThat(reminders(rep, lead)).isZero();
    }

    @Test
    void acceptBreachEscalatesToTheManagerWithItsOwnClockAndMail() {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        moveClock(Duration.ofMinutes(59));
        runDueJobs();
        assertThat(task(lead)).hasDefinitionKey("Task_AcceptLead");

        moveClock(Duration.ofMinutes(1));
        runDueJobs();
        Task escalation = task(lead);
        assertThat(escalation).hasDefinitionKey("Task_ResolveEscalation").isAssignedTo("maria");
        assertThat(escalation.getDueDate().toInstant()).isEqualTo(now().plus(Duration.ofHours(1)));
        assertThat(TestMail.subjectsTo("maria@example.com")).anyMatch(s -> s.startsWith("SLA breached")
                && s.contains(lead.lastName()));
        LeadView view = leads.view(lead.id());
        assertThat(view.sla().clock()).isEqualTo(ClockKind.ESCALATION);
        assertThat(view.sla().breached()).isFalse();
        assertThat(clockOutcomes(lead)).containsExactly("ACCEPT:breached:null", "ESCALATION:running:null");
        assertThat(rep).isNotNull();
    }

    @Test
    void reassignGoesToAnotherRepWithAFreshClock() {
        Lead lead = qualifiedLead("DE");
        String lapsed = task(lead).getAssignee();
        moveClock(Duration.ofHours(1));
        runDueJobs();
        moveClock(Duration.ofMinutes(5));
        complete(lead, "maria", Map.of("action", "REASSIGN"));
        Task again = task(lead);
        assertThat(again).hasDefinitionKey("Task_AcceptLead");
        assertThat(again.getAssignee()).isIn(EMEA_REPS).isNotEqualTo(lapsed);
        assertThat(again.getDueDate().toInstant()).isEqualTo(now().plus(Duration.ofHours(1)));
        assertThat(leads.view(lead.id()).sla()).isNotNull()
                .satisfies(s -> assertThat(s.clock()).isEqualTo(ClockKind.ACCEPT));
    }

    @Test
    void reassignToANamedRep() {
        Lead lead = qualifiedLead("DE");
        moveClock(Duration.ofHours(1));
        runDueJobs();
        complete(lead, "maria", Map.of("action", "REASSIGN", "newAssignee", "carol"));
        assertThat(task(lead)).hasDefinitionKey("Task_AcceptLead").isAssignedTo("carol");
    }

    @Test
    void takeOverMakesTheManagerOwnerOfTheDiscoveryCall() {
        Lead lead = qualifiedLead("DE");
        moveClock(Duration.ofHours(1));
        runDueJobs();
        complete(lead, "maria", Map.of("action", "TAKE_OVER"));
        assertThat(task(lead)).hasDefinitionKey("Task_DiscoveryCall").isAssignedTo("maria");
        Lead after = leads.get(lead.id());
        assertThat(after.owner()).isEqualTo("maria");
        assertThat(after.stage()).isEqualTo(Stage.SAL);
        complete(lead, "maria", Map.of("outcome", "QUALIFIED", "budget", "b", "authority", "a", "need", "n",
                "timeline", "t"));
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SQL);
    }

    @Test
    void managerRecycleEndsTheHandoff() {
        Lead lead = qualifiedLead("DE");
        moveClock(Duration.ofHours(1));
        runDueJobs();
        complete(lead, "maria", Map.of("action", "RECYCLE"));
        LeadView view = leads.view(lead.id());
        assertThat(view.stage()).isEqualTo(Stage.RECYCLED);
        assertThat(view.history().get(view.history().size() - 1).reason()).isEqualTo("RECYCLED_BY_MANAGER");
        assertThat(view.sla()).isNull();
    }

    @Test
    void followUpBreachEscalatesToo() {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        complete(lead, rep, Map.of("decision", "ACCEPT"));
        moveClock(Duration.ofHours(4));
        runDueJobs();
        assertThat(task(lead)).hasDefinitionKey("Task_ResolveEscalation").isAssignedTo("maria");
        assertThat(clockOutcomes(lead)).containsExactly("ACCEPT:met:ACCEPTED", "FOLLOW_UP:breached:null",
                "ESCALATION:running:null");
    }

    @Test
    void escalationMissedByTheManagerGoesToTheSecondLevelGroup() {
        Lead lead = qualifiedLead("DE");
        moveClock(Duration.ofHours(1));
        runDueJobs();
        moveClock(Duration.ofHours(1));
        runDueJobs();
        Task second = task(lead);
        assertThat(second).hasDefinitionKey("Task_ResolveSecondLevelEscalation").hasCandidateGroup("managers");
        assertThat(TestMail.subjectsTo("maria@example.com")).anyMatch(s -> s.startsWith("Escalation not resolved")
                && s.contains(lead.lastName()));
        assertThat(leads.view(lead.id()).sla()).satisfies(s -> {
            assertThat(s.clock()).isEqualTo(ClockKind.ESCALATION);
            assertThat(s.breached()).isTrue();
        });
        complete(lead, "maria", Map.of("action", "TAKE_OVER"));
        assertThat(task(lead)).hasDefinitionKey("Task_DiscoveryCall").isAssignedTo("maria");
    }

    private void runJob(Lead lead, String activityId) {
        management.executeJob(management.createJobQuery().processInstanceId(leads.get(lead.id()).handoffId())
                .activityId(activityId).singleResult().getId());
    }

    private long reminders(String rep, Lead lead) {
        return TestMail.subjectsTo(rep + "@example.com").stream()
                .filter(s -> s.startsWith("Reminder") && s.contains(lead.lastName())).count();
    }

    private List<String> historicEnd(Lead lead) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(leads.get(lead.id()).handoffId()).activityType("noneEndEvent").list().stream()
                .map(a -> a.getActivityId()).toList();
    }

    /** kind:met|breached|running|ended:outcome for each clock of the lead, in start order. */
    private List<String> clockOutcomes(Lead lead) {
        return jdbc.sql("""
                select kind, outcome,
                       case when breached_at is not null then 'breached'
                            when stopped_at is not null and stopped_at <= due_at then 'met'
                            when ended_at is null then 'running' else 'ended' end as state
                  from sla_clocks where lead_id = ? order by id""")
                .param(lead.id())
                .query((rs, n) -> rs.getString("kind") + ":" + rs.getString("state") + ":" + rs.getString("outcome"))
                .list();
    }
}
