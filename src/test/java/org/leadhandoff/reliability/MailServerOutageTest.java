package org.leadhandoff.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.notify.Bell;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SMTP server is down for over an hour while a lead is assigned, reminded and escalated: each
 * mail is retried, then becomes an incident ops can see; the handoff goes on regardless, and when
 * the server is back and ops retry, each mail arrives exactly once.
 */
class MailServerOutageTest extends NeighboursTestBase {

    @Autowired
    Bell bell;

    @Test
    void mailsWaitOutAnOutageAsIncidentsAndArriveOnceWhenRetried() throws Exception {
        SmtpServer.stop();
        Lead lead = qualifiedLead("DE");
        String rep = lead.owner();
        assertThat(task(lead).getTaskDefinitionKey()).as("the rep's task does not wait for the mail")
                .isEqualTo("Task_AcceptLead");
        Job notify = management.createJobQuery().processInstanceId(lead.handoffId()).activityId("Task_NotifyRep")
                .singleResult();
        assertThat(notify.getRetries()).as("R5/PT1M: one try failed, four left").isEqualTo(4);
        assertThat(notify.getExceptionMessage()).containsIgnoringCase("connect");

        // 70 minutes without a mail server: the reminder (75 % of the 1 h accept SLA) and the breach come and go
        minutesPass(Duration.ofMinutes(70));

        List<JsonNode> incidents = incidentsSeenByOps();
        assertThat(incidents).filteredOn(i -> lead.id().equals(i.get("leadId").asText()))
                .extracting(i -> i.get("activityId").asText())
                .containsExactlyInAnyOrder("Task_NotifyRep", "Task_RemindAcceptLead", "Task_NotifyManager");
        assertThat(incidents).allSatisfy(i -> assertThat(i.get("retryable").asBoolean()).isTrue());
        assertThat(leads.get(lead.id()).stage()).as("the lead is not lost").isEqualTo(Stage.MQL);
        assertThat(task(lead).getTaskDefinitionKey()).as("the breach escalated without the mail")
                .isEqualTo("Task_ResolveEscalation");
        assertThat(task(lead).getAssignee()).isEqualTo("maria");
        assertThat(SmtpServer.subjectsTo(rep + "@example.com")).isEmpty();

        SmtpServer.start();
        opsRetryEveryIncident();

        assertThat(runtime.createIncidentQuery().processInstanceId(lead.handoffId()).count()).isZero();
        assertThat(management.createJobQuery().processInstanceId(lead.handoffId()).withException().count()).isZero();
        assertThat(SmtpServer.subjectsTo(rep + "@example.com"))
                .as("the assignment once; the reminder was about a clock that has since breached, so it is dropped")
                .singleElement().asString().startsWith("New lead for you: Lee " + lead.lastName());
        assertThat(SmtpServer.subjectsTo("maria@example.com"))
                .filteredOn(s -> s.contains(lead.lastName())).hasSize(1)
                .allSatisfy(s -> assertThat(s).startsWith("SLA breached"));
        assertThat(bell.latest(rep)).filteredOn(n -> n.leadId().equals(lead.id())).extracting(Bell.Notice::kind)
                .as("the bell rang once for the assignment, not once per failed try")
                .containsExactly(Bell.Kind.ASSIGNED);
        assertThat(bell.latest("maria")).filteredOn(n -> n.leadId().equals(lead.id()))
                .extracting(Bell.Notice::kind).containsExactly(Bell.Kind.ESCALATION);
    }
}
