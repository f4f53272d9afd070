package org.leadhandoff.dashboard;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Measures the dashboard's SLA summary over a million historic handoffs on a real PostgreSQL,
 * cold and warm with concurrent writes, against a plain SQL aggregate over the same rows, and
 * writes {@code target/bench/dashboard.md}. Not a test: run with
 * {@code ./mvnw -Pbench-dashboard test-compile exec:exec}.
 *
 * <p>System properties: {@code bench.handoffs} (default 1,000,000), {@code bench.sets} (3),
 * {@code bench.iterations} (30 warm runs per set), {@code bench.writesPerSecond} (50),
 * {@code bench.reuse} (true keeps a loaded data directory from an earlier run of the same size).
 */
public final class DashboardBenchmark {

    static final SlaFigures.TeamZone EMEA = new SlaFigures.TeamZone("emea", ZoneId.of("Europe/Berlin"));
    static final SlaFigures.TeamZone NOBODY = new SlaFigures.TeamZone("bench-nobody", ZoneId.of("UTC"));
    static final Path OUT = Path.of("target", "bench");
    static final Path DATA = OUT.resolve("pgdata").toAbsolutePath();

    final int handoffs = Integer.getInteger("bench.handoffs", 1_000_000);
    final int sets = Integer.getInteger("bench.sets", 3);
    final int iterations = Integer.getInteger("bench.iterations", 30);
    final int warmup = Integer.getInteger("bench.warmup", 5);
    final int writesPerSecond = Integer.getInteger("bench.writesPerSecond", 50);
    final boolean reuse = Boolean.getBoolean("bench.reuse");
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final LocalDate today = LocalDate.ofInstant(now, EMEA.zone());

    io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg;
    HikariDataSource ds;
    final StringBuilder log = new StringBuilder();
    Duration rollupTime = Duration.ZERO;
    final AtomicLong caughtUp = new AtomicLong();
    final AtomicLong catchUpNanos = new AtomicLong();
    final AtomicLong catchUps = new AtomicLong();

    public static void main(String[] args) throws Exception {
        new DashboardBenchmark().run();
    }

    /** One view of the dashboard: the summary's call and the plain aggregate over the same rows. */
    record View(String name, int days, double targetMillis) {
        ReportPeriod period(LocalDate today) {
            return ReportPeriod.lastDays(days, today);
        }
    }

    /** Latencies of one measured set, in milliseconds. */
    record Sample(double p50, double p95, double max) {
        static Sample of(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return new Sample(ms(rank(s, 0.50)), ms(rank(s, 0.95)), ms(s[s.length - 1]));
        }

        private static long rank(long[] sorted, double q) {
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }

