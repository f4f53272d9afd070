package org.leadhandoff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.ActivityInput;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadInput;
import org.leadhandoff.lead.LeadService;
import org.leadhandoff.scoring.ActivityType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * The application as {@code ./mvnw spring-boot:run} starts it: shipped defaults, no mail server
 * configured (mail is logged), demo data and history on. Only the database is in memory here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:defaults;MODE=LEGACY;DB_CLOSE_DELAY=-1",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "spring.datasource.generate-unique-name=true",
    "camunda.bpm.metrics.db-reporter-activate=false"
})
class DefaultStartTest {

    @LocalServerPort
    int port;
    @Autowired
    LeadService leads;
    @Autowired
    TaskService tasks;

    @Test
    void startsWithoutAMailServerAndStillHandsLeadsToReps() {
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        assertThat(http.get().uri("/actuator/health").retrieve().body(String.class)).isEqualTo("{\"status\":\"UP\"}");
        assertThat(http.get().uri("/login").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);

        Lead lead = leads.upsert(new LeadInput(null, "default.start@acme.example", "Dee", "Fault", "Acme", "VP Sales",
                500, "Software", "US", "web", null)).lead();
        leads.recordActivity(lead.id(), new ActivityInput(null, ActivityType.DEMO_REQUESTED, null, Map.of()));
        // the rep's mail is only logged, and the lead reaches them all the same
        var task = await().atMost(Duration.ofSeconds(30)).until(() -> {
            String handoff = leads.get(lead.id()).handoffId();
            return handoff == null ? null : tasks.createTaskQuery().processInstanceId(handoff).singleResult();
        }, t -> t != null && t.getAssignee() != null);
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_AcceptLead");
        // the demo history is there for the dashboard
        assertThat(http.get().uri("/api/sla/summary?from=" + java.time.LocalDate.now().minusDays(80)).header("Authorization", "Basic bWFyaWE6ZGVtbw==")
                .retrieve().body(String.class)).contains("\"byRep\":[{");
    }
}
