package org.leadhandoff.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ops set {@code camunda:property reminderPercent} on a user task in the BPMN: it beats the SLA
 * policy for handoffs of that version; a value that is no percentage is ignored.
 */
class ReminderPercentModelTest extends ProcessTestBase {

    @Autowired
    RepositoryService repository;
    @Autowired
    ReminderPercents percents;
    @Autowired
    JdbcClient jdbc;

    private Deployment deployWithAcceptReminderAt(String value) throws IOException {
        String xml = Files.readString(Path.of("bpmn", "LeadHandoff.bpmn"));
        String listener = "<camunda:taskListener delegateExpression=\"${slaTaskListener}\" event=\"complete\" />";
        String changed = xml.replaceFirst(Pattern.quote(listener), Matcher.quoteReplacement("<camunda:properties><camunda:property name=\"reminderPercent\""
                        + " value=\"" + value + "\" /></camunda:properties>" + listener));
        assertThat(changed).isNotEqualTo(xml);
        return repository.createDeployment().name("reminder-percent-test").addString("LeadHandoff.bpmn", changed)
                .deploy();
    }

    @Test
    void aReminderPercentOnTheAcceptTaskOverridesThePolicy() throws IOException {
        Deployment deployment = deployWithAcceptReminderAt("50");
        try {
            Lead lead = qualifiedLead("DE"); // Monday 10:00 in Berlin, HIGH: an hour to accept
            assertThat(reminderDue(lead)).isEqualTo(now().plus(Duration.ofMinutes(30)));
            assertThat(jdbc.sql("select reminder_percent from sla_clocks where lead_id = ?").param(lead.id())
                    .query(Integer.class).single()).isEqualTo(50);
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void aValueThatIsNoPercentageLeavesThePolicyInCharge() throws IOException {
        Deployment deployment = deployWithAcceptReminderAt("150");
        try {
            Lead lead = qualifiedLead("DE");
            assertThat(reminderDue(lead)).isEqualTo(now().plus(Duration.ofMinutes(45)));
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void theShippedModelSetsNoPercentage() {
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey("LeadHandoff")
                .latestVersion().singleResult().getId();
        assertThat(percents.of(definition, "Task_AcceptLead")).isNull();
        assertThat(percents.of(definition, "Task_DiscoveryCall")).isNull();
        assertThat(percents.of(definition, "Task_ResolveEscalation")).isNull();
    }

    private Instant reminderDue(Lead lead) {
        return management.createJobQuery().processInstanceId(leads.get(lead.id()).handoffId())
                .activityId("BoundaryEvent_AcceptReminder").timers().singleResult().getDuedate().toInstant();
    }
}
