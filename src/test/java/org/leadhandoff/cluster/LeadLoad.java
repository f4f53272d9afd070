package org.leadhandoff.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A marketing system pushing hand-raising leads (a new lead, then its demo request) to several
 * nodes at once, as behind a load balancer: lead {@code i} goes to node {@code i % nodes}. When a
 * node does not answer (killed, connection refused or reset) the call is repeated on the next
 * node, as a load balancer or the integration's own retry would; the API is idempotent by
 * {@code externalId} and activity {@code id}, so a repeat never makes a second lead or handoff.
 */
final class LeadLoad {

    static final String API_KEY = "Bearer demo-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A lead whose creation and demo request both got a 2xx answer, and the node that gave it. */
    record Pushed(String externalId, String id, String lastName, String country, String answeredBy) {

        /** How the lead is named in mail subjects: "Lee T2N007 at Acme". */
        String mailName() {
            return "Lee " + lastName + " at Acme";
        }

        boolean emea() {
            return "DE".equals(country);
        }
    }

    private final List<Node> nodes;
    private final AtomicInteger repeats = new AtomicInteger();

    LeadLoad(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** How many calls had to be repeated on another node. */
    int repeats() {
        return repeats.get();
    }

    /**
     * Pushes {@code count} leads from four client threads, alternating DE (team emea) and US (team
     * amer); {@code afterEach} is told how many leads are done after each one.
     */
    List<Pushed> push(String batch, int count, IntConsumer afterEach) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        AtomicInteger done = new AtomicInteger();
        List<Future<Pushed>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(clients.submit(() -> {
                Pushed pushed = pushOne(batch, n);
                afterEach.accept(done.incrementAndGet());
                return pushed;
            }));
        }
        clients.shutdown();
        if (!clients.awaitTermination(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException("The load did not finish");
        }
        List<Pushed> pushed = new ArrayList<>();
        for (Future<Pushed> f : futures) {
            pushed.add(f.get());
        }
        return Collections.unmodifiableList(pushed);
    }

    private Pushed pushOne(String batch, int n) throws Exception {
        String lastName = batch + "N" + String.format("%03d", n);
        String externalId = "cluster-" + lastName;
        String country = n % 2 == 0 ? "DE" : "US";
        String lead = """
                {"externalId":"%s","email":"%s@acme.example","firstName":"Lee","lastName":"%s","company":"Acme",
                 "jobTitle":"VP Sales","companySize":500,"industry":"Software","country":"%s"}"""
                .formatted(externalId, externalId.toLowerCase(), lastName, country);
        Answer created = call(n, "/api/leads", lead);
        String id = JSON.readTree(created.body()).get("id").asText();
        Answer activity = call(n, "/api/leads/" + id + "/activities",
                "{\"id\":\"demo-%s\",\"type\":\"DEMO_REQUESTED\"}".formatted(externalId));
        return new Pushed(externalId, id, lastName, country, activity.node().name());
    }

    private record Answer(Node node, String body) {
    }

    /** POSTs to lead n's node, else to the next ones, a few rounds; only a 2xx counts. */
    private Answer call(int n, String path, String json) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 3 * nodes.size(); attempt++) {
            Node node = nodes.get((n + attempt) % nodes.size());
            try {
                HttpResponse<String> answer = node.postJson(path, API_KEY, json);
                if (answer.statusCode() / 100 == 2) {
                    if (attempt > 0) {
                        repeats.incrementAndGet();
                    }
                    return new Answer(node, answer.body());
                }
                failures.add(node.name() + ": " + answer.statusCode() + " " + answer.body());
                if (answer.statusCode() < 500) {
                    break;
                }
            } catch (IOException down) {
                failures.add(node.name() + ": " + down);
            }
            Node.pause(200);
        }
        throw new IllegalStateException("POST " + path + " failed on every node: " + failures);
    }
}
