package org.leadhandoff.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every HTTP endpoint as anonymous, an integration's API key, a rep, a manager, ops and a
 * Camunda admin, on a running server (so Camunda's REST API and webapps answer for real), and
 * checks each answer against the role table in the README ("Who may call what"). The endpoints of
 * the application are read from Spring's {@link RequestMappingHandlerMapping}: a new one without a
 * row in the README fails this test, and so does a row for an endpoint that no longer exists.
 * The same context as {@code DefaultStartTest}: the shipped defaults with demo data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:defaults;MODE=LEGACY;DB_CLOSE_DELAY=-1",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "spring.datasource.generate-unique-name=true",
    "camunda.bpm.metrics.db-reporter-activate=false"
})
class AccessWalkTest {

    /** The callers, in the order of the README table's columns. */
    static final List<String> CALLERS = List.of("anonymous", "api key", "rep", "manager", "ops", "admin");
    private static final Map<String, String> USERS = Map.of("rep", "alice", "manager", "maria", "ops", "oscar",
            "admin", "admin");
    /** Path variables get values that name nothing (the door is checked, not the object), except a real team. */
    private static final Map<String, String> SAMPLES = Map.of("team", "emea");
    /** Prefixes served outside Spring MVC: their rows name concrete paths to try. */
    private static final List<String> OUTSIDE_MVC = List.of("/engine-rest", "/camunda", "/actuator");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private static List<Row> table;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** One row of the README table: a call and what each caller gets. */
    record Row(String method, String path, List<String> expected) {

        String call() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void readTheReadme() throws IOException {
        table = rolesTable(Files.readString(Path.of("README.md")));
    }

    /** The rows of the first table under the heading "### Who may call what". */
    static List<Row> rolesTable(String readme) {
        int heading = readme.indexOf("### Who may call what");
        assertThat(heading).as("README has a section \"### Who may call what\"").isNotNegative();
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : readme.substring(heading).lines().skip(1).toList()) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            List<String> cells = List.of(line.substring(1, line.lastIndexOf('|')).split("\\|")).stream()
                    .map(String::trim).toList();
            Matcher call = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) ([^`]+)`").matcher(cells.get(0));
            if (!call.find()) {
                continue; // the header and the separator
            }
            assertThat(cells).as("row %s has a cell per caller", cells.get(0)).hasSize(CALLERS.size() + 1);
            rows.add(new Row(call.group(1), call.group(2),
                    cells.subList(1, cells.size()).stream().map(c -> c.split("[ (]")[0]).toList()));
        }
        assertThat(rows).as("the table has rows").isNotEmpty();
        return rows;
    }

    @Test
    void everyEndpointOfTheApplicationHasARowInTheReadme() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path : info.getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(m + " " + path);
                }
            }
        });
        Set<String> documented = new TreeSet<>(table.stream().map(Row::call).toList());
        assertThat(documented).as("README rows for the application's endpoints").containsAll(endpoints);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(endpoints);
        stale.removeIf(call -> OUTSIDE_MVC.stream().anyMatch(p -> call.substring(call.indexOf(' ') + 1).startsWith(p)));
        assertThat(stale).as("README rows for endpoints that do not exist").isEmpty();
    }

    @Test
    void everyCallerGetsWhatTheReadmeSays() throws Exception {
        Map<String, Session> sessions = new LinkedHashMap<>();
        for (String caller : CALLERS) {
            sessions.put(caller, USERS.containsKey(caller) ? signIn(USERS.get(caller)) : anonymousSession());
        }
        List<String> wrong = new ArrayList<>();
        for (Row row : table) {
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                HttpResponse<String> answer = call(row, caller, sessions.get(caller));
                String got = outcome(answer);
                if (!got.equals(row.expected().get(i))) {
                    wrong.add(row.call() + " as " + caller + ": README says " + row.expected().get(i) + ", got "
                            + got + " (" + answer.statusCode() + " " + answer.headers().firstValue("Location")
                            .orElse("") + ")");
                }
                if (answer.statusCode() >= 500 && !row.path().equals("/error")) {
                    wrong.add(row.call() + " as " + caller + ": server error " + answer.statusCode() + " "
                            + answer.body().substring(0, Math.min(300, answer.body().length())));
                }
            }
        }
        assertThat(wrong).as("answers that differ from the README's table").isEmpty();
    }

    /** What a caller got, in the table's words. */
    private static String outcome(HttpResponse<String> answer) {
        int status = answer.statusCode();
        String location = answer.headers().firstValue("Location").orElse("");
        if (status == 302 && location.matches("(https?://[^/]+)?/login(\\?.*)?")) {
            return "sign-in";
        }
        if (status == 401 || status == 403) {
            return String.valueOf(status);
        }
        return "yes";
    }

    private HttpResponse<String> call(Row row, String caller, Session session) throws Exception {
        String path = row.path();
        Matcher variable = Pattern.compile("\\{([^}]+)}").matcher(path);
        StringBuilder concrete = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(concrete, SAMPLES.getOrDefault(variable.group(1), "does-not-exist"));
        }
        variable.appendTail(concrete);
        boolean api = path.startsWith("/api/") || path.startsWith("/engine-rest/");
        boolean hasBody = !row.method().equals("GET") && !row.method().equals("DELETE");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + concrete))
                .method(row.method(), hasBody ? HttpRequest.BodyPublishers.ofString(api ? "{}" : "")
                        : HttpRequest.BodyPublishers.noBody());
        if (hasBody) {
            request.header("Content-Type", api ? "application/json" : "application/x-www-form-urlencoded");
        }
        if (!api) {
            // pages as a browser calls them; the walk checks roles, not CSRF (tested on its own), so
            // every caller brings its session's token
            request.header("Cookie", "JSESSIONID=" + session.id() + "; XSRF-TOKEN=" + session.xsrf())
                    .header("X-CSRF-TOKEN", session.csrf())
                    // Camunda's webapps have their own CSRF token
                    .header("X-XSRF-TOKEN", session.xsrf());
        }
        if (caller.equals("api key")) {
            request.header("Authorization", "Bearer demo-key");
        } else if (USERS.containsKey(caller) && api) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (USERS.get(caller) + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A browser's session cookie, the CSRF token its pages carry, and the one Camunda's webapps set. */
    record Session(String id, String csrf, String xsrf) {
    }

    private Session anonymousSession() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Session(cookie(page, "JSESSIONID"), csrf(page.body()), "none");
    }

    private Session signIn(String user) throws Exception {
        Session anonymous = anonymousSession();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "JSESSIONID=" + anonymous.id())
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf="
                        + anonymous.csrf())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElse("")).as(user + " signs in").doesNotContain("error");
        String id = cookie(signedIn, "JSESSIONID");
        // the token changes with the sign-in; any page of ours carries the new one
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Cookie", "JSESSIONID=" + id).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> webapp = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/camunda/api/admin/auth/user/default")).header("Cookie", "JSESSIONID=" + id).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Session(id, csrf(page.body()), cookie(webapp, "XSRF-TOKEN"));
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no cookie " + name + " in " + response.headers()));
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("the page carries a CSRF token").isTrue();
        return m.group(1);
    }
}
