package org.leadhandoff.scoring.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.leadhandoff.scoring.FitResult;
import org.leadhandoff.scoring.LeadProfile;
import org.leadhandoff.scoring.ScoringRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Fit evaluations per second on one thread (run by {@link ScoringBenchmark#main}). */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Threads(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FitBenchmark {

    private static final List<LeadProfile> PROFILES = List.of(
            new LeadProfile("ana@acme.com", "VP Sales", 500, "Software", "DE"),
            new LeadProfile("kid@gmail.com", "Student", null, null, "US"),
            new LeadProfile("m@retail.example", "Sales Manager", 300, "Retail", "US"),
            new LeadProfile("e@acme.com", "Engineer", 20, "Retail", null));

    private ScoringRules dmn;
    private ScoringRules engine;
    private ScoringRules memo;
    private Map<String, Integer> plain;
    private int next;

    @Setup(Level.Trial)
    public void parse() {
        ScoringRules shipped = ScoringRules.fromFolder(Path.of("bpmn"));
        dmn = shipped.withoutMemo();
        engine = shipped.onEngine();
        memo = shipped;
        plain = Map.of("vp", 30, "manager", 15, "student", -30);
    }

    /** LeadFit.dmn (JobLevel, LeadFit COLLECT SUM, LeadGrade) evaluated every time, on the compiled tables. */
    @Benchmark
    public FitResult fitEvaluation() {
        return dmn.fit(PROFILES.get(next++ & 3));
    }

    /** The same evaluated by Camunda's DMN engine every time. */
    @Benchmark
    public FitResult fitEvaluationOnEngine() {
        return engine.fit(PROFILES.get(next++ & 3));
    }

    /** The same through the per-version memo the application uses (a profile seen before). */
    @Benchmark
    public FitResult fitEvaluationRemembered() {
        return memo.fit(PROFILES.get(next++ & 3));
    }

    /** Baseline: a plain Java map lookup per evaluation. */
    @Benchmark
    public Integer fitPlainMapLookup() {
        return plain.get((next++ & 1) == 0 ? "vp" : "student");
    }
}