    void run() throws Exception {
        Files.createDirectories(OUT);
        long t0 = System.nanoTime();
        boolean loaded = reuse && Files.exists(DATA.resolve("postgresql.conf"));
        if (!loaded) {
            FileSystemUtils.deleteRecursively(DATA);
        }
        start();
        Flyway.configure().dataSource(ds).load().migrate();
        if (!loaded || count("select count(*) from sla_clocks where kind = 'ACCEPT'") < handoffs) {
            load();
        } else {
            // a reused data directory: drop the rows the concurrent writer added in earlier runs
            exec("delete from sla_clocks where handoff_id like 'w-%'");
            exec("delete from lead_stage_history where lead_id like '10000000-%'");
            exec("delete from leads where id like '10000000-%'");
            exec("vacuum analyze");
        }
        Duration loadTime = Duration.ofNanos(System.nanoTime() - t0);
        say("building the daily rollups from every ended clock and stage change (SlaRollup.rebuild)");
        long r0 = System.nanoTime();
        long rolled = rollup().rebuild();
        exec("vacuum analyze");
        rollupTime = Duration.ofNanos(System.nanoTime() - r0);
        say("  " + rolled + " clocks rolled up in " + rollupTime.toSeconds() + " s");
        Map<String, String> facts = facts();
        Map<String, Long> volume = volume();

        List<View> views = List.of(new View("30-day team view (emea)", 30, 100), new View("365-day team view (emea)", 365, 300));
        Map<String, List<Double>> cold = new LinkedHashMap<>();
        Map<String, List<Sample>> warm = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        AtomicLong written = new AtomicLong();
        double writeSeconds = 0;
        for (int set = 1; set <= sets; set++) {
            say("set " + set + " of " + sets);
            for (View v : views) {
                cold.computeIfAbsent(key(v, "summary"), k -> new ArrayList<>()).add(coldMillis(() -> summary(v)));
                cold.computeIfAbsent(key(v, "baseline"), k -> new ArrayList<>()).add(coldMillis(() -> baseline(v)));
            }
            restart();
            ScheduledExecutorService writer = writer(written);
            long w0 = System.nanoTime();
            try {
                for (View v : views) {
                    for (int i = 0; i < warmup; i++) {
                        summary(v);
                        baseline(v);
                    }
                    long[] s = new long[iterations];
                    long[] b = new long[iterations];
                    for (int i = 0; i < iterations; i++) {
                        long a = System.nanoTime();
                        summary(v);
                        s[i] = System.nanoTime() - a;
                        a = System.nanoTime();
                        rows.put(v.name(), baseline(v));
                        b[i] = System.nanoTime() - a;
                    }
                    warm.computeIfAbsent(key(v, "summary"), k -> new ArrayList<>()).add(Sample.of(s));
                    warm.computeIfAbsent(key(v, "baseline"), k -> new ArrayList<>()).add(Sample.of(b));
                    say("  " + v.name() + " warm summary " + Sample.of(s) + " baseline " + Sample.of(b));
                    for (Map.Entry<String, Supplier<Object>> other : others(v).entrySet()) {
                        long[] o = new long[Math.max(3, iterations / 6)];
                        other.getValue().get();
                        for (int i = 0; i < o.length; i++) {
                            long a = System.nanoTime();
                            other.getValue().get();
                            o[i] = System.nanoTime() - a;
                        }
                        warm.computeIfAbsent(key(v, other.getKey()), k -> new ArrayList<>()).add(Sample.of(o));
                        say("  " + v.name() + " warm " + other.getKey() + " " + Sample.of(o));
                    }
                }
            } finally {
                writer.shutdownNow();
                writer.awaitTermination(10, TimeUnit.SECONDS);
                writeSeconds += (System.nanoTime() - w0) / 1e9;
            }
        }
        Map<String, String> plans = new LinkedHashMap<>();
        for (View v : views) {
            plans.put(v.name(), explain(v));
        }
        String report = report(facts, volume, loadTime, views, cold, warm, rows, written.get() / writeSeconds, plans,
                Duration.ofNanos(System.nanoTime() - t0));
        Files.writeString(OUT.resolve("dashboard.md"), report);
        System.out.println(report);
        ds.close();
        pg.close();
    }

    static String key(View v, String what) {
        return v.name() + "|" + what;
    }

    // ---------------------------------------------------------------- server

    void start() throws IOException {
        pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(DATA)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofMinutes(2))
                .start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        config.setPoolName("bench");
        ds = new HikariDataSource(config);
    }

    /** Stops and starts the server on the same data directory: PostgreSQL's shared buffers start empty. */
    void restart() throws IOException {
        ds.close();
        pg.close();
        start();
    }

