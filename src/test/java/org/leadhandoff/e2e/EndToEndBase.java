package org.leadhandoff.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.support.JobAcquisitionIndex;
import org.leadhandoff.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.client.RestClient;

/**
 * A lead's whole journey through the public REST API on a running server with the job executor
 * on, as an integration would drive it. HIGH-priority leads (demo requests) have a 3 s accept
 * SLA here so a real breach happens; NORMAL leads have an hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.generate-unique-process-engine-name=true",
    "spring.datasource.generate-unique-name=true",
    "camunda.bpm.metrics.db-reporter-activate=false",
    // seconds-long SLAs that must breach in real time whatever the hour: wall-clock calendar
    "handoff.sla.calendar=24x7",
    "handoff.api-keys=e2e-key",
    "handoff.sla.policies.HIGH.accept=PT3S",
    "handoff.sla.policies.HIGH.escalation=PT1H",
    "handoff.sla.policies.NORMAL.accept=PT1H"
})
abstract class EndToEndBase {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    RestClient http;

    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
    }

    /**
     * The job executor's acquisition (timers first, by due date) has its indexes on this database
     * too, and an installation that had the first version's index loses it on start.
     */
    @Test
    void theJobTableHasTheAcquisitionIndexes() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(JobAcquisitionIndex.present(c)).contains("IX_RU_JOB_DUE").doesNotContain("IX_RU_JOB_ACQUIRE");
            s.execute("create index IX_RU_JOB_ACQUIRE on ACT_RU_JOB (TYPE_ desc, DUEDATE_ asc)");
            JobAcquisitionIndex.create(c);
            assertThat(JobAcquisitionIndex.present(c)).contains("IX_RU_JOB_DUE").doesNotContain("IX_RU_JOB_ACQUIRE");
        }
    }

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { })
                .build();
    }

    private RestClient.RequestBodySpec asIntegration(String uri) {
        return http.post().uri(uri).header("Authorization", "Bearer e2e-key").contentType(MediaType.APPLICATION_JSON);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes());
    }

    JsonNode lead(String id) {
        return http.get().uri("/api/leads/" + id).header("Authorization", "Bearer e2e-key").retrieve()
                .body(JsonNode.class);
    }

    List<JsonNode> tasksOf(String user) {
        JsonNode list = http.get().uri("/api/tasks").header("Authorization", basic(user)).retrieve()
                .body(JsonNode.class);
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    JsonNode awaitTask(String user, String leadId, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> tasksOf(user).stream()
                .filter(t -> leadId.equals(t.path("leadId").asText()) && taskKey.equals(t.path("taskKey").asText()))
                .findFirst().orElse(null), t -> t != null);
    }

    ResponseEntity<Void> complete(String user, String taskId, Map<String, Object> values) {
        return http.post().uri("/api/tasks/" + taskId + "/complete").header("Authorization", basic(user))
                .contentType(MediaType.APPLICATION_JSON).body(values).retrieve().toBodilessEntity();
    }

    String createLead(String json) {
        ResponseEntity<JsonNode> created = asIntegration("/api/leads").body(json).retrieve().toEntity(JsonNode.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return created.getBody().path("id").asText();
    }

    void activity(String leadId, String type) {
        ResponseEntity<JsonNode> accepted = asIntegration("/api/leads/" + leadId + "/activities")
                .body("{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\"}").retrieve()
                .toEntity(JsonNode.class);
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void leadWalkedThroughAcceptAndQualifiedEndsAsSql() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String id = createLead("""
                {"email":"fin-%s@northwind.example","firstName":"Fin","lastName":"Walker","company":"Northwind",
                 "jobTitle":"Engineer","companySize":300,"industry":"Software","country":"US"}""".formatted(suffix));
        activity(id, "TRIAL_STARTED");
        activity(id, "WEBINAR_ATTENDED");
        assertThat(lead(id).path("stage").asText()).isEqualTo("MQL");

        String rep = await().atMost(Duration.ofSeconds(30)).until(() -> lead(id).path("owner").asText(null),
                owner -> owner != null);
        assertThat(rep).isIn("carol", "dave");
        JsonNode accept = awaitTask(rep, id, "Task_AcceptLead");
        assertThat(Instant.parse(accept.path("dueAt").asText()))
                .isAfter(Instant.now().plus(Duration.ofMinutes(55)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestMail.subjectsTo(rep + "@example.com").stream().anyMatch(s -> s.contains("Fin Walker")));

        assertThat(complete(rep, accept.path("id").asText(), Map.of("decision", "ACCEPT")).getStatusCode().value())
                .isEqualTo(204);
        JsonNode call = awaitTask(rep, id, "Task_DiscoveryCall");
        assertThat(complete(rep, call.path("id").asText(), Map.of("outcome", "QUALIFIED", "budget", "40k",
                "authority", "VP Eng", "need", "SLA tracking", "timeline", "this quarter")).getStatusCode().value())
                .isEqualTo(204);

        JsonNode done = await().atMost(Duration.ofSeconds(30)).until(() -> lead(id),
                l -> "SQL".equals(l.path("stage").asText()));
        List<String> stages = StreamSupport.stream(done.path("history").spliterator(), false)
                .map(h -> h.path("stage").asText()).toList();
        assertThat(stages).containsExactly("MQL", "SAL", "SQL");
        assertThat(done.path("history").get(1).path("by").asText()).isEqualTo(rep);
    }

    @Test
    void demoRequestLeftAloneIsEscalatedToTheManagerSoonAfterTheBreach() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String id = createLead("""
                {"email":"ida-%s@contoso.example","firstName":"Ida","lastName":"Late%s","country":"DE"}"""
                .formatted(suffix, suffix));
        activity(id, "DEMO_REQUESTED");
        JsonNode accept = await().atMost(Duration.ofSeconds(30)).until(() -> lead(id),
                l -> "ACCEPT".equals(l.path("sla").path("clock").asText()));
        Instant due = Instant.parse(accept.path("sla").path("dueAt").asText());

        JsonNode escalation = awaitTask("maria", id, "Task_ResolveEscalation");
        Instant created = Instant.parse(escalation.path("createdAt").asText());
        assertThat(created).isAfterOrEqualTo(due);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.subjectsTo("maria@example.com").stream()
                .anyMatch(s -> s.startsWith("SLA breached") && s.contains("Late" + suffix)));
        JsonNode after = lead(id);
        assertThat(after.path("sla").path("clock").asText()).isEqualTo("ESCALATION");
        assertThat(after.path("stage").asText()).isEqualTo("MQL");
        System.out.printf("breach acted on %d ms after due%n", Duration.between(due, created).toMillis());
    }
}
