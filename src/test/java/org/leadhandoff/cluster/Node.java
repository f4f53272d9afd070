package org.leadhandoff.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance of the application in a child JVM, started the way an operator starts it (main
 * class, command-line properties), so a test can kill it with SIGKILL and start it again. Its
 * output goes to {@code target/cluster/<name>-<n>.log}.
 */
final class Node {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> properties;
    private int starts;
    private int port;
    private Process process;
    private Path log;
    private Instant readyAt;

    Node(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = properties;
    }

    String name() {
        return name;
    }

    /** Starts the JVM and returns at once; {@link #awaitReady()} waits until it serves requests. */
    Node start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        port = freePort();
        starts++;
        readyAt = null;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a small heap and quick start-up: two of these share two cores with the test
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                "org.leadhandoff.LeadHandoffApplication",
                "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Path dir = Path.of("target", "cluster");
            Files.createDirectories(dir);
            log = dir.resolve(name + "-" + starts + ".log");
            process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        return this;
    }

    /**
     * Waits until the application is ready for traffic: its readiness probe turns UP only after the
     * start-up runners (demo data, model deployment), while plain {@code /actuator/health} is UP
     * as soon as the web server listens. The node needs {@code management.endpoint.health.probes.enabled}.
     */
    Node awaitReady() {
        Instant giveUp = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up; see "
                        + log.toAbsolutePath() + ":\n" + tail());
            }
            if (ready()) {
                readyAt = Instant.now();
                return this;
            }
            pause(250);
        }
        throw new IllegalStateException(name + " did not start within " + START_TIMEOUT + "; see " + log.toAbsolutePath());
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful stop of the job executor or the connection pool. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Instant readyAt() {
        return readyAt;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** GET with the given Authorization header; the status and body. */
    HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST of a JSON body with the given Authorization header; the status and body. */
    HttpResponse<String> postJson(String path, String authorization, String json)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to this node, to be sent with {@link #send}. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(15));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean ready() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                            + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + baseUrl() + ")";
    }
}
