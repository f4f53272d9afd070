package org.leadhandoff.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One version of the scoring rules: the decisions of {@code LeadFit.dmn} and
 * {@code EngagementPoints.dmn}, parsed once and evaluated without any database access. Decisions
 * are pure functions of their inputs, so each result is remembered for its inputs (up to
 * {@value #MEMO_SIZE} per decision) for as long as this version is in force: re-scoring many
 * leads evaluates each distinct activity kind once. Thread-safe; a redeploy makes a new instance.
 */
public final class ScoringRules {

    static final String GRADE = "LeadGrade";
    static final String FIT = "LeadFit";
    static final String PRIORITY = "LeadPriority";
    static final String ENGAGEMENT = "EngagementPoints";
    /** The decisions scoring evaluates; the others (JobLevel) are required by these. */
    static final List<String> KEYS = List.of(GRADE, PRIORITY, ENGAGEMENT);

    static final int MEMO_SIZE = 10_000;

    private final DmnDecisions.Parsed grade;
    private final DmnDecisions.Parsed priority;
    private final DmnDecisions.Parsed engagement;
    private final Map<String, String> versions;
    private final boolean memoize;
    private final Map<List<Object>, FitResult> fits = new ConcurrentHashMap<>();
    private final Map<List<Object>, ActivityPoints> activities = new ConcurrentHashMap<>();
    private final Map<List<Object>, Priority> priorities = new ConcurrentHashMap<>();

    ScoringRules(Map<String, DmnDecisions.Parsed> decisions, Map<String, String> versions) {
        this(decisions, versions, true);
    }

    private ScoringRules(Map<String, DmnDecisions.Parsed> decisions, Map<String, String> versions, boolean memoize) {
        this.grade = Objects.requireNonNull(decisions.get(GRADE), "decision " + GRADE);
        this.priority = Objects.requireNonNull(decisions.get(PRIORITY), "decision " + PRIORITY);
        this.engagement = Objects.requireNonNull(decisions.get(ENGAGEMENT), "decision " + ENGAGEMENT);
        this.versions = Map.copyOf(versions);
        this.memoize = memoize;
    }

    /** The same rules evaluating every decision afresh each time (benchmarks measure DMN evaluation with it). */
    public ScoringRules withoutMemo() {
        return new ScoringRules(Map.of(GRADE, grade, PRIORITY, priority, ENGAGEMENT, engagement), versions, false);
    }

    /**
     * The same rules evaluated afresh each time by Camunda's DMN engine, never as compiled checks
     * ({@link CompiledTables}): what the benchmark compares the application's path with.
     */
    public ScoringRules onEngine() {
        return new ScoringRules(Map.of(GRADE, grade.onEngine(), PRIORITY, priority.onEngine(), ENGAGEMENT,
                engagement.onEngine()), versions, false);
    }

    private <T> T remembered(Map<List<Object>, T> memo, List<Object> inputs, Function<List<Object>, T> decide) {
        if (!memoize) {
            return decide.apply(inputs);
        }
        T known = memo.get(inputs);
        if (known != null) {
            return known;
        }
        T result = decide.apply(inputs);
        if (memo.size() < MEMO_SIZE) {
            memo.put(inputs, result);
        }
        return result;
    }

    /** The rules in {@code LeadFit.dmn} and {@code EngagementPoints.dmn} of a folder (tests, benchmarks). */
    public static ScoringRules fromFolder(Path bpmn) {
        try {
            byte[] fit = Files.readAllBytes(bpmn.resolve("LeadFit.dmn"));
            byte[] engagement = Files.readAllBytes(bpmn.resolve("EngagementPoints.dmn"));
            Map<String, DmnDecisions.Parsed> parsed = new HashMap<>();
            parsed.put(GRADE, DmnDecisions.parse(GRADE, fit));
            parsed.put(PRIORITY, DmnDecisions.parse(PRIORITY, fit));
            parsed.put(ENGAGEMENT, DmnDecisions.parse(ENGAGEMENT, engagement));
            return new ScoringRules(parsed, Map.of(GRADE, "file", PRIORITY, "file", ENGAGEMENT, "file"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the scoring rules from " + bpmn, e);
        }
    }

    DmnDecisions.Parsed parsed(String key) {
        return switch (key) {
            case GRADE -> grade;
            case PRIORITY -> priority;
            case ENGAGEMENT -> engagement;
            default -> throw new IllegalArgumentException(key);
        };
    }

    /** Which decision definition each key was parsed from. */
    Map<String, String> versions() {
        return versions;
    }

    /** Fit points, grade and the fit rules that fired for a profile. */
    public FitResult fit(LeadProfile profile) {
        String country = blankToNull(profile.country());
        return remembered(fits, Arrays.asList(lower(profile.jobTitle(), ""), profile.companySize(),
                lower(profile.industry(), ""), country == null ? "" : country.toUpperCase(Locale.ROOT),
                domain(profile.email())), this::evaluateFit);
    }

    private FitResult evaluateFit(List<Object> inputs) {
        Map<String, Object> vars = new HashMap<>(8);
        vars.put("jobTitle", inputs.get(0));
        vars.put("companySize", inputs.get(1));
        vars.put("industry", inputs.get(2));
        vars.put("country", inputs.get(3));
        vars.put("emailDomain", inputs.get(4));
        DmnDecisions.Outcome outcome = DmnDecisions.evaluate(grade, vars);
        List<ScorePart> parts = new ArrayList<>();
        for (DmnDecisions.Match m : outcome.matches()) {
            if (FIT.equals(m.decisionKey()) && m.value() instanceof Number points && points.intValue() != 0) {
                parts.add(new ScorePart(m.name(), points.intValue()));
            }
        }
        Object fitValue = outcome.collected(FIT);
        int fit = fitValue instanceof Number n ? n.intValue() : 0;
        String g = outcome.singleEntry();
        return new FitResult(fit, g == null || g.isEmpty() ? 'D' : g.charAt(0), List.copyOf(parts));
    }

    /** The points one activity earns under these rules; page and asset come from its properties. */
    public ActivityPoints activity(ActivityType type, Map<String, String> properties) {
        String page = properties == null ? null : properties.getOrDefault("page", properties.get("url"));
        String asset = properties == null ? null : properties.get("asset");
        return remembered(activities, List.of(type, lower(page, ""), lower(asset, "")), this::evaluateActivity);
    }

    private ActivityPoints evaluateActivity(List<Object> inputs) {
        ActivityType type = (ActivityType) inputs.get(0);
        Map<String, Object> vars = new HashMap<>(4);
        vars.put("activityType", type.name());
        vars.put("page", inputs.get(1));
        vars.put("asset", inputs.get(2));
        DmnDecisions.Outcome outcome = DmnDecisions.evaluate(engagement, vars);
        if (outcome.isEmpty()) {
            return new ActivityPoints(0, null, null, type.name());
        }
        Map<String, Object> row = outcome.firstRow();
        String rule = outcome.matches().isEmpty() ? type.name() : outcome.matches().get(0).name();
        return new ActivityPoints(intOr(row.get("points"), 0), positiveOrNull(row.get("halfLifeDays")),
                positiveOrNull(row.get("dailyCap")), rule);
    }

    /** How fast sales must react, from grade × engagement (hand-raisers first). */
    public Priority priority(char grade, int engagement, boolean handRaised) {
        return remembered(priorities, List.of(String.valueOf(grade), engagement, handRaised), this::evaluatePriority);
    }

    private Priority evaluatePriority(List<Object> inputs) {
        Map<String, Object> vars = new HashMap<>(4);
        vars.put("grade", inputs.get(0));
        vars.put("engagement", inputs.get(1));
        vars.put("handRaised", inputs.get(2));
        String p = DmnDecisions.evaluate(priority, vars).singleEntry();
        return p == null ? Priority.NORMAL : Priority.valueOf(p);
    }

    private static int intOr(Object value, int otherwise) {
        return value instanceof Number n ? n.intValue() : otherwise;
    }

    private static Integer positiveOrNull(Object value) {
        return value instanceof Number n && n.intValue() > 0 ? n.intValue() : null;
    }

    private static String domain(String email) {
        if (email == null || email.indexOf('@') < 0) {
            return "";
        }
        return email.substring(email.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
    }

    private static String lower(String s, String otherwise) {
        String v = blankToNull(s);
        return v == null ? otherwise : v.toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