    /** The first call after a server restart, once the JVM's code path is warm (on a team without rows). */
    double coldMillis(Supplier<Object> call) {
        try {
            restart();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a period a century ahead: the same code and statements, an index probe that finds no rows
        ReportPeriod nothing = ReportPeriod.lastDays(30, today.plusYears(100));
        for (int i = 0; i < 20; i++) {
            snapshot(() -> figures().summary(nothing, List.of(NOBODY)));
        }
        long a = System.nanoTime();
        call.get();
        return (System.nanoTime() - a) / 1e6;
    }

    // ---------------------------------------------------------------- the two measured calls

    SlaSummary summary(View v) {
        return snapshot(() -> figures().summary(v.period(today), List.of(EMEA)));
    }

    /** The dashboard page's other reads of the period, measured warm only. */
    Map<String, Supplier<Object>> others(View v) {
        Dashboard dashboard = new Dashboard(JdbcClient.create(ds), Clock.systemUTC(), figures(), rollup());
        ReportPeriod p = v.period(today);
        Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
        calls.put("trend", () -> snapshot(() -> dashboard.daily(p, List.of(EMEA))));
        calls.put("funnel", () -> snapshot(() -> dashboard.funnel(p, List.of(EMEA))));
        calls.put("time in stage", () -> dashboard.timeInStage(p, List.of(EMEA)));
        return calls;
    }

    SlaFigures figures() {
        SlaFigures figures = new SlaFigures(JdbcClient.create(ds), Clock.systemUTC());
        figures.database(ds);
        return figures;
    }

    SlaRollup rollup() {
        return new SlaRollup(new JdbcTemplate(ds), new DataSourceTransactionManager(ds));
    }

    /** As the Spring service runs it: one read-only REPEATABLE READ transaction. */
    <T> T snapshot(Supplier<T> call) {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        tx.setReadOnly(true);
        tx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        return tx.execute(s -> call.get());
    }

    /** The plain aggregate: every clock of the team that started in the period, counted and split met/breached. */
    long baseline(View v) {
        ReportPeriod p = v.period(today);
        Map<String, Object> row = JdbcClient.create(ds).sql("""
                select count(*) as clocks, sum(case when stopped_at < due_at then 1 else 0 end) as met,
                       sum(case when breached_at is not null then 1 else 0 end) as breached
                  from sla_clocks where team = ? and started_at >= ? and started_at < ?""")
                .params(EMEA.team(), Timestamp.from(p.startIn(EMEA.zone())), Timestamp.from(p.endIn(EMEA.zone())))
                .query().singleRow();
        return ((Number) row.get("clocks")).longValue();
    }

    /** The plans of the summary's rollup read and its live read, as PostgreSQL ran them. */
    String explain(View v) {
        ReportPeriod p = v.period(today);
        String rollupSql = """
                select r.assignee, r.kind, r.later_attempt, sum(r.clocks), sum(r.met), sum(r.breached), sum(r.handoffs)
                  from sla_daily_rollup r
                 where r.team in (?) and r.local_day >= ? and r.local_day <= ?
                 group by r.assignee, r.kind, r.later_attempt""";
        // the whole months of the period from the monthly histograms (the edge days come from the daily ones)
        String minutesSql = """
                select m.assignee, m.bucket, sum(m.n), min(m.min_minutes), max(m.max_minutes)
                  from sla_monthly_accept_minutes m
                 where m.team in (?) and m.month_start >= ? and m.month_start <= ?
                 group by m.assignee, m.bucket""";
        String liveSql = """
                select c.id from sla_clocks c where c.ended_at is null and (c.team = ? and c.started_at >= ? and c.started_at < ?)
                union all
                select c.id from sla_rollup_queue q join sla_clocks c on c.id = q.clock_id
                 where c.ended_at is not null and (c.team = ? and c.started_at >= ? and c.started_at < ?)""";
        StringBuilder out = new StringBuilder();
        for (String sql : List.of(rollupSql, minutesSql, liveSql)) {
            try (Connection c = ds.getConnection();
                    PreparedStatement s = c.prepareStatement("explain (analyze, buffers) " + sql)) {
                if (sql == liveSql) {
                    for (int k = 0; k < 2; k++) {
                        s.setString(1 + 3 * k, EMEA.team());
                        s.setTimestamp(2 + 3 * k, Timestamp.from(p.startIn(EMEA.zone())));
                        s.setTimestamp(3 + 3 * k, Timestamp.from(p.endIn(EMEA.zone())));
                    }
                } else if (sql == minutesSql) {
                    s.setString(1, EMEA.team());
                    s.setObject(2, p.from().plusMonths(1).withDayOfMonth(1));
                    s.setObject(3, p.to().withDayOfMonth(1).minusMonths(1));
                } else {
                    s.setString(1, EMEA.team());
                    s.setObject(2, p.from());
                    s.setObject(3, p.to());
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
                out.append('\n');
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- concurrent writes

    /** New handoffs at a steady rate: a lead, its ACCEPT clock, and the clock of 10 ticks ago stopped. */
    ScheduledExecutorService writer(AtomicLong written) {
        ScheduledExecutorService s = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-writer");
            t.setDaemon(true);
            return t;
        });
        AtomicLong n = new AtomicLong(System.currentTimeMillis() * 1000);
        s.scheduleAtFixedRate(() -> {
            long i = n.incrementAndGet();
            String lead = "10000000-0000-4000-8000-" + String.format("%012d", i % 1_000_000_000_000L);
            Timestamp at = Timestamp.from(Instant.now());
            String team = i % 5 < 3 ? "emea" : "amer";
            try (Connection c = ds.getConnection()) {
                try (PreparedStatement p = c.prepareStatement("insert into leads (id, email, stage, priority, owner, team,"
                        + " handoff_id, created_at, updated_at) values (?, ?, 'MQL', 'NORMAL', ?, ?, ?, ?, ?)")) {
                    p.setString(1, lead);
                    p.setString(2, "w" + i + "@bench.example");
                    p.setString(3, team + "-rep0" + (i % 10));
                    p.setString(4, team);
                    p.setString(5, "w-" + i);
                    p.setTimestamp(6, at);
                    p.setTimestamp(7, at);
                    p.executeUpdate();
                }
                // as Leads.appendHistory does: the stage change and its place in the stage rollup's queue at once
                try (PreparedStatement p = c.prepareStatement("with h as (insert into lead_stage_history (lead_id, stage,"
                        + " at, reason) values (?, 'MQL', ?, 'Score 120 reached the MQL bar') returning id)"
                        + " insert into stage_rollup_queue (history_id) select id from h")) {
                    p.setString(1, lead);
                    p.setTimestamp(2, at);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("insert into sla_clocks (lead_id, handoff_id, kind, team,"
                        + " assignee, priority, started_at, due_at) values (?, ?, 'ACCEPT', ?, ?, 'NORMAL', ?, ?)")) {
                    p.setString(1, lead);
                    p.setString(2, "w-" + i);
                    p.setString(3, team);
                    p.setString(4, team + "-rep0" + (i % 10));
                    p.setTimestamp(5, at);
                    p.setTimestamp(6, Timestamp.from(at.toInstant().plus(Duration.ofHours(1))));
                    p.executeUpdate();
                }
                // as SlaClocks stops a clock: lock it, stop it, queue it for the rollup, in one transaction
                c.setAutoCommit(false);
                List<Long> stopped = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(
                        "select id from sla_clocks where handoff_id = ? and ended_at is null for update")) {
                    p.setString(1, "w-" + (i - 10));
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            stopped.add(rs.getLong(1));
                        }
                    }
                }
                for (long id : stopped) {
                    try (PreparedStatement p = c.prepareStatement("update sla_clocks set stopped_at = ?,"
                            + " stopped_by = assignee, ended_at = ?, outcome = 'ACCEPTED' where id = ?")) {
                        p.setTimestamp(1, at);
                        p.setTimestamp(2, at);
                        p.setLong(3, id);
                        p.executeUpdate();
                    }
                    try (PreparedStatement p = c.prepareStatement("insert into sla_rollup_queue (clock_id) values (?)")) {
                        p.setLong(1, id);
                        p.executeUpdate();
                    }
                }
                c.commit();
                written.incrementAndGet();
            } catch (SQLException e) {
                System.err.println("bench writer: " + e.getMessage());
            }
        }, 0, 1_000_000L / writesPerSecond, TimeUnit.MICROSECONDS);
        SlaRollup rollup = rollup();
        s.scheduleWithFixedDelay(() -> {
            try {
                long c0 = System.nanoTime();
                caughtUp.addAndGet(rollup.catchUp());
                catchUpNanos.addAndGet(System.nanoTime() - c0);
                catchUps.incrementAndGet();
            } catch (RuntimeException e) {
                System.err.println("bench catch-up: " + e.getMessage());
            }
        }, 5, 5, TimeUnit.SECONDS);
        return s;
    }

