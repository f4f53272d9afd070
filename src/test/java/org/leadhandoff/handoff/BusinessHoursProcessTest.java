package org.leadhandoff.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.sla.ClockKind;
import org.leadhandoff.sla.LadderStep;
import org.leadhandoff.sla.SlaService;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The escalation ladder on the demo teams' business calendars (emea: Monday–Friday 09:00–18:00
 * Europe/Berlin, UTC+1 in November), with the engine clock moved. A demo-request lead is HIGH:
 * accept 1 business hour, follow-up 4, escalation 1; reminders at 75 %.
 */
class BusinessHoursProcessTest extends ProcessTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    SlaService sla;

    private static void at(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
    }

    @Test
    void aLeadQualifiedAt1755OnAFridayInBerlinIsDueAt0955OnMondayAndBreachesThenNotBefore() {
        at("2026-11-27T16:55:00Z"); // Friday 17:55 in Berlin
        Lead lead = qualifiedLead("DE");
        Task accept = task(lead);
        assertThat(accept).hasDefinitionKey("Task_AcceptLead");
        Instant due = Instant.parse("2026-11-30T08:55:00Z"); // Monday 09:55 in Berlin
        assertThat(accept.getDueDate().toInstant()).isEqualTo(due);
        assertThat(leads.view(lead.id()).sla().dueAt()).isEqualTo(due);
        assertThat(timer(lead, "BoundaryEvent_AcceptSlaBreached").getDuedate().toInstant()).isEqualTo(due);
        // 75 % of the hour: 5 minutes on Friday, 40 on Monday
        assertThat(timer(lead, "BoundaryEvent_AcceptReminder").getDuedate().toInstant())
                .isEqualTo(Instant.parse("2026-11-30T08:40:00Z"));

        at("2026-11-28T12:00:00Z"); // the weekend passes: nothing happens
        runDueJobs();
        at("2026-11-30T08:54:59Z");
        runDueJobs();
        assertThat(task(lead)).hasDefinitionKey("Task_AcceptLead");
        assertThat(leads.view(lead.id()).sla().breached()).isFalse();

        at("2026-11-30T08:55:00Z");
        runDueJobs();
        assertThat(task(lead)).hasDefinitionKey("Task_ResolveEscalation").isAssignedTo("maria");
        assertThat(clockOutcomes(lead)).containsExactly("ACCEPT:breached:null", "ESCALATION:running:null");
    }

    @Test
    void theWholeLadderOnBusinessHoursWithAReassignAndATakeOver() {
        at("2026-11-27T16:55:00Z");
        Lead lead = qualifiedLead("DE");
        String first = task(lead).getAssignee();

        at("2026-11-30T08:39:00Z");
        runDueJobs();
        assertThat(reminders(first, lead)).isZero();
        at("2026-11-30T08:40:00Z"); // Monday 09:40: 45 business minutes in
        runDueJobs();
        assertThat(reminders(first, lead)).isEqualTo(1);

        at("2026-11-30T08:55:00Z"); // breach → the manager, with an hour of her own and a reminder at 45 minutes
        runDueJobs();
        Task escalation = task(lead);
        assertThat(escalation).hasDefinitionKey("Task_ResolveEscalation").isAssignedTo("maria");
        assertThat(escalation.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-11-30T09:55:00Z"));
        at("2026-11-30T09:40:00Z");
        runDueJobs();
        assertThat(reminders("maria", lead)).isEqualTo(1);
        assertThat(task(lead).getId()).isEqualTo(escalation.getId());

        at("2026-11-30T09:45:00Z"); // REASSIGN: the other rep, a fresh accept clock
        complete(lead, "maria", Map.of("action", "REASSIGN"));
        Task again = task(lead);
        assertThat(again).hasDefinitionKey("Task_AcceptLead");
        String second = again.getAssignee();
        assertThat(second).isIn("alice", "bob").isNotEqualTo(first);
        assertThat(again.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-11-30T10:45:00Z"));

        at("2026-11-30T10:30:00Z");
        runDueJobs();
        assertThat(reminders(second, lead)).isEqualTo(1);
        at("2026-11-30T10:45:00Z");
        runDueJobs();
        assertThat(task(lead)).hasDefinitionKey("Task_ResolveEscalation").isAssignedTo("maria");

        at("2026-11-30T11:00:00Z"); // TAKE_OVER: maria owes the first contact, 4 business hours
        complete(lead, "maria", Map.of("action", "TAKE_OVER"));
        Task call = task(lead);
        assertThat(call).hasDefinitionKey("Task_DiscoveryCall").isAssignedTo("maria");
        assertThat(call.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
        assertThat(leads.get(lead.id()).owner()).isEqualTo("maria");

        at("2026-11-30T14:30:00Z"); // 15:30 in Berlin: a NO_ANSWER stops first contact; the next attempt
        complete(lead, "maria", Map.of("outcome", "NO_ANSWER")); // runs 2.5 h today, 1.5 h tomorrow
        assertThat(task(lead).getDueDate().toInstant()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
        complete(lead, "maria", Map.of("outcome", "QUALIFIED", "budget", "b", "authority", "a", "need", "n",
                "timeline", "t"));
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SQL);

        assertThat(clockOutcomes(lead)).containsExactly("ACCEPT:breached:null", "ESCALATION:met:REASSIGN",
                "ACCEPT:breached:null", "ESCALATION:met:TAKE_OVER", "FOLLOW_UP:met:NO_ANSWER",
                "FOLLOW_UP:met:QUALIFIED");
        assertThat(sla.ladder(lead.id())).extracting(s -> s.step() + ":" + s.by() + ">" + s.toUser()).containsExactly(
                "REMINDED:null>" + first,
                "BREACHED:null>" + first,
                "ESCALATED_TO_MANAGER:null>maria",
                "REMINDED:null>maria",
                "RESOLVED:maria>null",
                "REASSIGNED:maria>" + second,
                "REMINDED:null>" + second,
                "BREACHED:null>" + second,
                "ESCALATED_TO_MANAGER:null>maria",
                "RESOLVED:maria>null",
                "TAKEN_OVER:maria>maria");
        assertThat(sla.ladder(lead.id())).allSatisfy(s -> assertThat(s.at()).isNotNull());
    }

    @Test
    void anEscalationTheManagerLetsLapseGoesToTheSecondLevelGroupOnTheLadder() {
        Lead lead = qualifiedLead("DE"); // Monday 10:00 in Berlin
        at("2026-11-23T10:00:00Z");
        runDueJobs();
        at("2026-11-23T11:00:00Z");
        runDueJobs();
        assertThat(task(lead)).hasDefinitionKey("Task_ResolveSecondLevelEscalation").hasCandidateGroup("managers");
        List<LadderStep> ladder = sla.ladder(lead.id());
        assertThat(ladder).extracting(s -> s.step() + ":" + s.detail()).containsSubsequence("BREACHED:ACCEPT",
                "ESCALATED_TO_MANAGER:null", "BREACHED:ESCALATION", "ESCALATED_TO_SECOND_LEVEL:null");
        assertThat(ladder.get(ladder.size() - 1).toGroup()).isEqualTo("managers");
        assertThat(ladder.get(ladder.size() - 1).at()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
    }

    @Test
    void anAmerLeadCountsNewYorkHours() {
        Lead lead = qualifiedLead("US"); // Monday 04:00 in New York: the clock starts at 09:00 there
        assertThat(leads.get(lead.id()).team()).isEqualTo("amer");
        assertThat(task(lead).getDueDate().toInstant()).isEqualTo(Instant.parse("2026-11-23T15:00:00Z"));
    }

    @Test
    void aMeetingBookedByASchedulingToolIsTheFirstContactAndTheCallIsLoggedOnTheNextAttemptWindow() {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        complete(lead, rep, Map.of("decision", "ACCEPT")); // follow-up due Monday 14:00 Berlin (13:00Z)
        at("2026-11-23T10:00:00Z");
        leads.recordActivity(lead.id(), new org.leadhandoff.lead.ActivityInput(null,
                org.leadhandoff.scoring.ActivityType.MEETING_BOOKED, null, Map.of()));
        Task call = task(lead);
        assertThat(call).hasDefinitionKey("Task_DiscoveryCall").isAssignedTo(rep);
        assertThat(call.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-11-23T14:00:00Z"));
        assertThat(timer(lead, "BoundaryEvent_FollowUpReminder").getDuedate().toInstant())
                .isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
        assertThat(clockOutcomes(lead)).containsExactly("ACCEPT:met:ACCEPTED", "FOLLOW_UP:met:MEETING_BOOKED",
                "FOLLOW_UP:running:null");
        assertThat(sla.ladder(lead.id())).extracting(s -> s.step() + ":" + s.detail())
                .containsExactly("CONTACTED:MEETING_BOOKED");

        // first contact is made: another booking changes no clock
        leads.recordActivity(lead.id(), new org.leadhandoff.lead.ActivityInput(null,
                org.leadhandoff.scoring.ActivityType.MEETING_BOOKED, null, Map.of()));
        assertThat(task(lead).getId()).isEqualTo(call.getId());
        assertThat(clockOutcomes(lead)).hasSize(3);

        at("2026-11-23T13:00:00Z"); // the next attempt's own reminder
        runDueJobs();
        assertThat(reminders(rep, lead)).isEqualTo(1);
        complete(lead, rep, Map.of("outcome", "QUALIFIED", "budget", "b", "authority", "a", "need", "n",
                "timeline", "t"));
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SQL);
    }

    @Test
    void aMeetingBookedBeforeTheLeadIsAcceptedLeavesTheAcceptClockRunning() {
        Lead lead = qualifiedLead("DE");
        Task accept = task(lead);
        leads.recordActivity(lead.id(), new org.leadhandoff.lead.ActivityInput(null,
                org.leadhandoff.scoring.ActivityType.MEETING_BOOKED, null, Map.of()));
        assertThat(task(lead).getId()).isEqualTo(accept.getId());
        assertThat(leads.view(lead.id()).sla().clock()).isEqualTo(ClockKind.ACCEPT);
    }

    @Test
    void theFirstCallAttemptStopsTheFirstContactClockWhateverItsOutcome() {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        complete(lead, rep, Map.of("decision", "ACCEPT"));
        at("2026-11-23T12:00:00Z");
        complete(lead, rep, Map.of("outcome", "NO_ANSWER"));
        assertThat(clockOutcomes(lead)).containsExactly("ACCEPT:met:ACCEPTED", "FOLLOW_UP:met:NO_ANSWER",
                "FOLLOW_UP:running:null");
        assertThat(jdbc.sql("select attempt from sla_clocks where lead_id = ? and kind = 'FOLLOW_UP' order by id")
                .param(lead.id()).query(Integer.class).list()).containsExactly(1, 2);
    }

    private Job timer(Lead lead, String activityId) {
        return management.createJobQuery().processInstanceId(leads.get(lead.id()).handoffId()).activityId(activityId)
                .timers().singleResult();
    }

    private long reminders(String user, Lead lead) {
        return TestMail.subjectsTo(user + "@example.com").stream()
                .filter(s -> s.startsWith("Reminder") && s.contains(lead.lastName())).count();
    }

    /** kind:met|breached|running|ended:outcome for each clock of the lead, in start order. */
    private List<String> clockOutcomes(Lead lead) {
        return jdbc.sql("""
                select kind, outcome,
                       case when breached_at is not null then 'breached'
                            when stopped_at is not null and stopped_at <= due_at then 'met'
                            when stopped_at is not null then 'breached'
                            when ended_at is null then 'running' else 'ended' end as state
                  from sla_clocks where lead_id = ? order by id""")
                .param(lead.id())
                .query((rs, n) -> rs.getString("kind") + ":" + rs.getString("state") + ":" + rs.getString("outcome"))
                .list();
    }
}
