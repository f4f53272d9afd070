package org.leadhandoff.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Engagement arithmetic, kept apart from the rules so it is plain to test: each rule counts at
 * most its daily cap per UTC day, and every contribution halves once per half-life of its age.
 */
final class Engagement {

    private static final double SECONDS_PER_DAY = 86_400d;
    private static final long SECONDS_PER_UTC_DAY = 86_400L;

    /** A rule on one UTC day (days counted from the epoch): what a daily cap counts against. */
    record RuleDay(String rule, long epochDay) {
    }

    private Engagement() {
    }

    /** The engagement points and one explanation line per rule, rounded so the lines add up to the total. */
    record Result(int points, List<ScorePart> parts, boolean handRaised) {
    }

    static Result of(List<ScoredActivity> activities, Instant now) {
        List<ScoredActivity> ordered = new ArrayList<>(activities);
        ordered.sort(Comparator.comparing(ScoredActivity::occurredAt));
        Map<RuleDay, Integer> usedToday = new HashMap<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        boolean handRaised = false;
        for (ScoredActivity a : ordered) {
            handRaised |= a.type().isHandRaiser();
            ActivityPoints p = a.points();
            String rule = p.rule();
            int counted = capped(p, usedToday,
                    new RuleDay(rule, Math.floorDiv(a.occurredAt().getEpochSecond(), SECONDS_PER_UTC_DAY)));
            Group g = groups.computeIfAbsent(rule, r -> new Group());
            g.count++;
            g.capped |= counted != p.points();
            g.points += counted * decay(p.halfLifeDays(), a.occurredAt(), now);
        }
        List<ScorePart> parts = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            int points = (int) Math.round(e.getValue().points);
            if (points != 0) {
                parts.add(new ScorePart(label(e.getKey(), e.getValue()), points));
                total += points;
            }
        }
        return new Result(total, List.copyOf(parts), handRaised);
    }

    /** What is left of the points after the rule's daily cap (a cap limits minus points the same way). */
    static int capped(ActivityPoints p, Map<RuleDay, Integer> usedToday, RuleDay key) {
        if (p.dailyCap() == null || p.points() == 0) {
            return p.points();
        }
        int used = usedToday.getOrDefault(key, 0);
        int room = Math.max(0, p.dailyCap() - used);
        int counted = Math.min(Math.abs(p.points()), room);
        usedToday.put(key, used + counted);
        return p.points() > 0 ? counted : -counted;
    }

    /** The share of the points left after {@code age}: 1 without a half-life, ½ after one half-life. */
    static double decay(Integer halfLifeDays, Instant occurredAt, Instant now) {
        if (halfLifeDays == null || halfLifeDays <= 0 || !now.isAfter(occurredAt)) {
            return 1d;
        }
        double ageDays = Duration.between(occurredAt, now).toSeconds() / SECONDS_PER_DAY;
        return Math.pow(0.5, ageDays / halfLifeDays);
    }

    private static String label(String rule, Group g) {
        String label = g.count == 1 ? rule : rule + " ×" + g.count;
        return g.capped ? label + " (daily cap reached)" : label;
    }

    private static final class Group {
        int count;
        boolean capped;
        double points;
    }
}