    // ---------------------------------------------------------------- data

    /** Loads the history in set-based SQL: one generated table, then leads, stage history and clocks from it. */
    void load() {
        say("loading " + handoffs + " handoffs over 3 years");
        long t = System.nanoTime();
        Instant from = now.minus(Duration.ofDays(3 * 365));
        long span = Duration.between(from, now).toSeconds();
        exec("truncate sla_clocks, lead_stage_history, leads, reps, teams cascade");
        exec("insert into teams (id, name, time_zone, manager) values ('emea', 'EMEA', 'Europe/Berlin', 'maria'),"
                + " ('amer', 'Americas', 'America/New_York', 'maria')");
        exec("insert into reps (user_id, team_id, weight, capacity) select t || '-rep' || lpad(r::text, 2, '0'), t, 1, 50"
                + " from unnest(array['emea', 'amer']) t, generate_series(0, 9) r");
        exec("drop table if exists bench_gen");
        // per handoff: team (60 % emea), rep (rep09 of each team is slow), priority, start time in order
        // (as the rows arrive in production), minutes to accept (log-normal, median 15 or 40), hours to
        // first contact (log-normal, median 2.5), and dice for outcomes
        exec("""
                create unlogged table bench_gen as
                select b.*,
                       b.started_at + b.window_min * interval '1 minute' as accept_due,
                       b.accept_min > b.window_min as late
                  from (select i,
                               '00000000-0000-4000-8000-' || lpad(i::text, 12, '0') as lead_id,
                               'h-' || i as handoff_id,
                               case when i %% 5 < 3 then 'emea' else 'amer' end as team,
                               case when i %% 5 < 3 then 'emea' else 'amer' end || '-rep' || lpad(((i * 7) %% 10)::text, 2, '0') as rep,
                               case when random() < 0.2 then 'HIGH' else 'NORMAL' end as priority,
                               timestamptz '%1$s' + ((i - 1) * %2$d::float8 / %3$d + random() * 60) * interval '1 second' as started_at,
                               case when random() < 0.2 then 30 else 60 end as window_min,
                               exp(ln(case when (i * 7) %% 10 = 9 then 40 else 15 end) + 0.7 * random_normal()) as accept_min,
                               exp(ln(2.5) + 0.8 * random_normal()) as contact_hours,
                               20 + 40 * random() as resolve_min,
                               random() as ra, random() as rf, random() as rt
                          from generate_series(1, %3$d) i) b
                """.formatted(from, span, handoffs));
        exec("""
                create unlogged table bench_gen2 as
                select g.*,
                       case when not late then started_at + accept_min * interval '1 minute' end as accept_at,
                       case when late then accept_due + resolve_min * interval '1 minute' end as resolved_at,
                       case when late then null when ra < 0.05 then 'NOT_A_FIT' when ra < 0.09 then 'NOT_READY'
                            when ra < 0.11 then 'DUPLICATE' else 'ACCEPTED' end as accept_outcome
                  from bench_gen g""");
        exec("drop table bench_gen");
        exec("""
                create unlogged table bench_gen3 as
                select g.*,
                       case when late then resolved_at when accept_outcome = 'ACCEPTED' then accept_at end as follow_from,
                       case when rf < 0.5 then 'QUALIFIED' when rf < 0.72 then 'NOT_READY' when rf < 0.87 then 'UNQUALIFIED'
                            else 'NO_ANSWER' end as follow_outcome
                  from bench_gen2 g""");
        exec("drop table bench_gen2");
        exec("alter table bench_gen3 rename to bench_gen");
        String now = "timestamptz '" + this.now + "'";
        say("  generated in " + secs(t));
        exec("""
                insert into leads (id, email, first_name, last_name, company, country, source, stage, score, fit_score,
                                   engagement_score, grade, priority, owner, team, handoff_id, created_at, updated_at)
                select lead_id, 'lead' || i || '@bench.example', 'Lead', 'No ' || i, 'Company ' || (i %% 50000),
                       case when team = 'emea' then 'DE' else 'US' end, 'bench',
                       case when follow_from is not null and follow_from + contact_hours * interval '1 hour' <= %1$s then
                                 case follow_outcome when 'QUALIFIED' then 'SQL' when 'UNQUALIFIED' then 'DISQUALIFIED' else 'RECYCLED' end
                            when accept_outcome = 'NOT_READY' and accept_at <= %1$s then 'RECYCLED'
                            when accept_outcome in ('NOT_A_FIT', 'DUPLICATE') and accept_at <= %1$s then 'DISQUALIFIED'
                            when follow_from <= %1$s then 'SAL'
                            else 'MQL' end,
                       120, 70, 50, 'B', priority, rep, team, handoff_id, started_at, started_at
                  from bench_gen""".formatted(now));
        say("  leads in " + secs(t));
        exec("""
                insert into lead_stage_history (lead_id, stage, at, by_user, reason)
                select lead_id, 'MQL', started_at, null, 'Score 120 reached the MQL bar' from bench_gen
                union all
                select lead_id, 'SAL', follow_from, case when late then 'maria' else rep end, null
                  from bench_gen where follow_from <= %1$s
                union all
                select lead_id, case accept_outcome when 'NOT_READY' then 'RECYCLED' else 'DISQUALIFIED' end, accept_at, rep,
                       accept_outcome
                  from bench_gen where accept_outcome in ('NOT_READY', 'NOT_A_FIT', 'DUPLICATE') and accept_at <= %1$s
                union all
                select lead_id, case follow_outcome when 'QUALIFIED' then 'SQL' when 'UNQUALIFIED' then 'DISQUALIFIED' else 'RECYCLED' end,
                       follow_from + contact_hours * interval '1 hour' + interval '20 minutes', rep,
                       case follow_outcome when 'QUALIFIED' then null else follow_outcome end
                  from bench_gen where follow_from is not null
                   and follow_from + contact_hours * interval '1 hour' + interval '20 minutes' <= %1$s
                order by 3""".formatted(now));
        say("  stage history in " + secs(t));
        // ACCEPT: met or declined in time, or due with nobody deciding (breached, escalated);
        // ESCALATION to the manager for the latter; FOLLOW_UP for accepted and escalated leads
        exec("""
                insert into sla_clocks (lead_id, handoff_id, kind, team, assignee, priority, started_at, due_at,
                                        reminder_at, stopped_at, stopped_by, breached_at, ended_at, outcome,
                                        duration_millis, reminder_percent, attempt)
                select lead_id, handoff_id, kind, team, assignee, priority, started_at, due_at,
                       started_at + (due_at - started_at) * 0.8,
                       case when stopped_at <= %1$s then stopped_at end,
                       case when stopped_at <= %1$s then assignee end,
                       case when breached_at <= %1$s then breached_at end,
                       case when ended_at <= %1$s then ended_at end,
                       case when ended_at <= %1$s then outcome end,
                       extract(epoch from due_at - started_at)::bigint * 1000, 80, attempt
                  from (select lead_id, handoff_id, 'ACCEPT' as kind, team, rep as assignee, priority, started_at,
                               accept_due as due_at, accept_at as stopped_at,
                               case when late then accept_due end as breached_at,
                               coalesce(accept_at, accept_due) as ended_at, accept_outcome as outcome, null::int as attempt, i, 1 as n
                          from bench_gen
                        union all
                        select lead_id, handoff_id, 'ESCALATION', team, 'maria', priority, accept_due,
                               accept_due + interval '1 hour', resolved_at,
                               case when resolve_min > 60 then accept_due + interval '1 hour' end, resolved_at,
                               case when rt < 0.25 then 'TAKE_OVER' else 'REASSIGN' end, null, i, 2
                          from bench_gen where late and accept_due <= %1$s
                        union all
                        select lead_id, handoff_id, 'FOLLOW_UP', team, case when late and rt < 0.25 then 'maria' else rep end,
                               priority, follow_from, follow_from + interval '4 hours',
                               follow_from + contact_hours * interval '1 hour',
                               case when contact_hours > 4 then follow_from + interval '4 hours' end,
                               follow_from + contact_hours * interval '1 hour', follow_outcome, 1, i, 3
                          from bench_gen where follow_from <= %1$s) x
                 order by started_at, i, n""".formatted(now));
        say("  clocks in " + secs(t));
        exec("drop table bench_gen");
        exec("vacuum analyze");
        say("  vacuum analyze done in " + secs(t));
    }

