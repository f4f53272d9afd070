package org.leadhandoff.perf;

import static org.leadhandoff.perf.Figures.median;
import static org.leadhandoff.perf.Figures.num;
import static org.leadhandoff.perf.Figures.spread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.leadhandoff.support.AcquisitionQuery;
import org.leadhandoff.support.JobAcquisitionIndex;

/**
 * The performance harness of issue 8: the whole application on a real PostgreSQL, measured
 * against plain JDBC writing the same rows in the same run, under open-model load through HTTP
 * and the Java service, and with 150,000 open SLA timers, a steady stream coming due and a
 * 10,000-timer storm. Writes {@code target/bench/report.md}. Not a test: run with
 * {@code ./mvnw -Pbench-perf test-compile exec:exec} (system properties {@code perf.*} below
 * shrink it for a quick run).
 */
public final class PerfBenchmark {

    static final Path OUT = Path.of("target", "bench");

    // sizes; the README's figures come from these defaults
    final int runs = Integer.getInteger("perf.runs", 3);
    final int captureHandoffs = size("perf.captureHandoffs", 20, 10);
    final int baselineHandoffs = size("perf.baselineHandoffs", 2000, 200);
    final int throughputSeconds = size("perf.throughputSeconds", 12, 5);
    final int throughputThreads = Integer.getInteger("perf.throughputThreads", 6);
    final String poolSizes = System.getProperty("perf.poolSizes", quick() ? "5" : "5,10,20");
    final int historyHandoffs = size("perf.historyHandoffs", 100, 20);
    final double lowRate = Double.parseDouble(System.getProperty("perf.lowRate", "10"));
    final int lowSeconds = size("perf.lowSeconds", 20, 5);
    final double burstRate = Double.parseDouble(System.getProperty("perf.burstRate", "100"));
    final int burstSeconds = size("perf.burstSeconds", 5, 3);
    final double sustainRate = Double.parseDouble(System.getProperty("perf.sustainRate", "150"));
    final int sustainSeconds = size("perf.sustainSeconds", 10, 5);
    final long thinkMin = Long.getLong("perf.thinkMinMillis", 1000);
    final long thinkMax = sizeL("perf.thinkMaxMillis", 5000, 2000);
    final int openTimers = size("perf.openTimers", 150_000, 20000);
    final int stormTimers = size("perf.stormTimers", 10_000, 500);
    final double steadyRate = Double.parseDouble(System.getProperty("perf.steadyRate", "10"));
    final int steadySeconds = size("perf.steadySeconds", 45, 12);
    final double steadyIntakeRate = Double.parseDouble(System.getProperty("perf.steadyIntakeRate", "20"));
    final boolean javaSustained = Boolean.parseBoolean(System.getProperty("perf.javaSustained", "false"));
    /**
     * Closed loop before the measured runs, so the just-in-time compiler has compiled the hot paths a
     * long-running server runs: after 300 handoffs the JVM's CPU per handoff still fell from run to
     * run (28.4 to 9.7 ms over five 12 s runs, quick run of 2026-12-03).
     */
    final int warmupSeconds = size("perf.warmupSeconds", 90, 20);
    /** A closed-loop run under Java Flight Recorder, last in the shipped level's part, for where the JVM's CPU goes. */
    final boolean profileRun = Boolean.parseBoolean(System.getProperty("perf.profile", "true"));
    /**
     * Which parts run: {@code all}, or a list of {@code engine} (the shipped level's rows, baseline
     * and closed loop, always run first), {@code history}, {@code pools}, {@code load}, {@code full}
     * and {@code timers}, joined by {@code +} — e.g. {@code -Dperf.options=parts=engine+load} for an
     * A/B of intake latency ({@code perf.options} itself is split at commas).
     */
    final Set<String> parts = Set.of(System.getProperty("perf.parts", "all").split("[+,]"));

    boolean part(String name) {
        return parts.contains("all") || parts.contains(name);
    }

    static boolean quick() {
        return Boolean.getBoolean("perf.quick");
    }

    static int size(String property, int full, int quick) {
        return Integer.getInteger(property, quick() ? quick : full);
    }

    static long sizeL(String property, long full, long quick) {
        return Long.getLong(property, quick() ? quick : full);
    }

    final PerfDatabase database = new PerfDatabase();
    final StringBuilder md = new StringBuilder();
    final Map<String, String> findings = new LinkedHashMap<>();
    final long started = System.currentTimeMillis();

    // figures the summary compares with the targets
    double baselineRate;
    double engineRate;
    double lastBaselineRate;
    double lastEngineRate;
    // NaN until measured: the summary says "not run" for a part left out (perf.parts)
    double fullEngineRate = Double.NaN;
    double fullHistoryBytes = Double.NaN;
    double chosenHistoryBytes = Double.NaN;
    List<Double> lowP99 = new ArrayList<>();
    List<Double> burstP99 = new ArrayList<>();
    List<Double> sustainedRates = new ArrayList<>();
    List<Double> steadyP50 = new ArrayList<>();
    List<Double> steadyP99 = new ArrayList<>();
    double stormDrainRate = Double.NaN;
    double jobRate;
    double jobsPerHandoff;
    double jvmMillis = Double.NaN;
    double postgresMillis = Double.NaN;
    double baselineMillis = Double.NaN;
    CpuProfile.Shares cpuShares;
    String loadAtStart = loadAverage();

    public static void main(String[] args) throws Exception {
        // -Dperf.options=runs=1,stormTimers=2000: Maven passes one property through to this JVM
        for (String option : System.getProperty("perf.options", "none").split(",")) {
            int eq = option.indexOf('=');
            if (eq > 0) {
                System.setProperty("perf." + option.substring(0, eq).trim(), option.substring(eq + 1).trim());
            }
        }
        PerfBenchmark bench = new PerfBenchmark();
        try {
            bench.run();
        } finally {
            bench.database.close();
        }
        System.exit(0);
    }

    void run() throws Exception {
        Files.createDirectories(OUT);
        StringBuilder body = new StringBuilder();

        say("history level as shipped: rows per handoff, baseline, throughput, history, pool sizes, open-model load");
        try (PerfApp app = new PerfApp("main", database.url("perf_main"), database.user(), database.password(),
                Map.of())) {
            prepare(app);
            settings(app);
            body.append(engineSection(app, app.engineConfiguration().getHistory() + " (application.yml)", true));
            engineRate = lastEngineRate;
            baselineRate = lastBaselineRate;
            if (part("history")) {
                chosenHistoryBytes = historySection(app, body, app.engineConfiguration().getHistory());
            }
            if (part("pools")) {
                body.append(poolSection(app));
            }
            if (part("load")) {
                Map<String, long[]> scansBefore = scans(app);
                body.append(loadSection(app));
                body.append(tableScans(app, scansBefore));
            }
            if (profileRun) {
                body.append(profileSection(app));
            }
            writeReport(body);
            quiesce(app);
        }

        // after the shipped level, so FULL runs in the warmer JVM: if anything, that flatters FULL
        if (part("full")) {
            say("history level FULL: the same");
            try (PerfApp full = new PerfApp("full", database.url("perf_full"), database.user(), database.password(),
                    Map.of("camunda.bpm.history-level", "full"))) {
                prepare(full);
                body.append(engineSection(full, "FULL (Camunda's default)", false));
                fullEngineRate = lastEngineRate;
                fullHistoryBytes = historySection(full, body, "FULL");
                writeReport(body);
                quiesce(full);
            }
        }

        if (part("timers")) {
            say("timers: 150,000 open, steady stream (Camunda defaults vs application.yml), storm");
            try (PerfApp app = new PerfApp("timers", database.url("perf_timers"), database.user(),
                    database.password(), Map.of())) {
                prepare(app);
                timerSection(app, body);
            } finally {
                ClockUtil.reset();
            }
            writeReport(body);
        }
    }

