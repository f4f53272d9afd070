package org.leadhandoff.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.support.SignIn;
import org.leadhandoff.web.Flash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Things that happen at the same moment: the same lead posted fifty times at once, hand-raising
 * activities racing each other, and a rep completing a task just as its SLA timer (or its
 * reminder) fires. Each must end with one lead, one handoff, one outcome; the loser of a race is
 * told clearly and nothing is left half done. Run on H2 and on PostgreSQL.
 */
abstract class ConcurrencyContract extends NeighboursTestBase {

    private static final int POSTS = 50;

    @Autowired
    DataSource dataSource;
    @Autowired
    HistoryService history;

    JdbcTemplate sql() {
        return new JdbcTemplate(dataSource);
    }

    @Test
    void fiftyPostsOfTheSameLeadAtOnceMakeOneLeadAndOneHandoff() throws Exception {
        String n = Long.toString(System.nanoTime());
        String body = """
                {"externalId":"race-%s","email":"race%s@acme.example","firstName":"Rae","lastName":"Race%s",
                 "company":"Acme","jobTitle":"VP Sales","companySize":500,"industry":"Software","country":"DE"}"""
                .formatted(n, n, n);
        String activity = "{\"id\":\"demo-" + n + "\",\"type\":\"DEMO_REQUESTED\"}";

        List<int[]> answers = all(POSTS, () -> {
            MvcResult created = mvc.perform(post("/api/leads").header("Authorization", "Bearer test-key")
                    .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
            JsonNode answer = json.readTree(created.getResponse().getContentAsString());
            assertThat(answer.has("id")).as("POST /api/leads answered %s %s", created.getResponse().getStatus(),
                    answer).isTrue();
            String id = answer.get("id").asText();
            MvcResult recorded = mvc.perform(post("/api/leads/" + id + "/activities")
                    .header("Authorization", "Bearer test-key").contentType(MediaType.APPLICATION_JSON)
                    .content(activity)).andReturn();
            return new int[] {created.getResponse().getStatus(), recorded.getResponse().getStatus(), id.hashCode()};
        });

        assertThat(answers).extracting(a -> a[0]).as("one created, the others found it")
                .containsOnly(201, 200).filteredOn(s -> s == 201).hasSize(1);
        assertThat(answers).extracting(a -> a[1]).containsOnly(202);
        assertThat(answers).extracting(a -> a[2]).as("every answer names the same lead").containsOnly(answers.get(0)[2]);
        List<String> ids = sql().queryForList("select id from leads where email = ?", String.class,
                "race" + n + "@acme.example");
        assertThat(ids).hasSize(1);
        String leadId = ids.get(0);
        assertThat(sql().queryForObject("select count(*) from lead_activities where lead_id = ?", Long.class, leadId))
                .as("the demo request is recorded once").isEqualTo(1);
        assertOneHandoff(leadId);
    }

    @Test
    void handRaisersArrivingTogetherStartOneHandoff() throws Exception {
        Lead lead = leads.upsert(new org.leadhandoff.lead.LeadInput(null, "raise" + System.nanoTime()
                + "@acme.example", "Ray", "Raiser", "Acme", "VP Sales", 500, "Software", "DE", "web", null)).lead();
        assertThat(lead.stage()).isEqualTo(Stage.LEAD);

        List<int[]> answers = all(20, new Callable<>() {
            private int i;

            @Override
            public int[] call() throws Exception {
                String type;
                synchronized (this) {
                    type = i++ % 2 == 0 ? "DEMO_REQUESTED" : "CONTACT_SALES";
                }
                MvcResult r = mvc.perform(post("/api/leads/" + lead.id() + "/activities")
                        .header("Authorization", "Bearer test-key").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"" + type + "\"}")).andReturn();
                return new int[] {r.getResponse().getStatus()};
            }
        });

        assertThat(answers).extracting(a -> a[0]).containsOnly(202);
        assertThat(sql().queryForObject("select count(*) from lead_activities where lead_id = ?", Long.class,
                lead.id())).isEqualTo(20);
        assertOneHandoff(lead.id());
    }

