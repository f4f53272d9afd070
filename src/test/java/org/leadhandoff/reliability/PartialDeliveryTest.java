package org.leadhandoff.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.ActivityInput;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadInput;
import org.leadhandoff.notify.Bell;
import org.leadhandoff.scoring.ActivityType;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deliveries that half happened: the neighbour took the mail or the lead, but the step that sent it
 * failed afterwards (its transaction could not be stored, or the answer never came back). Retrying
 * the step must not deliver it a second time.
 */
class PartialDeliveryTest extends NeighboursTestBase {

    @Autowired
    DataSource dataSource;
    @Autowired
    Bell bell;

    @Test
    void aMailTheServerTookIsNotSentAgainWhenItsStepFailsAfterwards() throws Exception {
        Lead lead = mqlWithHandoffStarted();
        Job notify = job(lead, "Task_NotifyRep");
        String rep = leads.get(lead.id()).owner();

        failsAfterwards(notify, () -> !SmtpServer.subjectsTo(rep + "@example.com").isEmpty());
        assertThat(job(lead, "Task_NotifyRep")).as("the step failed and will be retried").isNotNull();

        minutesPass(Duration.ofMinutes(2));
        assertThat(job(lead, "Task_NotifyRep")).as("the retry went through").isNull();
        assertThat(SmtpServer.subjectsTo(rep + "@example.com")).filteredOn(s -> s.contains(lead.lastName()))
                .hasSize(1);
        assertThat(bell.latest(rep)).filteredOn(n -> n.leadId().equals(lead.id())).hasSize(1);
    }

    @Test
    void aLeadTheCrmTookIsNotPostedAgainWhenItsStepFailsAfterwards() throws Exception {
        Lead lead = qualifiedLead("DE");
        complete(lead, lead.owner(), Map.of("decision", "ACCEPT"));
        CrmServer.stop();
        complete(lead, lead.owner(), Map.of("outcome", "QUALIFIED", "budget", "50k", "authority", "VP", "need",
                "pipeline", "timeline", "Q1"));
        CrmServer.start();

        failsAfterwards(job(lead, "Task_HandOffToCrm"), () -> !CrmServer.attempts().isEmpty());
        assertThat(job(lead, "Task_HandOffToCrm")).as("the step failed and will be retried").isNotNull();

        minutesPass(Duration.ofMinutes(2));
        assertThat(job(lead, "Task_HandOffToCrm")).as("the retry went through").isNull();
        assertThat(CrmServer.attempts()).as("posted once, not again on the retry").hasSize(1);
        assertThat(CrmServer.stored()).containsOnlyKeys(lead.handoffId());
    }

    @Test
    void aCrmThatStoredTheLeadButNeverAnsweredGetsTheSameKeyAgainAndKeepsOneLead() throws Exception {
        Lead lead = qualifiedLead("DE");
        complete(lead, lead.owner(), Map.of("decision", "ACCEPT"));
        CrmServer.dropAfterStoring(true);
        complete(lead, lead.owner(), Map.of("outcome", "QUALIFIED", "budget", "50k", "authority", "VP", "need",
                "pipeline", "timeline", "Q1"));
        assertThat(job(lead, "Task_HandOffToCrm")).as("no answer: the step failed").isNotNull();

        CrmServer.dropAfterStoring(false);
        minutesPass(Duration.ofMinutes(2));

        assertThat(job(lead, "Task_HandOffToCrm")).isNull();
        assertThat(CrmServer.attempts()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(a -> assertThat(a.idempotencyKey()).isEqualTo(lead.handoffId()));
        assertThat(CrmServer.stored()).as("the CRM keeps one lead per key").containsOnlyKeys(lead.handoffId());
    }

    /**
     * Runs the job while another transaction (as another node would) holds and then changes its
     * row: the job does its work, cannot store its completion, and rolls back.
     */
    private void failsAfterwards(Job job, BooleanSupplier delivered) throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement touch = other.prepareStatement("update ACT_RU_JOB set REV_ = REV_ + 1 where ID_ = ?")) {
                touch.setString(1, job.getId());
                assertThat(touch.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
                try {
                    management.executeJob(job.getId());
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(delivered::getAsBoolean);
            other.commit();
            assertThat(run.get()).as("the step could not store its completion").isNotNull();
        }
    }

    private Job job(Lead lead, String activityId) {
        return management.createJobQuery().processInstanceId(leads.get(lead.id()).handoffId()).activityId(activityId)
                .singleResult();
    }

    /** A new MQL routed and assigned, its Task_NotifyRep not yet run. */
    private Lead mqlWithHandoffStarted() {
        String n = Long.toString(System.nanoTime());
        Lead lead = leads.upsert(new LeadInput("ext-" + n, "partial" + n + "@acme.example", "Pat", "Partial" + n,
                "Acme", "VP Sales", 500, "Software", "DE", "web", null)).lead();
        leads.recordActivity(lead.id(), new ActivityInput(null, ActivityType.DEMO_REQUESTED, null, Map.of()));
        Lead mql = leads.get(lead.id());
        management.executeJob(management.createJobQuery().processInstanceId(mql.handoffId())
                .activityId("StartEvent_LeadQualified").singleResult().getId());
        return leads.get(lead.id());
    }
}
