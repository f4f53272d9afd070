package org.leadhandoff.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** A mail server that is down costs retries and then an incident, never the lead or the rep's task. */
class NotificationFailureTest extends ProcessTestBase {

    @Autowired
    JavaMailSenderImpl smtp;

    @AfterEach
    void smtpBack() {
        smtp.setPort(TestMail.port());
    }

    @Test
    void assignmentMailRetriesBecomesAnIncidentAndIsDeliveredAfterRetry() throws IOException {
        smtp.setPort(closedPort());
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        assertThat(task(lead).getTaskDefinitionKey()).as("the rep's task does not wait for the mail")
                .isEqualTo("Task_AcceptLead");

        Job notify = management.createJobQuery().processInstanceId(lead.handoffId()).activityId("Task_NotifyRep")
                .singleResult();
        assertThat(notify.getRetries()).isEqualTo(4);
        assertThat(notify.getExceptionMessage()).containsIgnoringCase("connect");
        for (int i = 0; i < 4; i++) {
            moveClock(Duration.ofMinutes(1));
            runDueJobs();
        }
        Incident incident = runtime.createIncidentQuery().processInstanceId(lead.handoffId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("Task_NotifyRep");
        assertThat(task(lead).getTaskDefinitionKey()).isEqualTo("Task_AcceptLead");

        smtp.setPort(TestMail.port());
        management.setJobRetries(incident.getConfiguration(), 1);
        moveClock(Duration.ofMinutes(1));
        runDueJobs();
        assertThat(runtime.createIncidentQuery().processInstanceId(lead.handoffId()).count()).isZero();
        assertThat(TestMail.subjectsTo(rep + "@example.com"))
                .filteredOn(s -> s.startsWith("New lead for you") && s.contains(lead.lastName())).hasSize(1);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
