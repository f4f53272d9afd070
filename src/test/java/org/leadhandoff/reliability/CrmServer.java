package org.leadhandoff.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP server standing in for the CRM's webhook, on a fixed port so a test can stop it
 * (connections refused), make it answer an error, and start it again. Like CRMs that take an
 * {@code Idempotency-Key}, it stores a lead once per key however often it is posted.
 */
final class CrmServer {

    private static final int PORT = SmtpServer.freePort();

    /** One request as the CRM saw it, and what it answered. */
    record Attempt(String idempotencyKey, String body, int status) {
    }

    private static final List<Attempt> attempts = new ArrayList<>();
    private static final Map<String, String> stored = new LinkedHashMap<>();
    private static HttpServer server;
    private static int answer = 201;
    private static boolean dropAfterStoring;

    private CrmServer() {
    }

    static String url() {
        return "http://127.0.0.1:" + PORT + "/crm/leads";
    }

    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/crm/leads", CrmServer::handle);
        server.start();
    }

    /** Goes away: connections are refused until {@link #start()}. */
    static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Up but failing: answers every request with this status (e.g. 503) and stores nothing. */
    static synchronized void answer(int status) {
        answer = status;
    }

    /** Stores the next leads but drops the connection before answering, as a CRM behind a failing proxy. */
    static synchronized void dropAfterStoring(boolean drop) {
        dropAfterStoring = drop;
    }

    static synchronized void reset() {
        attempts.clear();
        stored.clear();
        answer = 201;
        dropAfterStoring = false;
    }

    static synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The leads the CRM holds, by idempotency key. */
    static synchronized Map<String, String> stored() {
        return Map.copyOf(stored);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        int status;
        boolean drop;
        synchronized (CrmServer.class) {
            status = answer;
            drop = dropAfterStoring;
            if (status < 300) {
                stored.putIfAbsent(key, body);
            }
            attempts.add(new Attempt(key, body, drop ? -1 : status));
        }
        if (drop) {
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