    /** Written after every part, so a run cut short still leaves what it measured. */
    void writeReport(CharSequence body) throws Exception {
        StringBuilder report = new StringBuilder();
        report.append("# Lead Handoff performance report\n\n");
        report.append(machine());
        report.append(summary());
        report.append(body);
        report.append("\n## Reproduce\n\n`./mvnw -Pbench-perf test-compile exec:exec` writes this file; "
                + "`-Dperf.quick=true` (or the `perf.*` properties in `PerfBenchmark`) runs small sizes for a check. "
                + "Total run time: ").append(num((System.currentTimeMillis() - started) / 60000.0))
                .append(" min; load average at start ").append(loadAtStart).append(", at the end ")
                .append(loadAverage()).append(".\n");
        // a run of some parts leaves the last full report alone
        Path file = OUT.resolve(part("all") ? "report.md" : "report-" + String.join("-", new TreeSet<>(parts)) + ".md");
        Files.writeString(file, report);
        say("wrote " + file.toAbsolutePath());
    }

    // ---------------------------------------------------------------- set-up

    /** Demo reps get room for every benchmark lead, so no lead waits in a team queue for capacity. */
    void prepare(PerfApp app) {
        ClockUtil.reset();
        app.db.sql("update reps set capacity = 1000000, active = true").update();
    }

    String settingsText = "";

    void settings(PerfApp app) {
        var env = app.context.getEnvironment();
        var je = app.jobExecutor();
        settingsText = "| setting | value |\n|---|---|\n"
                + "| history level | " + app.engineConfiguration().getHistory() + " |\n"
                + "| job executor wait / max wait | " + je.getWaitTimeInMillis() + " ms / " + je.getMaxWait() + " ms |\n"
                + "| jobs per acquisition | " + je.getMaxJobsPerAcquisition() + " |\n"
                + "| job executor threads (core / max) | " + env.getProperty("camunda.bpm.job-execution.core-pool-size", "3")
                + " / " + env.getProperty("camunda.bpm.job-execution.max-pool-size", "10") + " |\n"
                + "| acquire by due date / prefer timers | " + app.engineConfiguration().isJobExecutorAcquireByDueDate()
                + " / " + app.engineConfiguration().isJobExecutorPreferTimerJobs() + " |\n"
                + "| Hikari pool | " + app.dataSource.getMaximumPoolSize() + " |\n"
                + "| Tomcat threads (max) | " + env.getProperty("server.tomcat.threads.max", "200") + " |\n"
                + "| SLA calendar | " + env.getProperty("handoff.sla.calendar") + " (DE leads: emea, Berlin hours; US: amer) |\n"
                + "| history cleanup window | " + env.getProperty(
                        "camunda.bpm.generic-properties.properties.history-cleanup-batch-window-start-time") + "–"
                + env.getProperty("camunda.bpm.generic-properties.properties.history-cleanup-batch-window-end-time")
                + " (history TTL P180D on LeadHandoff and the decisions) |\n";
    }

    // ---------------------------------------------------------------- engine vs baseline

    String engineSection(PerfApp app, String level, boolean chosen) throws Exception {
        Intake intake = new Intake(app);
        say(app.name + ": warm-up, closed loop for " + warmupSeconds + " s");
        double warm = closedLoop(app, intake, "warm-" + app.name, warmupSeconds);
        say(app.name + ": warm-up reached " + num(warm) + " handoffs/s");

        say(app.name + ": capture the rows of " + captureHandoffs + " handoffs");
        quiesce(app);
        // a backend reports its counters up to 10 s after its last transaction
        Thread.sleep(11_000);
        long txid = HandoffRows.txid(app.dataSource);
        Map<String, long[]> before = HandoffRows.counters(app.dataSource);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < captureHandoffs; i++) {
            ids.add(intake.viaJava("cap-" + app.name));
        }
        waitForTasks(app, ids, "Task_AcceptLead", 120);
        quiesce(app);
        Thread.sleep(11_000);
        Map<String, long[]> after = HandoffRows.counters(app.dataSource);
        List<HandoffRows.TableRows> rows = HandoffRows.capture(app.dataSource, txid);
        List<HandoffRows.Writes> writes = HandoffRows.writes(before, after);
        double jobsInserted = writes.stream().filter(w -> w.table().equals("act_ru_job")).mapToLong(HandoffRows.Writes::inserts)
                .sum() / (double) captureHandoffs;

