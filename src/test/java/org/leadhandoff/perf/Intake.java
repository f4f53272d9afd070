package org.leadhandoff.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.leadhandoff.lead.ActivityInput;
import org.leadhandoff.lead.LeadInput;
import org.leadhandoff.lead.LeadService;
import org.leadhandoff.scoring.ActivityType;

/**
 * Sends a lead that asks for a demo (so it becomes an MQL and its handoff starts at once), the
 * way an integration does: through the public API or straight through {@link LeadService}.
 */
final class Intake {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PerfApp app;
    private final LeadService leads;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    Intake(PerfApp app) {
        this.app = app;
        this.leads = app.bean(LeadService.class);
    }

    /** Half the leads go to emea (Germany), half to amer (the US): both teams' round robins work. */
    static String country(long n) {
        return n % 2 == 0 ? "DE" : "US";
    }

    private static LeadInput lead(String tag, long n, String country) {
        return new LeadInput("perf-" + tag + "-" + n, "lead-" + tag + "-" + n + "@perf.example", "Lee", "Ad" + n,
                "Acme " + n, "VP Sales", 500, "Software", country, "perf", null);
    }

    /** Creates the lead and its demo request through the Java service; the new lead's id. */
    String viaJava(String tag, String country) {
        long n = SEQUENCE.incrementAndGet();
        String id = leads.upsert(lead(tag, n, country)).lead().id();
        leads.recordActivity(id, new ActivityInput(null, ActivityType.DEMO_REQUESTED, null, Map.of()));
        return id;
    }

    String viaJava(String tag) {
        long n = SEQUENCE.incrementAndGet();
        return viaJavaNumbered(tag, n);
    }

    private String viaJavaNumbered(String tag, long n) {
        String id = leads.upsert(lead(tag, n, country(n))).lead().id();
        leads.recordActivity(id, new ActivityInput(null, ActivityType.DEMO_REQUESTED, null, Map.of()));
        return id;
    }

    /** The same through {@code POST /api/leads} and {@code POST /api/leads/{id}/activities}. */
    String viaHttp(String tag) throws IOException, InterruptedException {
        long n = SEQUENCE.incrementAndGet();
        LeadInput in = lead(tag, n, country(n));
        String body = JSON.writeValueAsString(in);
        HttpResponse<String> created = send(post("/api/leads", body));
        if (created.statusCode() != 201) {
            throw new IOException("POST /api/leads answered " + created.statusCode() + ": " + created.body());
        }
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> activity = send(post("/api/leads/" + id + "/activities", "{\"type\":\"DEMO_REQUESTED\"}"));
        if (activity.statusCode() != 202) {
            throw new IOException("POST activities answered " + activity.statusCode() + ": " + activity.body());
        }
        return id;
    }

    /** A rep completes their task through {@code POST /api/tasks/{id}/complete}; the HTTP status. */
    int completeAsRep(String user, String taskId, Map<String, Object> values) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri("/api/tasks/" + taskId + "/complete"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(values))).build();
        return send(request).statusCode();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + PerfApp.API_KEY)
                .GET().build();
        return JSON.readTree(send(request).body());
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + PerfApp.API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
