package org.leadhandoff.dashboard;

import static org.leadhandoff.support.Db.instant;
import static org.leadhandoff.support.Db.ts;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the dashboard shows beyond the contract's summary: open handoffs, leads at risk right now,
 * the funnel with its reasons, time in stage and the daily trend. Read from our own tables.
 */
@Service
class Dashboard {

    /** Clocks due within this window count as at risk. */
    static final Duration AT_RISK = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SlaFigures figures;
    private final SlaRollup rollup;

    Dashboard(JdbcClient jdbc, Clock clock, SlaFigures figures, SlaRollup rollup) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.figures = figures;
        this.rollup = rollup;
    }

    /** A clock running now that is due within the hour or already breached, with its lead. */
    public record AtRisk(String leadId, String leadName, String company, String kind, String assignee, String team,
            Instant startedAt, Instant dueAt, boolean breached) {
    }

    /** Leads that reached each stage in the period, and the reasons they left. */
    public record Funnel(long mql, long sal, long sql, Double salRate, Double sqlRate, List<Reason> reasons) {
    }

    /** How often a reason was given: rejected by a rep, recycled or disqualified. */
    public record Reason(String kind, String reason, long count) {
    }

    /** The median time a lead spends in a stage before it moves on. */
    public record StageTime(String stage, Double medianHours, long leads) {
    }

    /** One day of the trend: accept clocks started, met and breached. */
    public record Day(LocalDate day, long handoffs, long met, long breached) {

        public Double compliance() {
            return SlaFigures.ratio(met, breached);
        }
    }

    @Transactional(readOnly = true)
    long openHandoffs(List<String> teams) {
        if (teams.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select count(*) from leads where stage in ('MQL', 'SAL') and team in (:teams)")
                .param("teams", teams).query(Long.class).single();
    }

    /**
     * Open clocks due within the hour or past due, and every lead in escalation (its rep's clock
     * breached, whatever the manager's own deadline), the most urgent first.
     */
    @Transactional(readOnly = true)
    List<AtRisk> atRisk(List<String> teams) {
        if (teams.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                select c.lead_id, l.first_name, l.last_name, l.email, l.company, c.kind, c.assignee, c.team,
                       c.started_at, c.due_at, c.breached_at
                  from sla_clocks c join leads l on l.id = c.lead_id
                 where c.ended_at is null and c.team in (:teams) and (c.due_at <= :soon or c.kind = 'ESCALATION')
                 order by c.due_at, c.id""")
                .param("teams", teams).param("soon", ts(now.plus(AT_RISK)))
                .query((rs, n) -> {
                    Instant due = instant(rs, "due_at");
                    return new AtRisk(rs.getString("lead_id"), name(rs), rs.getString("company"), rs.getString("kind"),
                            rs.getString("assignee"), rs.getString("team"), instant(rs, "started_at"), due,
                            rs.getObject("breached_at") != null || !now.isBefore(due)
                                    || "ESCALATION".equals(rs.getString("kind")));
                })
                .list();
    }

    /**
     * Distinct leads that entered MQL, SAL and SQL in the period (a lead counts once per stage however
     * often it entered it), and the reasons given, from the stage rollup ({@link StageRollup}) and
     * the changes still queued for it (a team whose rollup is not built yet is read from its changes),
     * and the reject reasons from the SLA rollup ({@link SlaFigures#rejections}).
     */
    // one snapshot: a catch-up committing between the rollup's rows and the queue counts nothing twice
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Funnel funnel(ReportPeriod period, List<SlaFigures.TeamZone> teams) {
        if (teams.isEmpty()) {
            return new Funnel(0, 0, 0, null, null, List.of());
        }
        Stages s = stages(period, teams, false);
        Map<String, long[]> firsts = new HashMap<>();
        Map<List<String>, Long> reasonCounts = new HashMap<>();
        if (!s.built.isEmpty()) {
            jdbc.sql("""
                    select e.stage, e.reason, sum(e.entries) as entries, sum(e.firsts) as firsts
                      from stage_daily_entries e
                     where e.team in (:teams) and e.local_day >= :first and e.local_day <= :last
                       and e.stage in ('MQL', 'SAL', 'SQL', 'RECYCLED', 'DISQUALIFIED')
                     group by e.stage, e.reason""")
                    .param("teams", s.builtIds()).param("first", period.from()).param("last", period.to())
                    .query((ResultSet rs) -> {
                        count(firsts, reasonCounts, rs.getString("stage"), rs.getString("reason"),
                                rs.getLong("entries"), rs.getLong("firsts"));
                    });
        }
        s.live.entries.forEach((k, v) -> {
            LocalDate day = (LocalDate) k.get(1);
            if (!day.isBefore(period.from()) && !day.isAfter(period.to())) {
                count(firsts, reasonCounts, (String) k.get(2), (String) k.get(3), v[0], v[1]);
            }
        });
        // leads that entered a stage again in the period but first entered it before (or after) it
        java.util.Set<List<String>> again = new java.util.HashSet<>();
        if (!s.built.isEmpty()) {
            PeriodScope at = PeriodScope.of(period, s.built, "r.at", "r.team");
            List<String> outside = new ArrayList<>();
            for (int i = 0; i < s.built.size(); i++) {
                outside.add("(r.team = :team%1$d and (r.first_at < :from%1$d or r.first_at >= :to%1$d))".formatted(i));
            }
            again.addAll(jdbc.sql("select distinct r.stage, r.lead_id from stage_rollup_repeats r where %s and (%s)"
                    .formatted(at.where(), String.join(" or ", outside)))
                    .params(at.params()).query((rs, n) -> List.of(rs.getString("stage"), rs.getString("lead_id")))
                    .list());
        }
        Map<String, ZoneId> zones = zones(teams);
        for (StageRollup.Repeat r : s.live.repeats) {
            ZoneId zone = zones.get(r.team());
            if (in(r.at(), period, zone) && !in(r.firstAt(), period, zone)) {
                again.add(List.of(r.stage(), r.leadId()));
            }
        }
        again.forEach(k -> firsts.computeIfAbsent(k.get(0), x -> new long[1])[0]++);
        long mql = firsts.getOrDefault("MQL", new long[1])[0];
        long sal = firsts.getOrDefault("SAL", new long[1])[0];
        long sql = firsts.getOrDefault("SQL", new long[1])[0];
        List<Reason> reasons = new ArrayList<>();
        reasonCounts.forEach((k, n) -> reasons.add(new Reason(k.get(0), k.get(1), n)));
        reasons.sort(Comparator.comparingLong(Reason::count).reversed().thenComparing(Reason::reason));
        List<Reason> rejected = new ArrayList<>();
        figures.rejections(period, teams).forEach((outcome, n) -> rejected.add(new Reason("REJECTED", outcome, n)));
        rejected.sort(Comparator.comparingLong(Reason::count).reversed().thenComparing(Reason::reason));
        reasons.addAll(rejected);
        return new Funnel(mql, sal, sql, rate(sal, mql), rate(sql, sal), reasons);
    }

    /**
     * Median hours from entering MQL or SAL to the lead's next stage change, for stages entered in the
     * period, from the stage rollup's histograms (within 2 %, see {@link MinutesHistogram}) and the
     * changes still queued.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    List<StageTime> timeInStage(ReportPeriod period, List<SlaFigures.TeamZone> teams) {
        if (teams.isEmpty()) {
            return List.of();
        }
        Stages s = stages(period, teams, true);
        Map<String, MinutesHistogram> byStage = new TreeMap<>();
        if (!s.built.isEmpty()) {
            // whole months from the monthly histograms, the partial months at the edges day by day
            jdbc.sql("""
                    select m.stage, m.bucket, sum(m.n) as n, min(m.min_minutes) as lo, max(m.max_minutes) as hi
                      from stage_daily_minutes m
                     where m.team in (:teams) and m.local_day >= :first and m.local_day <= :last
                       and (m.local_day < :monthsFrom or m.local_day >= :monthsTo)
                     group by m.stage, m.bucket
                    union all
                    select m.stage, m.bucket, sum(m.n) as n, min(m.min_minutes) as lo, max(m.max_minutes) as hi
                      from stage_monthly_minutes m
                     where m.team in (:teams) and m.month_start >= :monthsFrom and m.month_start <= :lastMonth
                     group by m.stage, m.bucket""")
                    .param("teams", s.builtIds()).param("first", period.from()).param("last", period.to())
                    .params(period.monthEdges())
                    .query((ResultSet rs) -> {
                        byStage.computeIfAbsent(rs.getString("stage"), k -> new MinutesHistogram()).add(
                                rs.getInt("bucket"),
                                new MinutesHistogram.Bucket(rs.getLong("n"), rs.getDouble("lo"), rs.getDouble("hi")));
                    });
        }
        Map<String, ZoneId> zones = zones(teams);
        for (StageRollup.Timed t : s.live.timed) {
            if (in(t.began(), period, zones.get(t.team()))) {
                byStage.computeIfAbsent(t.stage(), k -> new MinutesHistogram()).add(t.minutes());
            }
        }
        List<StageTime> result = new ArrayList<>();
        byStage.forEach((stage, h) -> {
            if (!h.isEmpty()) {
                result.add(new StageTime(stage, Math.round(h.percentile(0.5) / 60 * 10) / 10.0, h.count()));
            }
        });
        return result;
    }

    /** The teams whose stage rollup is built, and what the others' changes and the queued ones add. */
    private record Stages(List<SlaFigures.TeamZone> built, StageRollup.Contribution live) {
        List<String> builtIds() {
            return built.stream().map(SlaFigures.TeamZone::team).toList();
        }
    }

    private Stages stages(ReportPeriod period, List<SlaFigures.TeamZone> teams, boolean timed) {
        StageRollup stages = rollup.stages();
        Map<String, ZoneId> built = stages.builtTeams();
        List<SlaFigures.TeamZone> rolled = teams.stream().filter(t -> t.zone().equals(built.get(t.team()))).toList();
        List<StageRollup.Change> changes = new ArrayList<>(stages.pending(rolled.stream()
                .map(SlaFigures.TeamZone::team).toList()));
        for (SlaFigures.TeamZone t : teams) {
            if (!rolled.contains(t)) {
                // the stage that ends a change lies later, so the changes from the period's start suffice
                changes.addAll(stages.changesSince(t.team(), period.startIn(t.zone())));
            }
        }
        return new Stages(rolled, stages.contribution(changes, zones(teams)));
    }

    private static Map<String, ZoneId> zones(List<SlaFigures.TeamZone> teams) {
        Map<String, ZoneId> zones = new HashMap<>();
        teams.forEach(t -> zones.put(t.team(), t.zone()));
        return zones;
    }

    private static boolean in(Instant at, ReportPeriod period, ZoneId zone) {
        return zone != null && !at.isBefore(period.startIn(zone)) && at.isBefore(period.endIn(zone));
    }

    private static void count(Map<String, long[]> firsts, Map<List<String>, Long> reasons, String stage, String reason,
            long entries, long first) {
        if (StageRollup.FUNNEL.contains(stage)) {
            firsts.computeIfAbsent(stage, k -> new long[1])[0] += first;
        } else if (("RECYCLED".equals(stage) || "DISQUALIFIED".equals(stage)) && reason != null && !reason.isEmpty()) {
            reasons.merge(List.of(stage, reason), entries, Long::sum);
        }
    }

    /** Accept clocks per day of the period in each team's time zone, from the daily rollup and the live clocks. */
    List<Day> daily(ReportPeriod period, List<SlaFigures.TeamZone> teams) {
        List<Day> result = new ArrayList<>();
        figures.acceptDays(period, teams).forEach((d, v) -> result.add(new Day(d, v[0], v[1], v[2])));
        return result;
    }

    private static String name(ResultSet rs) throws java.sql.SQLException {
        String first = rs.getString("first_name");
        String last = rs.getString("last_name");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return name.isEmpty() ? rs.getString("email") : name;
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

}