        say(app.name + ": baseline, " + runs + " runs of " + baselineHandoffs + " handoffs' rows");
        HandoffRows.createBaselineTables(app.dataSource, rows);
        int copies = Math.max(1, baselineHandoffs / captureHandoffs);
        List<Double> baseline = new ArrayList<>();
        List<Double> baselineCpu = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            HandoffRows.truncateBaseline(app.dataSource, rows);
            CpuTime cpu0 = CpuTime.now();
            double seconds = HandoffRows.insertBaseline(app.dataSource, rows, copies);
            baseline.add(copies * captureHandoffs / seconds);
            baselineCpu.add(java.util.Arrays.stream(CpuTime.now().millisPer(cpu0, copies * captureHandoffs)).sum());
        }
        HandoffRows.truncateBaseline(app.dataSource, rows);

        say(app.name + ": engine throughput, " + runs + " closed-loop runs of " + throughputSeconds + " s");
        List<Double> engine = new ArrayList<>();
        List<Double> jobRates = new ArrayList<>();
        List<Double> jvmCpu = new ArrayList<>();
        List<Double> pgCpu = new ArrayList<>();
        List<Double> cpuFractions = new ArrayList<>();
        Statements statements = PerfDatabase.statements() ? Statements.start(app.dataSource) : null;
        int engineHandoffs = 0;
        for (int r = 0; r < runs; r++) {
            quiesce(app);
            long jobs = app.jobsSucceeded();
            long t0 = System.currentTimeMillis();
            CpuTime cpu0 = CpuTime.now();
            double rate = closedLoop(app, intake, "tp-" + app.name + r, throughputSeconds);
            jobRates.add((app.jobsSucceeded() - jobs) / ((System.currentTimeMillis() - t0) / 1000.0));
            int handoffs = lastClosedLoopHandoffs;
            engineHandoffs += handoffs;
            quiesce(app);
            double[] cpu = CpuTime.now().millisPer(cpu0, handoffs);
            jvmCpu.add(cpu[0]);
            pgCpu.add(cpu[1]);
            say(app.name + ": run " + (r + 1) + ": " + num(rate) + " handoffs/s, CPU per handoff " + num(cpu[0])
                    + " ms JVM + " + num(cpu[1]) + " ms PostgreSQL");
            cpuFractions.add(baselineCpu.get(r) / java.util.Arrays.stream(cpu).sum());
            engine.add(rate);
        }
        lastBaselineRate = median(baseline);
        lastEngineRate = median(engine);
        List<Double> fractions = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            fractions.add(engine.get(r) / baseline.get(r));
        }
        if (chosen) {
            jobRate = median(jobRates);
            jobsPerHandoff = jobsInserted;
            jvmMillis = median(jvmCpu);
            postgresMillis = median(pgCpu);
            baselineMillis = median(baselineCpu);
        }

        StringBuilder s = new StringBuilder();
        s.append("## Engine against the database: history level ").append(level).append("\n\n");
        s.append("**What one handoff writes** (lead created, demo request, MQL, process start, routing, round robin, "
                + "notification, accept task with its reminder and breach timers), read back from PostgreSQL after "
                + captureHandoffs + " handoffs reached the accept task: rows whose current version those "
                + "transactions wrote (`xmin`), and the server's insert/update/delete counters "
                + "(`pg_stat_user_tables`), per handoff:\n\n");
        s.append("| table | rows kept | inserts | updates | deletes |\n|---|---|---|---|---|\n");
        Map<String, Integer> kept = new LinkedHashMap<>();
        rows.forEach(t -> kept.put(t.table(), t.rows().size()));
        List<String> tables = new ArrayList<>(kept.keySet());
        writes.forEach(w -> {
            if (!tables.contains(w.table())) {
                tables.add(w.table());
            }
        });
        Collections.sort(tables);
        for (String t : tables) {
            HandoffRows.Writes w = writes.stream().filter(x -> x.table().equals(t)).findFirst()
                    .orElse(new HandoffRows.Writes(t, 0, 0, 0));
            s.append("| ").append(t).append(" | ").append(num(kept.getOrDefault(t, 0) / (double) captureHandoffs))
                    .append(" | ").append(num(w.inserts() / (double) captureHandoffs)).append(" | ")
                    .append(num(w.updates() / (double) captureHandoffs)).append(" | ")
                    .append(num(w.deletes() / (double) captureHandoffs)).append(" |\n");
        }
        long totalIns = writes.stream().mapToLong(HandoffRows.Writes::inserts).sum();
        long totalUpd = writes.stream().mapToLong(HandoffRows.Writes::updates).sum();
        long totalDel = writes.stream().mapToLong(HandoffRows.Writes::deletes).sum();
        s.append("| **total** | **").append(num(HandoffRows.rowCount(rows) / (double) captureHandoffs)).append("** | **")
                .append(num(totalIns / (double) captureHandoffs)).append("** | **")
                .append(num(totalUpd / (double) captureHandoffs)).append("** | **")
                .append(num(totalDel / (double) captureHandoffs)).append("** |\n\n");
        s.append("**Baseline**: the kept rows of those ").append(captureHandoffs).append(" handoffs copied ")
                .append(copies).append(" times (").append(copies * captureHandoffs)
                .append(" handoffs, fresh values in every unique column) into empty tables of the same shape and "
                        + "indexes (`create table … (like … including all but foreign keys)`), by batched JDBC "
                        + "(500 rows per batch) in one transaction, commit included. **Engine**: ")
                .append(throughputThreads).append(" threads create leads with a demo request through `LeadService` "
                        + "for ").append(throughputSeconds).append(" s (closed loop); a handoff counts when its accept "
                        + "task exists (async routing and notification done by the job executor); rate = handoffs / "
                        + "(last task created − start). Before the first run, a closed loop of ").append(warmupSeconds)
                .append(" s warms the JVM up (its just-in-time compiler) as a server that has been running is.\n\n");
        s.append("| figure | median (min–max) over ").append(runs).append(" runs |\n|---|---|\n");
        s.append("| baseline, handoffs/s | ").append(spread(baseline)).append(" |\n");
        s.append("| engine end to end, handoffs/s | ").append(spread(engine)).append(" |\n");
        s.append("| engine ÷ baseline | ").append(spread(fractions)).append(" |\n");
        s.append("| jobs executed/s during the engine runs | ").append(spread(jobRates)).append(" |\n");
        s.append("| CPU per handoff, engine: JVM ms | ").append(spread(jvmCpu)).append(" |\n");
        s.append("| CPU per handoff, engine: PostgreSQL ms | ").append(spread(pgCpu)).append(" |\n");
        s.append("| CPU per handoff, baseline: JVM + PostgreSQL ms | ").append(spread(baselineCpu)).append(" |\n");
        s.append("| baseline CPU ÷ engine CPU per handoff | ").append(spread(cpuFractions)).append(" |\n\n");
        s.append("CPU per handoff: CPU time of this JVM and of the PostgreSQL server's processes (`/proc`, "
                + "exited backends included) from a run's start until every job of its handoffs ran, ÷ its "
                + "handoffs; for the engine it includes the harness's own polls and the application's schedulers. "
                + "A ratio of CPU time is far less disturbed by other work on the machine than a ratio of rates.\n\n");
        if (statements != null) {
            s.append(statements.report(app.dataSource, engineHandoffs, 25));
        }
        return s.toString();
    }

    /**
     * Where the JVM's CPU goes: one more closed-loop run under Java Flight Recorder, the last thing the
     * shipped-level application does. The recording costs CPU of its own (in the full run of
     * 2026-12-03 05:36 the closed loop under it reached 36.6 handoffs/s, the same application without
     * it 58.3 minutes later), and may leave deoptimised code behind, so no other figure comes from a
     * run during or after it.
     */
    String profileSection(PerfApp app) throws Exception {
        say(app.name + ": closed loop under Java Flight Recorder, for where the JVM's CPU goes");
        Intake intake = new Intake(app);
        Path file = OUT.resolve("engine-" + app.name + ".jfr");
        double rate;
        double jvm;
        try (CpuProfile profile = CpuProfile.start(file)) {
            quiesce(app);
            CpuTime cpu0 = CpuTime.now();
            rate = closedLoop(app, intake, "prof-" + app.name, throughputSeconds);
            quiesce(app);
            jvm = CpuTime.now().millisPer(cpu0, lastClosedLoopHandoffs)[0];
            cpuShares = profile.stop();
        }
        StringBuilder s = new StringBuilder("## Where the JVM's CPU goes\n\n");
        s.append("One more closed-loop run of ").append(throughputSeconds).append(" s, the same as the measured "
                + "ones, at the end of the shipped level's part, under Java Flight Recorder, which costs CPU of its "
                + "own, so no other figure comes from it (this run: ").append(num(rate)).append(" handoffs/s, ")
                .append(num(jvm)).append(" ms of JVM CPU per handoff). ")
                .append(String.format(Locale.ROOT, "%,d", cpuShares.total())).append(" execution samples (every "
                + "10 ms per running thread), each charged to the code it caught running — the innermost frame "
                + "outside the JDK, so a `HashMap.get` called by MyBatis is Camunda's time — by kind of thread, in "
                + "per cent of all samples; the last column splits the measured runs' JVM CPU per handoff (GC and "
                + "JIT threads, which are not sampled, included) in the same shares. The recording is kept as "
                + "`target/bench/").append(file.getFileName())
                .append("` (`jfr print` / JDK Mission Control); `profile=false` skips this run.\n\n");
        s.append(CpuProfile.table(cpuShares, jvmMillis)).append('\n');
        return s.toString();
    }

    /**
     * Closed loop: {@link #throughputThreads} threads create leads as fast as they can for
     * {@code seconds}; returns handoffs per second until the last accept task existed.
     */
    int lastClosedLoopHandoffs;

    double closedLoop(PerfApp app, Intake intake, String tag, int seconds) throws Exception {
        int threads = throughputThreads;
        java.util.concurrent.atomic.AtomicInteger threadNumber = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, CpuProfile.INTAKE_THREAD + threadNumber.incrementAndGet()));
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        long start = System.currentTimeMillis();
        long deadline = start + seconds * 1000L;
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                while (System.currentTimeMillis() < deadline) {
                    try {
                        ids.add(intake.viaJava(tag));
                    } catch (RuntimeException e) {
                        say("closed loop: " + e);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        List<String> all = new ArrayList<>(ids);
        Map<String, Long> created = waitForTasks(app, all, "Task_AcceptLead", 600);
        long last = created.values().stream().mapToLong(l -> l).max().orElse(System.currentTimeMillis());
        lastClosedLoopHandoffs = created.size();
        return created.size() / ((last - start) / 1000.0);
    }

    // ---------------------------------------------------------------- history

    double historySection(PerfApp app, StringBuilder out, String level) throws Exception {
        say(app.name + ": history of " + historyHandoffs + " finished handoffs");
        Intake intake = new Intake(app);
        quiesce(app);
        long txid = HandoffRows.txid(app.dataSource);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < historyHandoffs; i++) {
            ids.add(intake.viaJava("hist-" + app.name));
        }
        completeAll(app, intake, ids, "Task_AcceptLead", Map.of("decision", "ACCEPT"));
        completeAll(app, intake, ids, "Task_DiscoveryCall", Map.of("outcome", "QUALIFIED", "budget", "approved",
                "authority", "VP", "need", "routing", "timeline", "this quarter"));
        waitUntil(() -> count(app, "select count(*) from " + WANTED + " join act_hi_procinst p on"
                + " l.handoff_id = p.proc_inst_id_ where p.end_time_ is not null", ids) >= ids.size(), 300);
        quiesce(app);
        long rows = 0;
        long bytes = 0;
        StringBuilder perTable = new StringBuilder();
        try (Connection c = app.dataSource.getConnection()) {
            for (String table : HandoffRows.tables(c)) {
                if (!table.startsWith("act_hi_")) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("select count(*), coalesce(sum(pg_column_size(t.*)), 0)"
                        + " from " + table + " t where xmin::text::bigint >= ?")) {
                    ps.setLong(1, txid & 0xffffffffL);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            rows += rs.getLong(1);
                            bytes += rs.getLong(2);
                            perTable.append(table).append(" ").append(num(rs.getLong(1) / (double) historyHandoffs))
                                    .append(", ");
                        }
                    }
                }
            }
        }
        double perHandoff = bytes / (double) historyHandoffs;
        historyRows.put(level, rows / (double) historyHandoffs);
        historyBytes.put(level, perHandoff);
        historyTables.put(level, perTable.length() > 2 ? perTable.substring(0, perTable.length() - 2) : "");
        return perHandoff;
    }

    final Map<String, Double> historyRows = new LinkedHashMap<>();
    final Map<String, Double> historyBytes = new LinkedHashMap<>();
    final Map<String, String> historyTables = new LinkedHashMap<>();

    void completeAll(PerfApp app, Intake intake, List<String> leadIds, String taskKey, Map<String, Object> values)
            throws Exception {
        waitForTasks(app, leadIds, taskKey, 300);
        List<String[]> open = app.db.sql("select t.id_, t.assignee_ from " + WANTED + " join act_ru_task t on l.handoff_id = "
                + "t.proc_inst_id_ where t.task_def_key_ = ?")
                .params(array(leadIds), taskKey).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        for (String[] task : open) {
            int status = intake.completeAsRep(task[1], task[0], values);
            if (status != 204) {
                say("completing " + taskKey + " answered " + status);
            }
        }
    }

    // ---------------------------------------------------------------- pool size

    String poolSection(PerfApp app) throws Exception {
        Intake intake = new Intake(app);
        int shipped = app.dataSource.getMaximumPoolSize();
        Map<Integer, List<Double>> rates = new LinkedHashMap<>();
        List<Integer> sizes = new ArrayList<>();
        for (String s : poolSizes.split(",")) {
            if (!s.isBlank()) {
                sizes.add(Integer.parseInt(s.trim()));
            }
        }
        if (!sizes.contains(shipped)) {
            sizes.add(0, shipped);
        }
        // interleaved, so the machine's other load and the JIT's warming fall on every size alike
        for (int i = 0; i < runs; i++) {
            for (int size : sizes) {
                say("pool " + size + ": closed-loop run " + (i + 1));
                app.dataSource.getHikariConfigMXBean().setMaximumPoolSize(size);
                app.dataSource.getHikariConfigMXBean().setMinimumIdle(size);
                quiesce(app);
                rates.computeIfAbsent(size, k -> new ArrayList<>())
                        .add(closedLoop(app, intake, "pool" + size + "-" + i, throughputSeconds));
            }
        }
        app.dataSource.getHikariConfigMXBean().setMaximumPoolSize(shipped);
        app.dataSource.getHikariConfigMXBean().setMinimumIdle(shipped);
        double shippedRate = median(rates.get(shipped));
        StringBuilder s = new StringBuilder("## Connection pool size\n\nThe same closed-loop run as above ("
                + throughputThreads + " intake threads, the job executor's up to 10 threads, one pool for both), "
                + "with Hikari's maximum pool size changed at run time (`HikariConfigMXBean`):\n\n"
                + "| pool | handoffs/s, median (min–max) | ÷ pool " + shipped + " (application.yml) |\n|---|---|---|\n");
        rates.forEach((size, r) -> s.append("| ").append(size).append(size == shipped ? " (application.yml)" : "")
                .append(" | ").append(spread(r)).append(" | ").append(Figures.ratio(median(r) / shippedRate))
                .append(" |\n"));
        s.append("\nRuns interleaved (one run of each size, three times over).\n");
        s.append("\n");
        return s.toString();
    }

    // ---------------------------------------------------------------- open-model load

    String loadSection(PerfApp app) throws Exception {
        Intake intake = new Intake(app);
        record Load(String name, double rate, int seconds) {
        }
        List<Load> loads = List.of(new Load("steady", lowRate, lowSeconds), new Load("burst", burstRate, burstSeconds),
                new Load("sustained", sustainRate, sustainSeconds));
        Map<String, List<ArrivalLoad.Result>> results = new LinkedHashMap<>();
        Map<String, List<Histogram>> e2e = new LinkedHashMap<>();
        Map<String, List<Double>> achieved = new LinkedHashMap<>();
        Map<String, List<Long>> missing = new LinkedHashMap<>();
        long completedBefore;
        try (RepDesk reps = new RepDesk(app, intake, thinkMin, thinkMax)) {
            completedBefore = reps.completed.get();
            for (int r = 0; r < runs; r++) {
                for (String path : List.of("HTTP", "Java")) {
                    for (Load load : loads) {
                        if (path.equals("Java") && load.name().equals("sustained") && !javaSustained) {
                            continue;
                        }
                        quiesce(app, reps);
                        String key = path + " " + load.name();
                        String tag = "load" + r + path + load.name();
                        say("run " + (r + 1) + ": " + key + " at " + load.rate() + "/s for " + load.seconds() + " s");
                        ArrivalLoad.Send send = path.equals("HTTP") ? () -> intake.viaHttp(tag) : () -> intake.viaJava(tag);
                        ArrivalLoad.Result res = ArrivalLoad.run(key, load.rate(), load.seconds(), 64, send);
                        List<String> ids = new ArrayList<>(res.intendedWallMillis().keySet());
                        Map<String, Long> tasks = waitForTasks(app, ids, "Task_AcceptLead", 300);
                        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
                        long last = res.startWallMillis();
                        for (var t : tasks.entrySet()) {
                            long intended = res.intendedWallMillis().get(t.getKey());
                            h.recordValue(Math.max(0, (t.getValue() - intended) * 1000));
                            last = Math.max(last, t.getValue());
                        }
                        results.computeIfAbsent(key, k -> new ArrayList<>()).add(res);
                        e2e.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
                        achieved.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(tasks.size() / ((last - res.startWallMillis()) / 1000.0));
                        missing.computeIfAbsent(key, k -> new ArrayList<>()).add(res.sent() - tasks.size());
                    }
                }
            }
            completedBefore = reps.completed.get() - completedBefore;
            findings.put("reps", "reps completed " + completedBefore + " tasks through the task API during the load ("
                    + reps.refused.get() + " refused or failed)");
        }
        for (String path : List.of("HTTP")) {
            lowP99.addAll(ArrivalLoad.millis(results.get(path + " steady").stream().map(ArrivalLoad.Result::intakeMicros)
                    .toList(), 99));
            burstP99.addAll(ArrivalLoad.millis(results.get(path + " burst").stream().map(ArrivalLoad.Result::intakeMicros)
                    .toList(), 99));
            sustainedRates.addAll(achieved.get(path + " sustained"));
        }
        StringBuilder s = new StringBuilder("## Open-model load\n\n");
        s.append("Leads arrive at a fixed rate whatever the answers (each due at start + i / rate, sent by a pool of "
                + "64 senders; waiting for a sender counts). **Intake** = the lead's `POST /api/leads` plus its "
                + "`DEMO_REQUESTED` activity (HTTP, API key), or `LeadService.upsert` + `recordActivity` (Java), from "
                + "the intended send time to the last answer. **End to end** = intended send time → the accept task "
                + "exists (routing, round robin, notification and timers done). Reps complete every accept and "
                + "discovery-call task through `POST /api/tasks/{id}/complete` after a think time uniform in ")
                .append(thinkMin).append("–").append(thinkMax).append(" ms, so handoffs finish while leads arrive. "
                        + "Each row starts on a quiet system: the reps have answered every task of the rows before "
                        + "(a burst leaves hundreds) and no job is due. HdrHistogram, 3 significant digits. Each of the ").append(runs)
                .append(" runs does every row once; figures are median (min–max) over the runs, in ms.\n\n");
        s.append("| path, load | offered/s | intake p50 | intake p99 | intake max | end-to-end p50 | end-to-end p99 "
                + "| handoffs/s reached the task | failed / not reached |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String key : results.keySet()) {
            List<Histogram> in = results.get(key).stream().map(ArrivalLoad.Result::intakeMicros).toList();
            List<Histogram> out = e2e.get(key);
            s.append("| ").append(key).append(" | ").append(num(results.get(key).get(0).rate())).append(" | ")
                    .append(spread(ArrivalLoad.millis(in, 50))).append(" | ").append(spread(ArrivalLoad.millis(in, 99)))
                    .append(" | ").append(spread(ArrivalLoad.millis(in, 100))).append(" | ")
                    .append(spread(ArrivalLoad.millis(out, 50))).append(" | ").append(spread(ArrivalLoad.millis(out, 99)))
                    .append(" | ").append(spread(achieved.get(key))).append(" | ")
                    .append(results.get(key).stream().mapToLong(ArrivalLoad.Result::failed).sum()).append(" / ")
                    .append(missing.get(key).stream().mapToLong(l -> l).sum()).append(" |\n");
        }
        s.append("\n").append(findings.getOrDefault("reps", "")).append(".\n\n");
        return s.toString();
    }

    // ---------------------------------------------------------------- our tables' scans

    Map<String, long[]> scans(PerfApp app) {
        Map<String, long[]> out = new LinkedHashMap<>();
        app.db.sql("select pg_stat_clear_snapshot()").query(rs -> { });
        app.db.sql("select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_live_tup from pg_stat_user_tables"
                + " where schemaname = 'public' and relname not like 'act_%' and relname <> 'flyway_schema_history'")
                .query(rs -> {
                    out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                });
        return out;
    }

    String tableScans(PerfApp app, Map<String, long[]> before) throws InterruptedException {
        Thread.sleep(11_000);
        Map<String, long[]> after = scans(app);
        StringBuilder s = new StringBuilder("## Indexes on our tables\n\nPostgreSQL's own counters "
                + "(`pg_stat_user_tables`) for our tables over the open-model load above: a table read by sequential "
                + "scans in the hot path would need an index.\n\n| table | rows after | seq scans | rows read by seq "
                + "scans | index scans |\n|---|---|---|---|---|\n");
        after.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1] - before.getOrDefault(b.getKey(), new long[4])[1],
                        a.getValue()[1] - before.getOrDefault(a.getKey(), new long[4])[1]))
                .forEach(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[4]);
                    long[] a = e.getValue();
                    s.append("| ").append(e.getKey()).append(" | ").append(a[3]).append(" | ").append(a[0] - b[0])
                            .append(" | ").append(a[1] - b[1]).append(" | ").append(a[2] - b[2]).append(" |\n");
                });
        s.append("\n");
        return s.toString();
    }

    // ---------------------------------------------------------------- timers

    static final Instant STEADY_A = Instant.parse("2026-11-23T09:00:00Z"); // Monday, 10:00 in Berlin
    static final Instant STEADY_B = Instant.parse("2026-11-24T09:00:00Z");
    static final Instant STORM_CREATED = Instant.parse("2026-11-28T12:00:00Z"); // Saturday
    static final Instant ANCHOR = Instant.parse("2026-12-04T10:00:00Z");
    /** The background timers are due one every 10 s from here (database local time). */
    static final java.time.LocalDateTime BACKGROUND_DUE = java.time.LocalDateTime.of(2026, 12, 7, 0, 0);
    static final String REMINDER = "BoundaryEvent_AcceptReminder";
    static final String BREACH = "BoundaryEvent_AcceptSlaBreached";

    void timerSection(PerfApp app, StringBuilder body) throws Exception {
        Intake intake = new Intake(app);
        StringBuilder s = body;
        s.append("## SLA timers\n\n");

        // 150,000 open timers: copies of a real handoff's reminder timer, due after every measured window
        ClockUtil.setCurrentTime(Date.from(ANCHOR));
        String anchor = intake.viaJava("anchor", "DE");
        waitForTasks(app, List.of(anchor), "Task_AcceptLead", 60);
        String anchorJob = app.db.sql("select j.id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
                + " join leads l on l.handoff_id = j.process_instance_id_ where l.id = ? and d.act_id_ = ?")
                .params(anchor, REMINDER).query(String.class).single();
        List<String> columns = app.db.sql("select column_name from information_schema.columns where table_schema = "
                + "'public' and table_name = 'act_ru_job' order by ordinal_position").query(String.class).list();
        String select = String.join(", ", columns.stream().map(c -> switch (c) {
            case "id_" -> "'bg-' || g";
            case "duedate_" -> "timestamp '" + Timestamp.valueOf(BACKGROUND_DUE) + "' + g * interval '10 seconds'";
            default -> "j." + c;
        }).toList());
        int clones = Math.max(0, openTimers - 2);
        say("timers: " + clones + " background timers");
        app.db.sql("insert into act_ru_job (" + String.join(", ", columns) + ") select " + select
                + " from act_ru_job j, generate_series(1, " + clones + ") g where j.id_ = ?").param(anchorJob).update();
        app.db.sql("analyze act_ru_job").update();

        s.append("**Open timers.** ").append(String.format(Locale.ROOT, "%,d", clones)).append(" copies of a real "
                + "handoff's reminder timer row (same job definition, handler and execution; due one every 10 s from "
                + "2026-12-07, after every measured window) load `ACT_RU_JOB`, its indexes and the acquisition query as "
                + "real open SLA timers do; the timers measured below are real handoffs' timers on top of them, so "
                + "at least ").append(String.format(Locale.ROOT, "%,d", openTimers))
                .append(" timers are open during every measurement (counted below). Building ")
                .append(String.format(Locale.ROOT, "%,d", openTimers / 2)).append(" real handoffs instead would take "
                        + "longer than this whole run.\n\n");
        s.append("**Lateness** = when the job executor's transaction firing the timer committed (wall clock) − when "
                + "the engine clock passed the timer's due date (wall clock). The engine clock is moved with "
                + "`ClockUtil.offset`, so during a measurement it runs at wall speed shifted by a known offset: the "
                + "due date passed at wall time `due − offset`. Fires are recorded by a parse listener on the "
                + "boundary timer events, on commit (a rolled-back fire is not counted, its retry is).\n\n");

        s.append(acquisitionSection(app));

        PerfApp.JobSettings shipped = app.jobSettings("application.yml");
        PerfApp.JobSettings defaults = new PerfApp.JobSettings("Camunda defaults", 5000, 60000, 3, false, false);
        s.append("**Steady stream.** ").append(num(steadyRate * steadySeconds)).append(" handoffs (DE, HIGH: 1 h "
                + "accept SLA in Berlin business hours, reminder at 75 %) are created while the engine clock steps ")
                .append(num(1000 / steadyRate)).append(" ms per lead, so their reminders come due ").append(num(steadyRate))
                .append("/s for ").append(steadySeconds).append(" s; the clock is then moved to just before the first "
                        + "reminder and runs. Meanwhile new leads arrive at ").append(num(steadyIntakeRate))
                .append("/s through `LeadService` (their routing and notification jobs compete with the timers). "
                        + "The window is cut in ").append(runs).append(" equal parts by due date, one run each; "
                        + "lateness in ms, median (min–max) over the runs:\n\n");
        s.append("| job executor | open timers | fired | lateness p50 | p99 | max |\n|---|---|---|---|---|---|\n");
        s.append(steady(app, intake, defaults, STEADY_A, false));
        s.append(steady(app, intake, shipped, STEADY_B, true));
        s.append("\nCamunda defaults: wait 5 s doubling to 60 s when idle, 3 jobs per acquisition, no due-date order. "
                + "application.yml: wait ").append(shipped.waitMillis()).append(" ms, max wait ")
                .append(shipped.maxWaitMillis()).append(" ms, ").append(shipped.maxJobsPerAcquisition())
                .append(" jobs per acquisition, acquire by due date, timers first. Switched by stopping the job "
                        + "executor, changing its settings and starting it again.\n\n");
        writeReport(body);

        s.append(storm(app, intake));
    }

    /**
     * The acquisition query over the open timers with three sets of indexes, while nothing is due
     * (only the new leads' messages) and at a storm (the first {@code stormTimers} background timers
     * due at the "now" the query is given): Camunda's own, the index shipped until 2026-12-02, and
     * the shipped {@link JobAcquisitionIndex}. Restores the shipped indexes after.
     */
    String acquisitionSection(PerfApp app) throws SQLException {
        Timestamp quiet = Timestamp.from(STEADY_A.plusSeconds(2700));
        Timestamp storm = Timestamp.valueOf(BACKGROUND_DUE.plusSeconds(10L * stormTimers));
        Map<String, List<String>> configs = new LinkedHashMap<>();
        configs.put("Camunda's indexes only", List.of());
        configs.put("+ `(TYPE_ desc, DUEDATE_ asc)` (shipped until 2026-12-02)",
                List.of("create index perf_job_type_due on act_ru_job (type_ desc, duedate_ asc)"));
        List<String> shipped;
        try (Connection c = app.dataSource.getConnection()) {
            shipped = JobAcquisitionIndex.indexes(c).stream().map(JobAcquisitionIndex.Index::createSql).toList();
        }
        configs.put("+ `(DUEDATE_)` and locked jobs' `(PROCESS_INSTANCE_ID_)` (as shipped)", shipped);
        StringBuilder rows = new StringBuilder();
        try {
            for (Map.Entry<String, List<String>> config : configs.entrySet()) {
                dropAcquisitionIndexes(app);
                config.getValue().forEach(sql -> app.db.sql(sql).update());
                app.db.sql("analyze act_ru_job").update();
                List<Double> quietMs = timeQuery(app, AcquisitionQuery.SQL, quiet);
                List<Double> stormMs = timeQuery(app, AcquisitionQuery.SQL, storm);
                acquisitionMs.put(config.getKey(), new double[] {median(quietMs), median(stormMs)});
                rows.append("| ").append(config.getKey()).append(" | ").append(spread(quietMs)).append(" | ")
                        .append(plan(app, quiet)).append(" | ").append(spread(stormMs)).append(" | ")
                        .append(plan(app, storm)).append(" |\n");
            }
        } finally {
            dropAcquisitionIndexes(app);
            shipped.forEach(sql -> app.db.sql(sql).update());
            app.db.sql("analyze act_ru_job").update();
        }
        return "**Indexes on the engine's job table.** The job executor's acquisition query (Camunda's "
                + "`selectNextJobsToExecute` with due-date order and timers first, as configured) over the open "
                + "timers, 40 calls on one pooled connection of which the last 30 are timed (by then PostgreSQL "
                + "runs the plan it keeps for a prepared statement, as it does for the job executor), ms, median "
                + "(min–max); quiet: only the new leads' messages due; storm: " + String.format(Locale.ROOT, "%,d",
                        stormTimers) + " of the timers due at once:\n\n"
                + "| `ACT_RU_JOB` | quiet | plan | storm | plan |\n|---|---|---|---|---|\n" + rows
                + "\nThe shipped indexes are restored before the timer runs below: they measure the application as "
                + "shipped.\n\n";
    }

    final Map<String, double[]> acquisitionMs = new LinkedHashMap<>();

    void dropAcquisitionIndexes(PerfApp app) {
        for (String index : List.of("perf_job_type_due", JobAcquisitionIndex.DUE, JobAcquisitionIndex.LOCKED,
                JobAcquisitionIndex.EARLIER)) {
            app.db.sql("drop index if exists " + index).update();
        }
    }

    List<Double> timeQuery(PerfApp app, String sql, Timestamp now) throws SQLException {
        List<Double> ms = new ArrayList<>();
        try (Connection c = app.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < 40; i++) {
                ps.setTimestamp(1, now);
                ps.setTimestamp(2, now);
                ps.setTimestamp(3, now);
                long t = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
                if (i >= 10) {
                    ms.add((System.nanoTime() - t) / 1e6);
                }
            }
        }
        return ms;
    }

    /** The plan PostgreSQL keeps for the query once prepared and run a few times (as in timeQuery). */
    String plan(PerfApp app, Timestamp now) throws SQLException {
        try (Connection c = app.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("prepare perf_acquire(timestamp, timestamp, timestamp) as " + AcquisitionQuery.PREPARED);
            String args = "('" + now + "', '" + now + "', '" + now + "')";
            try {
                for (int i = 0; i < 10; i++) {
                    st.executeQuery("execute perf_acquire" + args).close();
                }
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("explain execute perf_acquire" + args)) {
                    while (rs.next()) {
                        String line = rs.getString(1).trim();
                        if (line.startsWith("->") || lines.isEmpty()) {
                            lines.add(line.replaceAll("\\s*\\(cost=.*", "").replace("->", "").trim());
                        }
                    }
                }
                return "`" + String.join(" → ", lines.subList(0, Math.min(5, lines.size()))) + "`";
            } finally {
                st.execute("deallocate perf_acquire");
            }
        }
    }

    String steady(PerfApp app, Intake intake, PerfApp.JobSettings settings, Instant t0, boolean shipped)
            throws Exception {
        say("steady timers, " + settings.label());
        app.apply(settings);
        int n = (int) Math.round(steadyRate * steadySeconds);
        List<String> ids = new ArrayList<>();
        long stepMillis = Math.round(1000 / steadyRate);
        for (int i = 0; i < n; i++) {
            ClockUtil.setCurrentTime(Date.from(t0.plusMillis(i * stepMillis)));
            ids.add(intake.viaJava("steady-" + settings.label().hashCode(), "DE"));
        }
        waitForTasks(app, ids, "Task_AcceptLead", 600);
        long[] due = dueRange(app, ids, REMINDER);
        long open = app.db.sql("select count(*) from act_ru_job where type_ = 'timer'").query(Long.class).single();
        long offset = (due[0] - 5000) - System.currentTimeMillis();
        ClockUtil.offset(offset);
        ConcurrentLinkedQueue<String> background = new ConcurrentLinkedQueue<>();
        Thread intakeThread = new Thread(() -> {
            try {
                background.addAll(ArrivalLoad.run("steady intake", steadyIntakeRate,
                        (int) ((due[1] - due[0]) / 1000) + 5, 16, () -> intake.viaJava("steady-bg")).intendedWallMillis()
                        .keySet());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        intakeThread.start();
        long endWall = due[1] - offset + 2000;
        waitUntil(() -> System.currentTimeMillis() >= endWall
                && app.probe.fires(REMINDER, due[0], due[1] + 1).size() >= n, steadySeconds + 180);
        intakeThread.join();
        List<TimerProbe.Fire> fires = app.probe.fires(REMINDER, due[0], due[1] + 1);
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        long span = (due[1] - due[0]) / runs + 1;
        for (int r = 0; r < runs; r++) {
            long from = due[0] + r * span;
            long to = from + span;
            Histogram h = lateness(fires.stream().filter(f -> f.dueEngineMillis() >= from && f.dueEngineMillis() < to)
                    .toList(), offset);
            p50.add(ArrivalLoad.p(h, 50));
            p99.add(ArrivalLoad.p(h, 99));
            max.add(ArrivalLoad.max(h));
        }
        if (shipped) {
            steadyP50.addAll(p50);
            steadyP99.addAll(p99);
        }
        List<String> all = new ArrayList<>(ids);
        all.addAll(background);
        quiesce(app);
        deleteHandoffs(app, all);
        return "| " + settings.label() + " | " + String.format(Locale.ROOT, "%,d", open) + " | " + fires.size() + " of "
                + n + " | " + spread(p50) + " | " + spread(p99) + " | " + spread(max) + " |\n";
    }

    String storm(PerfApp app, Intake intake) throws Exception {
        say("storm: " + stormTimers + " handoffs created on a Saturday");
        ClockUtil.setCurrentTime(Date.from(STORM_CREATED));
        ExecutorService pool = Executors.newFixedThreadPool(throughputThreads);
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < stormTimers; i++) {
            pool.execute(() -> created.add(intake.viaJava("storm", "DE")));
        }
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.MINUTES);
        List<String> ids = new ArrayList<>(created);
        waitForTasks(app, ids, "Task_AcceptLead", 1800);
        long open = app.db.sql("select count(*) from act_ru_job where type_ = 'timer'").query(Long.class).single();
        StringBuilder s = new StringBuilder("**Storm.** ").append(String.format(Locale.ROOT, "%,d", ids.size()))
                .append(" handoffs (DE, HIGH) created on Saturday 2026-11-28: the business calendar puts every accept "
                        + "deadline at Monday 10:00 Berlin (09:00Z) and every reminder at 09:45 Berlin, so ")
                .append(String.format(Locale.ROOT, "%,d", ids.size())).append(" reminders come due at the same "
                        + "instant, and 15 minutes later as many breaches (each opening an escalation for the manager). "
                        + "Open timers before the storm: ").append(String.format(Locale.ROOT, "%,d", open))
                .append(". Job executor as in application.yml, no intake meanwhile. One storm each (a second storm "
                        + "of 10,000 would double this part of the run); percentiles over its timers:\n\n");
        s.append("| storm | timers due | fired | lateness p50 | p99 | max | drained in | timers/s | all jobs/s |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (String activity : List.of(REMINDER, BREACH)) {
            long[] due = dueRange(app, ids, activity);
            long offset = (due[0] - 5000) - System.currentTimeMillis();
            ClockUtil.offset(offset);
            long jobs0 = app.jobsSucceeded();
            long wall0 = System.currentTimeMillis();
            waitUntil(() -> app.probe.fires(activity, due[0], due[1] + 1).size() >= ids.size(), 1800);
            List<TimerProbe.Fire> fires = app.probe.fires(activity, due[0], due[1] + 1);
            long lastFire = fires.stream().mapToLong(TimerProbe.Fire::firedWallMillis).max().orElse(wall0);
            double drain = (lastFire - (due[0] - offset)) / 1000.0;
            double jobsPerSecond = (app.jobsSucceeded() - jobs0) / ((System.currentTimeMillis() - wall0) / 1000.0);
            Histogram h = lateness(fires, offset);
            double rate = fires.size() / drain;
            if (activity.equals(REMINDER)) {
                stormDrainRate = rate;
                stormJobsPerSecond = jobsPerSecond;
                stormP50 = ArrivalLoad.p(h, 50);
                stormP99 = ArrivalLoad.p(h, 99);
                stormMax = ArrivalLoad.max(h);
            }
            s.append("| ").append(activity.equals(REMINDER) ? "reminders (09:45 Berlin)" : "breaches (10:00 Berlin)")
                    .append(" | ").append(ids.size()).append(" | ").append(fires.size()).append(" | ")
                    .append(num(ArrivalLoad.p(h, 50))).append(" ms | ").append(num(ArrivalLoad.p(h, 99))).append(" ms | ")
                    .append(num(ArrivalLoad.max(h))).append(" ms | ").append(num(drain)).append(" s | ")
                    .append(num(rate)).append(" | ").append(num(jobsPerSecond)).append(" |\n");
            // let the jobs the fires created (reminder mails, escalations) finish before the next storm
            quiesce(app);
        }
        s.append("\n\"All jobs/s\" counts every job the engine ran successfully meanwhile (the timers and the "
                + "asynchronous steps they start), from the engine's own metric. For comparison, the job executor ran ")
                .append(num(jobRate)).append(" jobs/s in the closed-loop intake runs above (").append(num(jobsPerHandoff))
                .append(" jobs per handoff).\n\n");
        return s.toString();
    }

    double stormJobsPerSecond = Double.NaN;
    double stormP50 = Double.NaN;
    double stormP99 = Double.NaN;
    double stormMax = Double.NaN;

    static Histogram lateness(List<TimerProbe.Fire> fires, long offset) {
        Histogram h = new Histogram(TimeUnit.HOURS.toMicros(2), 3);
        for (TimerProbe.Fire f : fires) {
            long dueWall = f.dueEngineMillis() - offset;
            h.recordValue(Math.max(0, (f.firedWallMillis() - dueWall) * 1000));
        }
        return h;
    }

    long[] dueRange(PerfApp app, List<String> leadIds, String activity) {
        return app.db.sql("select min(j.duedate_), max(j.duedate_) from " + WANTED + " join act_ru_job j on "
                + "l.handoff_id = j.process_instance_id_ join act_ru_jobdef d on d.id_ = j.job_def_id_ where d.act_id_ = ?").params(array(leadIds), activity)
                .query((rs, n) -> new long[] {rs.getTimestamp(1).getTime(), rs.getTimestamp(2).getTime()}).single();
    }

    void deleteHandoffs(PerfApp app, List<String> leadIds) {
        List<String> handoffs = app.db.sql("select handoff_id from leads where id = any(cast(? as varchar[])) and "
                + "handoff_id is not null").param(array(leadIds)).query(String.class).list();
        var runtime = app.engine.getRuntimeService();
        for (int i = 0; i < handoffs.size(); i += 500) {
            List<String> chunk = handoffs.subList(i, Math.min(handoffs.size(), i + 500));
            List<String> running = runtime.createProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(chunk))
                    .list().stream().map(p -> p.getId()).toList();
            for (int attempt = 1; !running.isEmpty(); attempt++) {
                try {
                    runtime.deleteProcessInstances(running, "performance run over", true, true, true);
                    break;
                } catch (org.camunda.bpm.engine.ProcessEngineException raced) {
                    // a job of one of them ran meanwhile (optimistic locking): try the chunk again
                    if (attempt == 5) {
                        say("could not delete " + running.size() + " handoffs: " + raced.getMessage());
                        break;
                    }
                    running = runtime.createProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(chunk))
                            .list().stream().map(p -> p.getId()).toList();
                }
            }
        }
    }

    // ---------------------------------------------------------------- waiting

    /**
     * The leads named by the first parameter (a varchar array) as {@code l}. Driven from the array:
     * with {@code l.id = any(?)} as a filter, a plan made while the tables were nearly empty once
     * joined every lead to every task and tested the array for each pair, minutes per poll.
     */
    static final String WANTED = "unnest(cast(? as varchar[])) as wanted(id) join leads l on l.id = wanted.id";

    /** When each lead's handoff created its task {@code taskKey} (wall ms), waiting for all of them up to the timeout. */
    Map<String, Long> waitForTasks(PerfApp app, List<String> leadIds, String taskKey, int timeoutSeconds)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        Map<String, Long> found = new LinkedHashMap<>();
        // each poll asks only for the leads still without their task, so polling adds little to the
        // CPU per handoff measured around it
        List<String> missing = new ArrayList<>(leadIds);
        while (true) {
            for (int i = 0; i < missing.size(); i += 5000) {
                List<String> chunk = missing.subList(i, Math.min(missing.size(), i + 5000));
                app.db.sql("select l.id, t.start_time_ from " + WANTED + " join act_hi_taskinst t on t.proc_inst_id_ = "
                        + "l.handoff_id where t.task_def_key_ = ?")
                        .params(array(chunk), taskKey)
                        .query(rs -> {
                            found.merge(rs.getString(1), rs.getTimestamp(2).getTime(), Math::min);
                        });
            }
            missing.removeIf(found::containsKey);
            if (missing.isEmpty() || System.currentTimeMillis() > deadline) {
                if (!missing.isEmpty()) {
                    say("only " + found.size() + " of " + leadIds.size() + " reached " + taskKey);
                }
                return found;
            }
            Thread.sleep(250);
        }
    }

    /** Waits until no job is due (routing, notifications, reminders): the engine has caught up. */
    /**
     * Before an open-model load: the reps have answered every task of the earlier loads (none
     * scheduled, none open for them), so a load is measured on its own and not on the backlog a
     * burst left behind; then no job is due.
     */
    void quiesce(PerfApp app, RepDesk reps) throws InterruptedException {
        waitUntil(() -> reps.pending.get() == 0 && app.engine.getTaskService().createTaskQuery()
                .processDefinitionKey("LeadHandoff").taskDefinitionKeyIn("Task_AcceptLead", "Task_DiscoveryCall")
                .taskCreatedAfter(reps.opened).count() == 0, 600);
        quiesce(app);
    }

    void quiesce(PerfApp app) throws InterruptedException {
        waitUntil(() -> app.db.sql("select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or "
                + "duedate_ <= ?)").param(Timestamp.from(ClockUtil.getCurrentTime().toInstant())).query(Long.class)
                .single() == 0, 600);
    }

    static void waitUntil(Supplier<Boolean> condition, int timeoutSeconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                say("gave up waiting after " + timeoutSeconds + " s");
                return;
            }
            Thread.sleep(200);
        }
    }

    long count(PerfApp app, String sql, List<String> ids) {
        return app.db.sql(sql).param(array(ids)).query(Long.class).single();
    }

    static String array(List<String> ids) {
        return "{" + String.join(",", ids) + "}";
    }

    // ---------------------------------------------------------------- report

    String machine() throws Exception {
        StringBuilder s = new StringBuilder("## Machine and settings\n\n| | |\n|---|---|\n");
        s.append("| CPU | ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(cpuModel())
                .append(" (load average at the start: ").append(loadAtStart)
                .append("; the harness alone drives it to 5–20) |\n");
        s.append("| memory | ").append(memTotal()).append(" |\n");
        s.append("| Java | ").append(System.getProperty("java.vm.name")).append(" ")
                .append(System.getProperty("java.version")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB, ")
                .append(java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName)
                        .collect(java.util.stream.Collectors.joining(", ")))
                .append(" |\n");
        s.append("| PostgreSQL | ").append(database.describe()).append(" |\n");
        s.append("| started | ").append(Instant.ofEpochMilli(started)).append(" |\n\n");
        s.append("Application settings (application.yml as shipped, unless a section says otherwise):\n\n");
        s.append(settingsText).append("\n");
        return s.toString();
    }

    String summary() {
        double fraction = engineRate / baselineRate;
        double sustained = median(sustainedRates);
        double low = median(lowP99);
        double burst = median(burstP99);
        double p50 = median(steadyP50);
        double p99 = median(steadyP99);
        double historyShare = chosenHistoryBytes / fullHistoryBytes;
        StringBuilder s = new StringBuilder("## Targets\n\n| target | measured (median over runs) | |\n|---|---|---|\n");
        s.append("| ≥ 150 leads/s end to end, sustained (HTTP, reps working) | ").append(num(sustained))
                .append(" handoffs/s reached the task at ").append(num(sustainRate)).append("/s offered; closed loop ")
                .append(num(engineRate)).append("/s | ").append(Figures.yes(sustained >= 150 * 0.97, sustained)).append(" |\n");
        s.append("| ≥ 0.15 × plain-JDBC baseline | ").append(Figures.ratio(fraction)).append(" (")
                .append(num(engineRate)).append(" vs ").append(num(baselineRate)).append(" handoffs/s) | ")
                .append(Figures.yes(fraction >= 0.15)).append(" |\n");
        s.append("| intake p99 < 50 ms at 10 leads/s (HTTP) | ").append(num(low)).append(" ms | ")
                .append(Figures.yes(low < 50, low)).append(" |\n");
        s.append("| intake p99 < 250 ms in a 100 leads/s burst (HTTP) | ").append(num(burst)).append(" ms | ")
                .append(Figures.yes(burst < 250, burst)).append(" |\n");
        s.append("| timer lateness p50 < 1 s, p99 < 5 s with ≥ 150,000 open timers | p50 ").append(num(p50))
                .append(" ms, p99 ").append(num(p99)).append(" ms | ").append(Figures.yes(p50 < 1000 && p99 < 5000, p50, p99))
                .append(" |\n");
        s.append("| 10,000-timer storm drained at the measured job rate | ").append(num(stormDrainRate))
                .append(" timers/s, ").append(num(stormJobsPerSecond)).append(" jobs/s during the storm vs ")
                .append(num(jobRate)).append(" jobs/s in the intake runs; storm lateness p50 ").append(num(stormP50 / 1000))
                .append(" s, max ").append(num(stormMax / 1000)).append(" s | ")
                .append(Figures.yes(stormJobsPerSecond >= 0.8 * jobRate, stormJobsPerSecond, jobRate)).append(" |\n");
        s.append("| history per finished handoff ≤ ½ of FULL, cleanup scheduled | ")
                .append(num(chosenHistoryBytes)).append(" vs ").append(num(fullHistoryBytes)).append(" bytes (")
                .append(Figures.ratio(historyShare)).append(") | ").append(Figures.yes(historyShare <= 0.5, historyShare)).append(" |\n\n");
        s.append(throughputLimit(Math.min(sustained, engineRate) < 150 * 0.97 || fraction < 0.15));
        s.append("## History per finished handoff\n\n").append(historyHandoffs).append(" handoffs run to SQL (accepted, "
                + "qualified call, CRM hand-off) at each level; the history rows their transactions wrote (`ACT_HI_*`, "
                + "`xmin`), per handoff (bytes: `pg_column_size` of the rows, indexes not counted):\n\n"
                + "| history level | rows | bytes | by table |\n|---|---|---|---|\n");
        historyBytes.forEach((level, bytes) -> s.append("| ").append(level).append(" | ")
                .append(num(historyRows.get(level))).append(" | ").append(num(bytes)).append(" | ")
                .append(historyTables.get(level)).append(" |\n"));
        s.append("\nEngine throughput at FULL: ").append(num(fullEngineRate)).append(" handoffs/s against ")
                .append(num(engineRate)).append(" at the shipped level (closed loop, medians). History cleanup: "
                        + "every process and decision has a history time to live (P180D), and the cleanup runs nightly in "
                        + "the batch window above.\n\n");
        if (!acquisitionMs.isEmpty()) {
            s.append("Acquisition query with ").append(String.format(Locale.ROOT, "%,d", openTimers))
                    .append(" open timers, quiet / storm, ms (see SLA timers):");
            acquisitionMs.forEach((label, ms) -> s.append(" ").append(label).append(" ").append(num(ms[0]))
                    .append(" / ").append(num(ms[1])).append(";"));
            s.setLength(s.length() - 1);
            s.append(".\n\n");
        }
        return s.toString();
    }

    /**
     * Why the throughput targets are missed, from this run's own figures: what a handoff costs in
     * CPU, what that allows on this machine's cores, and whose code the JVM's share runs.
     */
    String throughputLimit(boolean missed) {
        double perHandoff = jvmMillis + postgresMillis;
        if (!missed || Double.isNaN(perHandoff)) {
            return "";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder s = new StringBuilder("**What limits throughput.** A handoff costs ").append(num(jvmMillis))
                .append(" ms of the JVM's CPU and ").append(num(postgresMillis)).append(" ms of PostgreSQL's "
                        + "(closed loop, medians); ").append(num(perHandoff)).append(" ms on ").append(cores)
                .append(" cores allow at most ≈ ").append(num(cores * 1000 / perHandoff))
                .append(" handoffs/s whatever the tuning, and 150/s would need ≤ ").append(num(cores * 1000 / 150.0))
                .append(" ms. The baseline writes the same rows for ").append(num(baselineMillis)).append(" ms.");
        if (cpuShares != null) {
            s.append(" Of the JVM's share, ").append(Figures.num(100 * cpuShares.share(CpuProfile.Owner.CAMUNDA)))
                    .append(" % runs Camunda's engine, ").append(Figures.num(100 * cpuShares.share(CpuProfile.Owner.APP)))
                    .append(" % Lead Handoff's own code, ")
                    .append(Figures.num(100 * cpuShares.share(CpuProfile.Owner.DRIVER)))
                    .append(" % the JDBC driver and pool and ")
                    .append(Figures.num(100 * cpuShares.share(CpuProfile.Owner.SPRING)))
                    .append(" % Spring (table *Where the JVM's CPU goes* below).");
        }
        return s.append("\n\n").toString();
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> l.replaceAll("\\D+", "")).map(kb -> Long.parseLong(kb) / 1024 / 1024 + " GB")
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1/5/15 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void say(String line) {
        System.out.println("[perf " + Instant.now().toString().substring(11, 19) + "] " + line);
        System.out.flush();
    }
}