    private void assertOneHandoff(String leadId) {
        assertThat(leads.get(leadId).stage()).isEqualTo(Stage.MQL);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId).count())
                .as("one handoff").isEqualTo(1);
        assertThat(leads.view(leadId).history()).filteredOn(h -> h.stage() == Stage.MQL).hasSize(1);
        runDueJobs();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(leadId).count()).as("one task for a rep")
                .isEqualTo(1);
    }

    // --- a rep's completion racing the breach timer ---

    @Test
    void theRepWhoActsFirstWinsAndTheBreachThatCameSecondLeavesNoTrace() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task accept = task(lead);
        Job breach = timer(lead, "BoundaryEvent_AcceptSlaBreached");
        ClockRace race = race(lead, accept, breach);

        Future<MvcResult> rep;
        Future<Throwable> timer;
        try (RowLock held = new RowLock(breach)) {
            rep = race.repCompletes();
            awaitBlocked(1);
            timer = race.breachFires();
            awaitBlocked(2);
            assertThat(rep.isDone()).as("the rep still waits for the row").isFalse();
        }
        assertThat(rep.get().getResponse().getStatus()).isEqualTo(204);
        assertThat(timer.get()).as("the breach lost").isNotNull();

        runDueJobs();
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SAL);
        assertThat(task(lead).getTaskDefinitionKey()).isEqualTo("Task_DiscoveryCall");
        assertThat(clocks(lead)).as("accept stopped by the rep in time, never breached; follow-up running")
                .containsExactly("ACCEPT stopped by " + accept.getAssignee(), "FOLLOW_UP running");
        assertThat(SmtpServer.subjectsTo("maria@example.com")).noneMatch(s -> s.contains(lead.lastName()));
    }

    @Test
    void theBreachThatFiresFirstWinsAndTheRepIsToldTheTaskChanged() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task accept = task(lead);
        Job breach = timer(lead, "BoundaryEvent_AcceptSlaBreached");
        ClockRace race = race(lead, accept, breach);

        Future<MvcResult> rep;
        Future<Throwable> timer;
        try (RowLock held = new RowLock(breach)) {
            timer = race.breachFires();
            awaitBlocked(1);
            rep = race.repCompletes();
            awaitBlocked(2);
            assertThat(timer.isDone()).as("the timer still waits for the row").isFalse();
        }
        assertThat(timer.get()).as("the breach won").isNull();
        MvcResult answer = rep.get();
        assertThat(answer.getResponse().getStatus()).isEqualTo(409);
        assertThat(answer.getResponse().getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(answer.getResponse().getContentAsString());
        assertThat(problem.get("detail").asText()).contains("changed meanwhile", "Reload");

        runDueJobs();
        assertThat(leads.get(lead.id()).stage()).as("the rep's accept left nothing behind").isEqualTo(Stage.MQL);
        assertThat(task(lead).getTaskDefinitionKey()).isEqualTo("Task_ResolveEscalation");
        assertThat(clocks(lead)).containsExactly("ACCEPT breached", "ESCALATION running");
        assertThat(SmtpServer.subjectsTo("maria@example.com")).filteredOn(s -> s.contains(lead.lastName()))
                .hasSize(1);
    }

    @Test
    void aRepOnTheTaskPageWhoLosesToTheBreachIsSentBackToTheInboxWithAMessage() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task accept = task(lead);
        Job breach = timer(lead, "BoundaryEvent_AcceptSlaBreached");
        ClockRace race = race(lead, accept, breach);
        MockHttpSession page = SignIn.as(mvc, accept.getAssignee());
        mvc.perform(get("/tasks/" + accept.getId()).session(page)).andExpect(status().isOk());

        Future<MvcResult> rep;
        Future<Throwable> timer;
        try (RowLock held = new RowLock(breach)) {
            timer = race.breachFires();
            awaitBlocked(1);
            rep = race.threads().submit(() -> mvc.perform(post("/tasks/" + accept.getId()).session(page).with(csrf())
                    .param("decision", "ACCEPT")).andReturn());
            awaitBlocked(2);
            assertThat(timer.isDone()).as("the timer still waits for the row").isFalse();
        }
        assertThat(timer.get()).as("the breach won").isNull();
        MvcResult answer = rep.get();
        assertThat(answer.getResponse().getRedirectedUrl()).isEqualTo("/inbox");
        assertThat(((Flash) answer.getFlashMap().get(Flash.ATTRIBUTE)).code()).isEqualTo("task.changed");
        mvc.perform(get("/inbox").session(page).flashAttr(Flash.ATTRIBUTE, answer.getFlashMap().get(Flash.ATTRIBUTE)))
                .andExpect(content().string(containsString("That task is no longer open")));
        runDueJobs();
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.MQL);
        assertThat(clocks(lead)).containsExactly("ACCEPT breached", "ESCALATION running");
    }

    @Test
    void aRepWhoSubmitsAMomentAfterTheBreachGetsAConflictToReload() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task accept = task(lead);
        moveClock(Duration.ofHours(1));
        runDueJobs();
        MvcResult answer = mvc.perform(post("/api/tasks/" + accept.getId() + "/complete")
                .with(httpBasic(accept.getAssignee(), "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"ACCEPT\"}")).andReturn();
        assertThat(answer.getResponse().getStatus()).isEqualTo(409);
        assertThat(json.readTree(answer.getResponse().getContentAsString()).get("detail").asText())
                .contains("changed meanwhile");
        assertThat(task(lead).getTaskDefinitionKey()).isEqualTo("Task_ResolveEscalation");
    }

    @Test
    void aReminderFiringWhileTheRepCompletesDoesNotBounceTheRep() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task accept = task(lead);
        Job reminder = timer(lead, "BoundaryEvent_AcceptReminder");
        moveClock(Duration.ofMinutes(45));
        ClockRace race = race(lead, accept, reminder);

        Future<MvcResult> rep;
        Future<Throwable> timer;
        try (RowLock held = new RowLock(reminder)) {
            timer = race.breachFires();
            awaitBlocked(1);
            rep = race.repCompletes();
            awaitBlocked(2);
            assertThat(timer.isDone()).as("the timer still waits for the row").isFalse();
        }
        // PostgreSQL queues lock waiters in order: the reminder commits first and the rep's completion,
        // which lost on the reminder's update, is retried (the fix this test pins). H2 may let the
        // accept go first instead; then the reminder's job loses its timer, which is moot for an
        // accepted lead. Either way the rep is never bounced.
        Throwable reminderOutcome = timer.get();
        if (reminderOutcome != null) {
            assertThat(reminderOutcome).isInstanceOf(org.camunda.bpm.engine.OptimisticLockingException.class);
        }
        assertThat(rep.get().getResponse().getStatus()).as("the rep's accept still went through").isEqualTo(204);
        runDueJobs();
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SAL);
        assertThat(task(lead).getTaskDefinitionKey()).isEqualTo("Task_DiscoveryCall");
    }

    /** The rep's accept through the API and the timer's job, each on its own thread, as two nodes would run them. */
    record ClockRace(ExecutorService threads, org.springframework.test.web.servlet.MockMvc mvc,
            org.camunda.bpm.engine.ManagementService management, Task task, Job timer) {

        Future<MvcResult> repCompletes() {
            return threads.submit(() -> mvc.perform(post("/api/tasks/" + task.getId() + "/complete")
                    .with(httpBasic(task.getAssignee(), "demo")).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"decision\":\"ACCEPT\"}")).andReturn());
        }

        Future<Throwable> breachFires() {
            return threads.submit(() -> {
                try {
                    management.executeJob(timer.getId());
                    return null;
                } catch (RuntimeException lost) {
                    return lost;
                }
            });
        }
    }

    private ClockRace race(Lead lead, Task task, Job timer) throws Exception {
        // the rep's first request warms the web stack, so the race is not lost to start-up time
        mvc.perform(get("/api/tasks").with(httpBasic(task.getAssignee(), "demo")));
        moveClock(Duration.between(now(), timer.getDuedate().toInstant()).isNegative() ? Duration.ZERO
                : Duration.between(now(), timer.getDuedate().toInstant()));
        return new ClockRace(Executors.newFixedThreadPool(2), mvc, management, task, timer);
    }

    private Job timer(Lead lead, String activityId) {
        return management.createJobQuery().processInstanceId(lead.handoffId()).activityId(activityId).singleResult();
    }

    /** The handoff's SLA clocks in order, as "KIND state". */
    private List<String> clocks(Lead lead) {
        return sql().query("select kind, stopped_by, breached_at, ended_at from sla_clocks where handoff_id = ? order by id",
                (rs, i) -> rs.getString("kind") + " " + (rs.getString("stopped_by") != null
                        ? "stopped by " + rs.getString("stopped_by")
                        : rs.getObject("breached_at") != null ? "breached"
                        : rs.getObject("ended_at") != null ? "ended" : "running"),
                leads.get(lead.id()).handoffId());
    }

    /**
     * Holds the row of a job in another transaction, as another node's job acquisition would, so
     * whoever needs it waits; closing commits without changing it.
     */
    final class RowLock implements AutoCloseable {

        private final Connection connection;

        RowLock(Job job) throws Exception {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement hold = connection.prepareStatement("update ACT_RU_JOB set REV_ = REV_ where ID_ = ?")) {
                hold.setString(1, job.getId());
                assertThat(hold.executeUpdate()).isEqualTo(1);
            }
        }

        @Override
        public void close() throws Exception {
            connection.commit();
            connection.close();
        }
    }

    /** Waits until {@code sessions} transactions wait for a lock another holds. */
    abstract long blockedSessions();

    private void awaitBlocked(int sessions) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> blockedSessions() >= sessions);
    }

    private static <T> List<T> all(int parallel, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
