package org.leadhandoff.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.Stage;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The CRM's webhook is down (connections refused), then up but failing (503), for minutes after a
 * rep qualified a lead: the handoff to the CRM is retried, then an incident; the lead stays an SQL,
 * and when the CRM is back and ops retry, the CRM gets the lead once.
 */
class CrmOutageTest extends NeighboursTestBase {

    @Autowired
    HistoryService history;

    @Test
    void salesQualifiedLeadWaitsOutACrmOutageAndReachesTheCrmOnce() throws Exception {
        Lead lead = qualifiedLead("DE");
        String rep = lead.owner();
        complete(lead, rep, Map.of("decision", "ACCEPT"));
        CrmServer.stop();
        complete(lead, rep, Map.of("outcome", "QUALIFIED", "budget", "50k", "authority", "VP", "need", "pipeline",
                "timeline", "Q1"));

        assertThat(leads.get(lead.id()).stage()).as("the rep's qualification is kept").isEqualTo(Stage.SQL);
        assertThat(management.createJobQuery().processInstanceId(lead.handoffId()).activityId("Task_HandOffToCrm")
                .singleResult().getRetries()).isEqualTo(4);
        minutesPass(Duration.ofMinutes(2));
        CrmServer.answer(503);
        CrmServer.start();
        minutesPass(Duration.ofMinutes(3));

        assertThat(incidentsSeenByOps()).filteredOn(i -> lead.id().equals(i.get("leadId").asText()))
                .extracting(i -> i.get("activityId").asText()).containsExactly("Task_HandOffToCrm");
        assertThat(CrmServer.attempts()).as("tries while the CRM answered 503").isNotEmpty()
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(503));
        assertThat(CrmServer.stored()).isEmpty();
        assertThat(handoff(lead)).as("the handoff waits at the CRM step, not lost").isNotNull();
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SQL);

        CrmServer.answer(201);
        opsRetryEveryIncident();

        assertThat(runtime.createIncidentQuery().processInstanceId(lead.handoffId()).count()).isZero();
        assertThat(CrmServer.stored()).as("the CRM holds the lead once").containsOnlyKeys(lead.handoffId());
        assertThat(CrmServer.stored().get(lead.handoffId())).contains(lead.id(), "lead.sales-qualified");
        assertThat(CrmServer.attempts()).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(CrmServer.attempts()).as("every try carried the same idempotency key")
                .allSatisfy(a -> assertThat(a.idempotencyKey()).isEqualTo(lead.handoffId()));
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(lead.handoffId()).singleResult()
                .getEndActivityId()).isEqualTo("EndEvent_SalesQualified");
    }
}
