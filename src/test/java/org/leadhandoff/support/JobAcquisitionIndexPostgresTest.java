package org.leadhandoff.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job executor polls ACT_RU_JOB every half second and without pause under load: with many open
 * SLA timers, a poll must read what is due (and the few locked jobs), not every open timer. Camunda's
 * own schema on a database of its own, 20,000 open timers due tomorrow, 30 due messages of which 5
 * are running, and the acquisition query as Camunda sends it, under both plans PostgreSQL uses for
 * it (a custom plan per call, and the generic plan a pooled, server-prepared statement switches to).
 */
class JobAcquisitionIndexPostgresTest {

    private static final String NOW = "timestamp '2026-11-23 09:00:00'";
    private static Connection c;

    @BeforeAll
    static void openTimers() throws Exception {
        c = DriverManager.getConnection(EmbeddedPostgres.url("acquisition"), "postgres", "postgres");
        try (Statement s = c.createStatement()) {
            s.execute("drop schema public cascade");
            s.execute("create schema public");
            try (InputStream in = JobAcquisitionIndexPostgresTest.class.getResourceAsStream(
                    "/org/camunda/bpm/engine/db/create/activiti.postgres.create.engine.sql")) {
                s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            String columns = "insert into ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, RETRIES_, SUSPENSION_STATE_,"
                    + " DUEDATE_, PROCESS_INSTANCE_ID_, HANDLER_TYPE_, PRIORITY_, LOCK_OWNER_, LOCK_EXP_TIME_) ";
            s.execute(columns + "select 'timer-' || g, 1, 'timer', true, 3, 1, " + NOW + " + interval '1 day'"
                    + " + g * interval '1 second', 'open-' || g, 'timer-transition', 0, null, null"
                    + " from generate_series(1, 20000) g");
            s.execute(columns + "select 'message-' || g, 1, 'message', true, 3, 1, null, 'new-' || g,"
                    + " 'async-continuation', 0, null, null from generate_series(1, 25) g");
            s.execute(columns + "select 'running-' || g, 1, 'message', true, 3, 1, null, 'busy-' || g,"
                    + " 'async-continuation', 0, 'node-1', " + NOW + " + interval '1 minute'"
                    + " from generate_series(1, 5) g");
            s.execute("analyze ACT_RU_JOB");
        }
    }

    @AfterAll
    static void close() throws Exception {
        c.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"force_custom_plan", "force_generic_plan"})
    void aPollReadsTheDueJobsNotEveryOpenTimer(String planMode) throws Exception {
        long tablePages = tablePages();

        dropIndexes();
        Poll camundaOnly = poll(planMode);
        JobAcquisitionIndex.create(c);
        analyze();
        Poll shipped = poll(planMode);

        // the same ten jobs either way: due messages, not the running ones, not the open timers
        assertThat(shipped.jobs()).hasSize(10).allMatch(id -> id.startsWith("message-"))
                .isEqualTo(camundaOnly.jobs());
        // Camunda's indexes alone: the poll reads at least the whole table's worth of pages
        assertThat(camundaOnly.blocks()).isGreaterThanOrEqualTo(tablePages);
        // with ours: a few pages of index and the due rows
        assertThat(shipped.blocks()).isLessThan(tablePages / 20);
    }

    /**
     * A node restarting while others run jobs: with the indexes in place it issues no DDL, so it
     * does not wait for (and hold up) the transactions writing the job table.
     */
    @Test
    void aRestartWithTheIndexesInPlaceDoesNotWaitForRunningJobs() throws Exception {
        JobAcquisitionIndex.create(c);
        try (Connection job = DriverManager.getConnection(EmbeddedPostgres.url("acquisition"), "postgres", "postgres");
                Statement running = job.createStatement(); Statement s = c.createStatement()) {
            job.setAutoCommit(false);
            running.executeUpdate("update ACT_RU_JOB set RETRIES_ = RETRIES_ where ID_ = 'running-1'");
            s.execute("set lock_timeout = '2s'");
            try {
                JobAcquisitionIndex.create(c);
                assertThat(JobAcquisitionIndex.present(c)).contains(JobAcquisitionIndex.DUE, JobAcquisitionIndex.LOCKED);
                // the same statements issued regardless would have waited for the running job's transaction
                assertThatThrownBy(() -> s.execute(JobAcquisitionIndex.indexes(c).get(0).createSql()))
                        .hasMessageContaining("lock timeout");
            } finally {
                s.execute("reset lock_timeout");
                job.rollback();
            }
        }
    }

    record Poll(List<String> jobs, long blocks) {
    }

    private Poll poll(String planMode) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("set plan_cache_mode = " + planMode);
            s.execute("deallocate all");
            s.execute("prepare acquire(timestamp, timestamp, timestamp) as " + AcquisitionQuery.PREPARED);
            String args = "(" + NOW + ", " + NOW + ", " + NOW + ")";
            List<String> jobs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("execute acquire" + args)) {
                while (rs.next()) {
                    jobs.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("explain (analyze, buffers, format json) execute acquire" + args)) {
                rs.next();
                JsonNode plan = new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan");
                return new Poll(jobs, plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong());
            } finally {
                s.execute("deallocate all");
                s.execute("reset plan_cache_mode");
            }
        }
    }

    private static long tablePages() throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select relpages from pg_class where relname = 'act_ru_job'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void dropIndexes() throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("drop index if exists " + JobAcquisitionIndex.DUE);
            s.execute("drop index if exists " + JobAcquisitionIndex.LOCKED);
            s.execute("drop index if exists " + JobAcquisitionIndex.EARLIER);
        }
        analyze();
    }

    private static void analyze() throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("analyze ACT_RU_JOB");
        }
    }
}
