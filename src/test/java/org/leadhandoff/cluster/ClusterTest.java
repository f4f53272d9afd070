package org.leadhandoff.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.leadhandoff.cluster.LeadLoad.Pushed;
import org.leadhandoff.support.EmbeddedPostgres;
import org.leadhandoff.support.TestMail;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application nodes in their own JVMs on one PostgreSQL database (Camunda's shared-database
 * cluster: both run the job executor), as behind a load balancer. Nobody acts on the leads, so
 * every handoff climbs the whole SLA ladder in real time (5 s per rung, wall-clock calendar):
 * assigned, reminded, breached to the manager, reminded, escalated to the second level. Each
 * rung must reach its person exactly once, by mail and on the bell, whichever node ran it, and
 * also when nodes are killed with SIGKILL in the middle of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    private static final String DATABASE = "cluster";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A killed node's jobs stay locked this long before another node may run them. */
    private static final Duration LOCK_TIME = Duration.ofSeconds(20);

    /** The models folder both nodes deploy from, a copy of bpmn/ and forms/ the redeploy test edits. */
    private static final Path MODELS = Path.of("target", "cluster", "models").toAbsolutePath();

    private static JdbcClient db;
    private static Node a;
    private static Node b;

    @BeforeAll
    static void twoNodes() throws IOException {
        copyModels();
        String url = EmbeddedPostgres.url(DATABASE);
        db = JdbcClient.create(EmbeddedPostgres.server().getDatabase("postgres", DATABASE));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", String.valueOf(TestMail.port()));
        properties.put("handoff.models.dir", MODELS.toString());
        properties.put("handoff.sla.calendar", "24x7");
        properties.put("handoff.sla.accept", "PT5S");
        properties.put("handoff.sla.follow-up", "PT5S");
        properties.put("handoff.sla.escalation", "PT5S");
        properties.put("handoff.demo.history", "false");
        properties.put("camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK_TIME.toMillis()));
        properties.put("camunda.bpm.metrics.db-reporter-activate", "false");
        properties.put("spring.main.banner-mode", "off");
        // what a load balancer should ask: ready only once the models are deployed
        properties.put("management.endpoint.health.probes.enabled", "true");
        a = new Node("node-a", properties);
        b = new Node("node-b", properties);
        // both at once on an empty database: schema, migrations, demo data and models race
        a.start();
        b.start();
        a.awaitReady();
        b.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.kill();
        }
        if (b != null) {
            b.kill();
        }
    }

    @Test
    @Order(1)
    void twoNodesOnOneDatabaseDeployOnceShareTheRotationAndNotifyEachRungOnce() throws Exception {
        assertThat(db.sql("select count(*) from act_re_deployment").query(Long.class).single())
                .as("two nodes starting at once deploy the models once").isEqualTo(1);
        for (Node node : List.of(a, b)) {
            JsonNode models = JSON.readTree(node.get("/api/ops/models", basic("oscar")).body());
            assertThat(models).isNotEmpty();
            models.forEach(m -> assertThat(m.get("version").asInt()).as(m.get("key").asText() + " on " + node)
                    .isEqualTo(1));
        }

        LeadLoad load = new LeadLoad(List.of(a, b));
        List<Pushed> leads = load.push("T1", 24, done -> { });
        assertThat(leads).extracting(Pushed::answeredBy).contains("node-a", "node-b");

        awaitWholeLadder(leads);
        assertEachRungOnce(leads);
        assertRotationFair(leads);
    }

    /** Last: it leaves node B dead. */
    @Test
    @Order(4)
    void nodesKilledInTheMiddleOfALoadLoseNoLeadAndSendNothingTwice() throws Exception {
        LeadLoad load = new LeadLoad(List.of(a, b));
        AtomicBoolean killed = new AtomicBoolean();
        List<Pushed> leads = load.push("T2", 40, done -> {
            if (done >= 14 && killed.compareAndSet(false, true)) {
                a.kill();
            }
        });
        assertThat(load.repeats()).as("calls to the killed node were repeated on the other").isPositive();
        // the rest of the cluster goes down too while handoffs are between rungs: their timers come due meanwhile
        Node.pause(1500);
        b.kill();
        Instant down = Instant.now();

        // one node back is enough to catch up; B stays down (the first test showed two nodes sharing the work)
        a.start().awaitReady();
        Instant firstReady = a.readyAt();
        System.out.printf("cluster down for %d ms (start-up of node A)%n", Duration.between(down, firstReady)
                .toMillis());

        for (Pushed lead : leads) {
            assertThat(a.get("/api/leads/" + lead.id(), LeadLoad.API_KEY).statusCode()).as(lead.externalId())
                    .isEqualTo(200);
        }
        awaitWholeLadder(leads);
        assertEachRungOnce(leads);
        assertRotationFair(leads);

        assertThat(db.sql("""
                select count(*) from sla_clocks c join leads l on l.id = c.lead_id
                 where l.external_id like 'cluster-T2%' and c.breached_at is null""").query(Long.class).single())
                .as("SLA clocks whose breach timer never fired").isZero();
        List<Instant> lateBreaches = db.sql("""
                select c.breached_at from sla_clocks c join leads l on l.id = c.lead_id
                 where l.external_id like 'cluster-T2%' and c.due_at > ? and c.due_at < ?""")
                .params(java.sql.Timestamp.from(down), java.sql.Timestamp.from(firstReady))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        assertThat(lateBreaches).as("SLA clocks that came due while the cluster was down").isNotEmpty();
        Duration catchUp = lateBreaches.stream().map(at -> Duration.between(firstReady, at)).max(Duration::compareTo)
                .orElseThrow();
        System.out.printf("%d breaches came due while the cluster was down; the last was acted on %d ms after the"
                + " restart began, %d ms after the first node's readiness probe answered UP%n", lateBreaches.size(),
                Duration.between(down, firstReady.plus(catchUp)).toMillis(), catchUp.toMillis());
        // at once: not on their own schedule, nor after a lock time; the bound leaves room for a busy machine
        assertThat(catchUp).as("late timers fire at once after the restart").isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @Order(2)
    void aBrowserSessionLivesOnTheNodeThatSignedIn() throws Exception {
        HttpResponse<String> page = a.send(a.request("/login").GET());
        String cookie = sessionCookie(page);
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        HttpResponse<String> signIn = a.send(a.request("/login").header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=demo&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))));
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        cookie = signIn.headers().firstValue("Set-Cookie").isPresent() ? sessionCookie(signIn) : cookie;

        assertThat(a.send(a.request("/inbox").header("Cookie", cookie).GET()).statusCode())
                .as("alice's inbox on the node she signed in on").isEqualTo(200);
        HttpResponse<String> elsewhere = b.send(b.request("/inbox").header("Cookie", cookie).GET());
        assertThat(elsewhere.statusCode()).as("the other node does not know her session").isEqualTo(302);
        assertThat(elsewhere.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    @Order(3)
    void aRedeployPressedOnBothNodesAtOnceDeploysOnce() throws Exception {
        Path bpmn = MODELS.resolve("bpmn/LeadHandoff.bpmn");
        String model = Files.readString(bpmn);
        assertThat(model).contains("name=\"Lead handoff\"");
        Files.writeString(bpmn, model.replace("name=\"Lead handoff\"", "name=\"Lead handoff, edited\""));
        long deploymentsBefore = db.sql("select count(*) from act_re_deployment").query(Long.class).single();

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService ops = Executors.newFixedThreadPool(2);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (Node node : List.of(a, b)) {
            answers.add(ops.submit(() -> {
                go.await();
                return node.send(node.request("/api/ops/deploy").header("Authorization", basic("oscar"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
            }));
        }
        go.countDown();
        List<JsonNode> deployed = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            deployed.add(JSON.readTree(response.body()).get("deployed"));
        }
        ops.shutdown();

        assertThat(deployed).as("one node deployed the change, the other found it deployed")
                .filteredOn(list -> !list.isEmpty()).hasSize(1);
        assertThat(deployed).filteredOn(JsonNode::isEmpty).hasSize(1);
        assertThat(db.sql("select count(*) from act_re_deployment").query(Long.class).single())
                .isEqualTo(deploymentsBefore + 1);
        assertThat(db.sql("select count(*) from ops_deployments").query(Long.class).single())
                .isEqualTo(deploymentsBefore + 1);
        assertThat(db.sql("select max(version_) from act_re_procdef where key_ = 'LeadHandoff'").query(Integer.class)
                .single()).isEqualTo(2);
    }

    /** Until every handoff has reached the second level and has no job left to run. */
    private static void awaitWholeLadder(List<Pushed> leads) {
        String batch = leads.get(0).externalId().substring(0, "cluster-T1".length());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(db.sql("""
                    select count(*) from notify n join leads l on l.id = n.lead_id
                     where l.external_id like ? and n.kind = 'SECOND_LEVEL'""")
                    .param(batch + "%").query(Long.class).single()).isGreaterThanOrEqualTo(leads.size());
            assertThat(db.sql("""
                    select count(*) from act_ru_job j join leads l on l.handoff_id = j.process_instance_id_
                     where l.external_id like ?""").param(batch + "%").query(Long.class).single()).isZero();
        });
        // a duplicate would come from a job run twice; give a straggler time to show up
        Node.pause(2000);
    }

    private static void assertEachRungOnce(List<Pushed> leads) {
        assertThat(db.sql("select count(*) from act_ru_incident").query(Long.class).single()).as("incidents").isZero();
        Map<String, List<Mail>> mail = new LinkedHashMap<>();
        for (String user : List.of("alice", "bob", "carol", "dave", "maria")) {
            mail.put(user, Mail.to(user + "@example.com"));
        }
        int reminders = 0;
        int copies = 0;
        for (Pushed lead : leads) {
            String handoff = db.sql("select handoff_id from leads where id = ?").param(lead.id()).query(String.class)
                    .single();
            assertThat(db.sql("select count(*) from act_hi_procinst where business_key_ = ?").param(lead.id())
                    .query(Long.class).single()).as("handoffs of " + lead.externalId()).isEqualTo(1);
            assertThat(db.sql("select task_def_key_ from act_hi_taskinst where proc_inst_id_ = ? order by start_time_")
                    .param(handoff).query(String.class).list()).as("tasks of " + lead.externalId())
                    .containsExactly("Task_AcceptLead", "Task_ResolveEscalation", "Task_ResolveSecondLevelEscalation");
            assertThat(db.sql("select task_def_key_ from act_ru_task where proc_inst_id_ = ?").param(handoff)
                    .query(String.class).list()).as("open tasks of " + lead.externalId())
                    .containsExactly("Task_ResolveSecondLevelEscalation");

            String rep = db.sql("select assignee from sla_clocks where handoff_id = ? and kind = 'ACCEPT'")
                    .param(handoff).query(String.class).single();
            assertThat(Mail.messages(mail.get(rep), "New lead for you: " + lead.mailName()))
                    .as("assignment mails to " + rep).isEqualTo(1);
            assertThat(Mail.messages(mail.get("maria"), "SLA breached: " + lead.mailName()))
                    .as("breach mails, " + lead.externalId()).isEqualTo(1);
            assertThat(Mail.messages(mail.get("maria"), "Escalation not resolved: " + lead.mailName()))
                    .as("second-level mails, " + lead.externalId()).isEqualTo(1);
            // a reminder is skipped when its rung was over before it ran (a late job on a busy machine): at most once
            long repReminders = Mail.messages(mail.get(rep), "Reminder: " + lead.mailName());
            long managerReminders = Mail.messages(mail.get("maria"), "Reminder: " + lead.mailName());
            assertThat(repReminders).as("reminders to " + rep).isLessThanOrEqualTo(1);
            assertThat(managerReminders).as("reminders to maria").isLessThanOrEqualTo(1);
            reminders += (int) (repReminders + managerReminders);
            int again = Mail.copies(mail.get(rep), lead.mailName()) + Mail.copies(mail.get("maria"), lead.mailName());
            if (again > 0) {
                System.out.printf("delivered again (same message): %s%n", Stream.concat(mail.get(rep).stream(),
                        mail.get("maria").stream()).filter(m -> m.subject().contains(lead.mailName())).toList());
            }
            copies += again;

            Map<String, Long> bell = db.sql("select recipient || ' ' || kind from notify where lead_id = ?")
                    .param(lead.id()).query(String.class).list().stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(bell).as("bell of " + lead.externalId())
                    .containsEntry(rep + " ASSIGNED", 1L)
                    .containsEntry("maria ESCALATION", 1L)
                    .containsEntry("maria SECOND_LEVEL", 1L)
                    .allSatisfy((what, times) -> assertThat(times).as(what).isEqualTo(1L));
            // a reminder mailed by an attempt that was then rolled back (node killed, or the breach won the race)
            // is skipped on the retry because its rung is over: mailed once, not on the bell
            if (bell.getOrDefault(rep + " REMINDER", 0L) < repReminders) {
                System.out.printf("reminder mailed by a rolled-back attempt, not on the bell: %s%n", lead.mailName());
            }
        }
        System.out.printf("%d handoffs: every rung notified once; %d of %d reminders sent in time;"
                + " %d mails delivered again as the same message (same Message-ID)%n", leads.size(), reminders,
                2 * leads.size(), copies);
    }

    /** Round robin over both nodes: each team's reps got the same number of leads, give or take one. */
    private static void assertRotationFair(List<Pushed> leads) {
        Map<String, Long> perRep = db.sql("""
                select c.assignee from sla_clocks c join leads l on l.id = c.lead_id
                 where l.external_id like ? and c.kind = 'ACCEPT'""")
                .param(leads.get(0).externalId().substring(0, "cluster-T1".length()) + "%")
                .query(String.class).list().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        System.out.println("leads per rep: " + perRep);
        long emea = leads.stream().filter(Pushed::emea).count();
        assertThat(perRep.get("alice") + perRep.get("bob")).isEqualTo(emea);
        assertThat(Math.abs(perRep.get("alice") - perRep.get("bob"))).as("alice vs bob").isLessThanOrEqualTo(1);
        assertThat(perRep.get("carol") + perRep.get("dave")).isEqualTo(leads.size() - emea);
        assertThat(Math.abs(perRep.get("carol") - perRep.get("dave"))).as("carol vs dave").isLessThanOrEqualTo(1);
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    private static void copyModels() throws IOException {
        if (Files.exists(MODELS)) {
            try (Stream<Path> old = Files.walk(MODELS)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (String folder : List.of("bpmn", "forms")) {
            Files.createDirectories(MODELS.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path file : files.toList()) {
                    Files.copy(file, MODELS.resolve(folder).resolve(file.getFileName().toString()));
                }
            }
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes());
    }
}