    // ---------------------------------------------------------------- report

    Map<String, String> facts() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("CPU cores (JVM sees)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        f.put("CPU", cpuModel());
        f.put("load average (1/5/15 min) before the runs", loadAverage());
        f.put("memory (JVM max heap)", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        f.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        f.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        f.put("PostgreSQL", JdbcClient.create(ds).sql("select version()").query(String.class).single());
        JdbcClient.create(ds).sql("""
                select name, setting, unit from pg_settings
                 where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather',
                                'jit', 'fsync', 'synchronous_commit', 'random_page_cost') order by name""")
                .query((ResultSet rs) -> {
                    String unit = rs.getString("unit");
                    f.put("pg " + rs.getString("name"), rs.getString("setting") + (unit == null ? "" : " × " + unit));
                });
        f.put("connection pool", "HikariCP, 4 connections; summary and trend in a read-only REPEATABLE READ transaction, as the Spring service runs them");
        return f;
    }

    Map<String, Long> volume() {
        Map<String, Long> v = new LinkedHashMap<>();
        v.put("handoffs (leads)", count("select count(*) from leads"));
        v.put("lead_stage_history rows", count("select count(*) from lead_stage_history"));
        JdbcClient.create(ds).sql("select kind, count(*) as n from sla_clocks group by kind order by kind")
                .query((ResultSet rs) -> {
                    v.put("sla_clocks " + rs.getString("kind"), rs.getLong("n"));
                });
        v.put("sla_clocks total", count("select count(*) from sla_clocks"));
        v.put("sla_daily_rollup rows", count("select count(*) from sla_daily_rollup"));
        v.put("sla_daily_accept_minutes rows", count("select count(*) from sla_daily_accept_minutes"));
        v.put("sla_rollup_repeats rows", count("select count(*) from sla_rollup_repeats"));
        v.put("database size (MB)", count("select pg_database_size(current_database()) / (1024 * 1024)"));
        return v;
    }

    String report(Map<String, String> facts, Map<String, Long> volume, Duration load, List<View> views,
            Map<String, List<Double>> cold, Map<String, List<Sample>> warm, Map<String, Long> rows, double writeRate,
            Map<String, String> plans, Duration total) {
        StringBuilder md = new StringBuilder("# Dashboard benchmark: SLA summary over a million handoffs\n\n");
        md.append("Run ").append(now).append(" (report day ").append(today).append(" in Europe/Berlin), ")
                .append(sets).append(" sets, total ").append(total.toSeconds()).append(" s (load and setup ")
                .append(load.toSeconds()).append(" s, then building the daily rollup from every ended clock with ")
                .append("`SlaRollup.rebuild()` ").append(rollupTime.toSeconds()).append(" s).\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        facts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("| load average (1/5/15 min) after the runs | ").append(loadAverage()).append(" |\n");
        md.append("\n## Data\n\n| | |\n|---|---|\n");
        volume.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(String.format(Locale.ROOT, "%,d", v)).append(" |\n"));
        md.append("\nThree years of handoffs in start-time order (as production writes them), teams emea "
                + "(Europe/Berlin, 60 %) and amer (America/New_York), 10 reps each (one slow), accept window 60 min "
                + "(30 for 20 % HIGH), minutes to accept log-normal (median 15, slow rep 40) so ~8 % breach and "
                + "escalate to the manager, follow-up window 4 h with log-normal first contact (median 2.5 h); "
                + "recent clocks still running. Loaded with `insert … select from generate_series`, then `VACUUM ANALYZE`.\n\n");
        md.append("Rows in each view's range (plain aggregate's count, last run): ");
        rows.forEach((k, v) -> md.append(k).append(" ").append(String.format(Locale.ROOT, "%,d", v)).append(" clocks; "));
        md.append("\n\n## Method\n\n"
                + "- **summary**: `SlaFigures.summary(ReportPeriod.lastDays(n, today), [emea])`, the public API the dashboard "
                + "and `/api/sla/summary` use, in a read-only REPEATABLE READ transaction as the service runs it: the daily "
                + "rollup's counters and minute histograms for the period, the repeated handoffs in it, and the clocks still "
                + "running or queued read live (6 statements).\n"
                + "- **trend**, **funnel**, **time in stage**: the dashboard page's other reads of the same period (trend from "
                + "the SLA rollup; funnel and time in stage from the stage rollup of V9 and the stage changes still queued, the "
                + "funnel's reject reasons from `sla_clocks`), warm only.\n"
                + "- **baseline**: one plain aggregate over the same rows: `select count(*), sum(case when stopped_at < due_at …), "
                + "sum(case when breached_at is not null …) from sla_clocks where team = ? and started_at >= ? and started_at < ?`.\n"
                + "- **cold**: the first call after the PostgreSQL server was stopped and started again on the same data "
                + "directory (empty shared buffers, fresh connections); the JVM's code path is warmed first on a team without "
                + "rows. The operating system's page cache is NOT dropped (that needs the host), so this is \"cold PostgreSQL, "
                + "warm OS cache\". No concurrent writes during cold calls. One cold call per set and view.\n"
                + "- **warm**: ").append(warmup).append(" unmeasured calls, then ").append(iterations)
                .append(" measured calls of each, summary and baseline alternating, while a background thread writes new "
                        + "handoffs (lead + MQL stage change + ACCEPT clock + stopping an earlier clock) at ")
                .append(writesPerSecond).append("/s (measured ").append(String.format(Locale.ROOT, "%.1f", writeRate))
                .append("/s, landing inside both views' periods), each stopped clock queued for the rollup as `SlaClocks` "
                        + "does, and `SlaRollup.catchUp()` running every 5 s (").append(caughtUp.get())
                .append(" clocks rolled up during the runs, with their stage changes, in ").append(catchUps.get())
                .append(" catch-ups averaging ").append(String.format(Locale.ROOT, "%.0f",
                        catchUps.get() == 0 ? 0.0 : catchUpNanos.get() / 1e6 / catchUps.get())).append(" ms).\n"
                        + "- Each set (cold calls, then warm runs) is repeated ").append(sets)
                .append(" times; figures are the median over the sets, with the range (min–max) in brackets.\n\n");
        md.append("## Results (milliseconds)\n\n| view | call | cold | warm p50 | warm p95 | warm max |\n|---|---|---|---|---|---|\n");
        for (View v : views) {
            for (String what : List.of("summary", "baseline", "trend", "funnel", "time in stage")) {
                List<Sample> w = warm.get(key(v, what));
                md.append("| ").append(v.name()).append(" | ").append(what).append(" | ")
                        .append(cold.containsKey(key(v, what)) ? spread(cold.get(key(v, what))) : "—").append(" | ")
                        .append(spread(w.stream().map(Sample::p50).toList())).append(" | ")
                        .append(spread(w.stream().map(Sample::p95).toList())).append(" | ")
                        .append(spread(w.stream().map(Sample::max).toList())).append(" |\n");
            }
        }
        md.append("\n## Against the targets\n\n| view | target p95 | summary warm p95 | met? | summary / baseline (warm p95) | summary / baseline (cold) |\n|---|---|---|---|---|---|\n");
        for (View v : views) {
            List<Sample> s = warm.get(key(v, "summary"));
            List<Sample> b = warm.get(key(v, "baseline"));
            List<Double> ratio = new ArrayList<>();
            List<Double> coldRatio = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                ratio.add(s.get(i).p95() / b.get(i).p95());
                coldRatio.add(cold.get(key(v, "summary")).get(i) / cold.get(key(v, "baseline")).get(i));
            }
            double p95 = median(s.stream().map(Sample::p95).toList());
            md.append("| ").append(v.name()).append(" | < ").append(fmt(v.targetMillis())).append(" | ")
                    .append(fmt(p95)).append(" | ").append(p95 < v.targetMillis() ? "**yes**" : "**no**").append(" | ")
                    .append(spreadX(ratio)).append(" | ").append(spreadX(coldRatio)).append(" |\n");
        }
        md.append("\n## Plans (EXPLAIN (ANALYZE, BUFFERS), after the runs; the summary's rollup counters, minute histogram and live clocks)\n\n");
        plans.forEach((k, v) -> md.append("### ").append(k).append("\n\n```\n").append(v).append("```\n\n"));
        md.append("Reproduce: `./mvnw -Pbench-dashboard test-compile exec:exec` (add `-Dbench.reuse=true` to keep the "
                + "loaded data directory `target/bench/pgdata` between runs).\n");
        return md.toString();
    }

    static String spread(List<Double> values) {
        return fmt(median(values)) + " (" + fmt(values.stream().mapToDouble(d -> d).min().orElse(0)) + "–"
                + fmt(values.stream().mapToDouble(d -> d).max().orElse(0)) + ")";
    }

    static String spreadX(List<Double> values) {
        return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", median(values),
                values.stream().mapToDouble(d -> d).min().orElse(0), values.stream().mapToDouble(d -> d).max().orElse(0));
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(d -> d).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String fmt(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Other work on the machine, which every figure here includes: the 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        try {
            String[] v = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return v[0] + " / " + v[1] + " / " + v[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    long count(String sql) {
        return JdbcClient.create(ds).sql(sql).query(Long.class).single();
    }

    void exec(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    String secs(long since) {
        return (System.nanoTime() - since) / 1_000_000_000 + " s";
    }

    void say(String line) {
        System.out.println("[dashboard-bench] " + line);
        System.out.flush();
    }
}
