package org.leadhandoff.scoring.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.leadhandoff.scoring.ActivityPoints;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.scoring.LeadProfile;
import org.leadhandoff.scoring.LeadScoring;
import org.leadhandoff.scoring.Score;
import org.leadhandoff.scoring.ScoredActivity;
import org.leadhandoff.scoring.ScoringProperties;
import org.leadhandoff.scoring.ScoringRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Scoring speed on one thread, with the shipped DMN files parsed once: scoring one activity
 * (the EngagementPoints decision, then the lead's score with decay, caps, fit and priority, every
 * decision evaluated) as p50/p99 per activity type, and fit evaluations per second; each on the
 * compiled tables the application uses and on Camunda's DMN engine, against a plain Java map
 * lookup measured in the same run. Run with {@code ./mvnw -Pbench test-compile exec:exec};
 * writes {@code target/bench/scoring.md}. Not a test: {@code ./mvnw verify} never runs it.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Threads(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 1)
public class ScoringBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final List<LeadProfile> PROFILES = List.of(
            new LeadProfile("ana@acme.com", "VP Sales", 500, "Software", "DE"),
            new LeadProfile("kid@gmail.com", "Student", null, null, "US"),
            new LeadProfile("m@retail.example", "Sales Manager", 300, "Retail", "US"),
            new LeadProfile("e@acme.com", "Engineer", 20, "Retail", null));

    @Param({"PAGE_VIEW", "PRICING_PAGE_VIEW", "CONTENT_DOWNLOAD", "EMAIL_OPEN", "EMAIL_CLICK", "NEWSLETTER_SIGNUP",
        "WEBINAR_ATTENDED", "FORM_SUBMITTED", "TRIAL_STARTED", "DEMO_REQUESTED", "CONTACT_SALES",
        "CAREERS_PAGE_VIEW", "UNSUBSCRIBED", "EMAIL_BOUNCED", "MEETING_BOOKED"})
    public ActivityType type;

    private ScoringRules dmn;
    private ScoringRules engine;
    private ScoringRules memo;
    private LeadScoring scoring;
    private LeadScoring onEngine;
    private LeadScoring remembered;
    private List<ScoredActivity> history;
    private Map<ActivityType, Integer> plainPoints;

    @Setup(Level.Trial)
    public void parseRules() {
        ScoringRules shipped = ScoringRules.fromFolder(Path.of("bpmn"));
        dmn = shipped.withoutMemo();
        engine = shipped.onEngine();
        memo = shipped;
        scoring = new LeadScoring(new ScoringProperties(100), () -> dmn);
        onEngine = new LeadScoring(new ScoringProperties(100), () -> engine);
        remembered = new LeadScoring(new ScoringProperties(100), () -> memo);
        history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ActivityType t = ActivityType.values()[i % 9];
            history.add(new ScoredActivity(t, NOW.minusSeconds(3600L * 24 * i), dmn.activity(t, null)));
        }
        plainPoints = new EnumMap<>(ActivityType.class);
        for (ActivityType t : ActivityType.values()) {
            plainPoints.put(t, dmn.activity(t, null).points());
        }
    }

    /** One activity arrives: its points from EngagementPoints.dmn, then the lead's whole score (fit, decay, caps, priority). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Score scoreOneActivity() {
        return scoreOne(dmn, scoring, history, type);
    }

    /** The same with every decision evaluated by Camunda's DMN engine instead of the compiled tables. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Score scoreOneActivityOnEngine() {
        return scoreOne(engine, onEngine, history, type);
    }

    /** Just the EngagementPoints decision for one activity. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ActivityPoints engagementDecision() {
        return dmn.activity(type, Map.of("page", "/blog/post"));
    }

    /** Just the EngagementPoints decision, evaluated by Camunda's DMN engine. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ActivityPoints engagementDecisionOnEngine() {
        return engine.activity(type, Map.of("page", "/blog/post"));
    }

    /** Baseline: the points of a type from a plain Java map. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Integer plainMapLookup() {
        return plainPoints.get(type);
    }

    /** The same through the per-version memo the application uses (these inputs seen before). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Score scoreOneActivityRemembered() {
        return scoreOne(memo, remembered, history, type);
    }

    /** One activity arrives: its points from EngagementPoints.dmn, then the lead's score over its history and it. */
    private static Score scoreOne(ScoringRules rules, LeadScoring scoring, List<ScoredActivity> history,
            ActivityType type) {
        ActivityPoints points = rules.activity(type, Map.of("page", "/blog/post"));
        List<ScoredActivity> all = new ArrayList<>(history.size() + 1);
        all.addAll(history);
        all.add(new ScoredActivity(type, NOW, points));
        return scoring.score(PROFILES.get(0), all, NOW);
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ScoringBenchmark.class.getName() + "|" + FitBenchmark.class.getName())
                .build()).run();
        String load = loadAverage();
        String cpu = cpuTimeTable();
        Path out = Path.of("target", "bench", "scoring.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report(results) + cpu + "\nLoad average (1, 5, 15 min) when JMH ended: " + load
                + "; after the CPU-time runs: " + loadAverage() + " on " + Runtime.getRuntime().availableProcessors()
                + " CPUs.\n");
        System.out.println(Files.readString(out));
    }

    /**
     * The same work timed by this thread's CPU time per call, which other processes on a shared
     * machine do not inflate the way they inflate wall-clock percentiles (time the thread waits
     * for a CPU is not counted; neither is garbage collection, which runs on its own threads).
     */
    static String cpuTimeTable() {
        ScoringRules shipped = ScoringRules.fromFolder(Path.of("bpmn"));
        ScoringRules dmn = shipped.withoutMemo();
        ScoringRules engine = shipped.onEngine();
        LeadScoring scoring = new LeadScoring(new ScoringProperties(100), () -> dmn);
        LeadScoring onEngine = new LeadScoring(new ScoringProperties(100), () -> engine);
        List<ScoredActivity> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ActivityType t = ActivityType.values()[i % 9];
            history.add(new ScoredActivity(t, NOW.minusSeconds(3600L * 24 * i), dmn.activity(t, null)));
        }
        ActivityType[] types = ActivityType.values();
        Map<String, Integer> plain = Map.of("vp", 30, "student", -30);
        StringBuilder table = new StringBuilder("\n## CPU time per call\n\n"
                + "200,000 calls after 100,000 warm-up calls, each timed by the thread's CPU clock (a clock read costs "
                + "about as much as the map lookup, so that row is the floor). Every call evaluates the decisions: "
                + "as compiled checks (the application's path), or by Camunda's DMN engine.\n\n"
                + "| call | p50 µs | p99 µs | p99.9 µs | calls per CPU-second |\n|---|---:|---:|---:|---:|\n");
        int[] n = {0};
        table.append(cpuRow("plain map lookup (baseline)", () -> plain.get((n[0]++ & 1) == 0 ? "vp" : "student")));
        table.append(cpuRow("fit (JobLevel, LeadFit, LeadGrade)", () -> dmn.fit(PROFILES.get(n[0]++ & 3))));
        table.append(cpuRow("EngagementPoints decision", () -> dmn.activity(types[n[0]++ % types.length],
                Map.of("page", "/blog/post"))));
        table.append(cpuRow("score one activity (all types in turn)", () -> {
            return scoreOne(dmn, scoring, history, types[n[0]++ % types.length]);
        }));
        table.append(cpuRow("fit on Camunda's DMN engine", () -> engine.fit(PROFILES.get(n[0]++ & 3))));
        table.append(cpuRow("EngagementPoints on Camunda's DMN engine", () -> engine.activity(
                types[n[0]++ % types.length], Map.of("page", "/blog/post"))));
        table.append(cpuRow("score one activity on Camunda's DMN engine", () -> {
            return scoreOne(engine, onEngine, history, types[n[0]++ % types.length]);
        }));
        return table.toString();
    }

    private static String cpuRow(String name, java.util.function.Supplier<Object> call) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Object sink = null;
        for (int i = 0; i < 100_000; i++) {
            sink = call.get();
        }
        Histogram nanos = new Histogram(3);
        long total = 0;
        for (int i = 0; i < 200_000; i++) {
            long start = threads.getCurrentThreadCpuTime();
            sink = call.get();
            long took = threads.getCurrentThreadCpuTime() - start;
            nanos.recordValue(Math.max(took, 0));
            total += took;
        }
        if (sink == null) {
            throw new IllegalStateException(name + " returned nothing");
        }
        return String.format("| %s | %.2f | %.2f | %.2f | %,.0f |%n", name, nanos.getValueAtPercentile(50) / 1e3,
                nanos.getValueAtPercentile(99) / 1e3, nanos.getValueAtPercentile(99.9) / 1e3, 200_000 * 1e9 / total);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String report(Collection<RunResult> results) {
        StringBuilder latency = new StringBuilder();
        StringBuilder throughput = new StringBuilder();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            var stats = r.getPrimaryResult().getStatistics();
            if (r.getParams().getMode() == Mode.SampleTime) {
                latency.append(String.format("| %s | %s | %.2f | %.2f | %.2f |%n", name, r.getParams().getParam("type"),
                        stats.getPercentile(50), stats.getPercentile(99), stats.getPercentile(99.9)));
            } else {
                throughput.append(String.format("| %s | %,.0f | ± %,.0f |%n", name, stats.getMean(),
                        stats.getMeanErrorAt(0.999)));
            }
        }
        return "# Scoring benchmark\n\n"
                + "One thread, JMH " + org.openjdk.jmh.util.Version.getPlainVersion()
                + ", Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs (shared), " + Instant.now() + ". Decisions parsed once from bpmn/. Plain names: every call "
                + "evaluates the decisions as the application does, on the tables compiled to Java checks "
                + "(CompiledTables) without the per-version memo; `OnEngine`: every call on Camunda's DMN engine; "
                + "`Remembered`: the application's memo, where each decision result is kept per rules version and "
                + "input. `scoreOneActivity` = EngagementPoints decision + the lead's score over 21 activities "
                + "(JobLevel, LeadFit, LeadGrade, LeadPriority decisions, decay, caps).\n\n"
                + "| benchmark | activity | p50 µs | p99 µs | p99.9 µs |\n|---|---|---:|---:|---:|\n" + latency
                + "\n| benchmark | ops/s | error (99.9%) |\n|---|---:|---:|\n" + throughput;
    }
}
