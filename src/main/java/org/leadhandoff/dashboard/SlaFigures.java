package org.leadhandoff.dashboard;

import static org.leadhandoff.support.Db.ts;


import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes SLA figures from the recorded clocks ({@code sla_clocks}), never from the engine: ended
 * clocks from their daily rollup ({@link SlaRollup}, one row per team, day, rep and kind, so a year
 * costs a few thousand rows), running and just-ended ones live from {@code sla_clocks}. Counts are
 * exact; median and p90 minutes to accept come from per-day histograms (see {@link MinutesHistogram}
 * for their precision).
 *
 * <p>Follow-up compliance is about first contact: later call attempts ({@code attempt > 1}) run on
 * their own window and count in breaches only.
 *
 * <p>A clock is <em>met</em> when it was stopped before its due time, <em>breached</em> when its due
 * time came first (before it stopped, ended or now); a clock ended unanswered before its due time
 * (the handoff moved on) or still running and not yet due counts in neither.
 */
@Service
public class SlaFigures {

    static final String MET = "(c.stopped_at is not null and c.stopped_at < c.due_at)";
    static final String BREACHED = "(c.breached_at is not null or ((c.stopped_at is null or c.stopped_at >= c.due_at)"
            + " and c.due_at <= coalesce(c.stopped_at, c.ended_at, :now)))";

    private final JdbcClient jdbc;
    private final Clock clock;
    private boolean postgres;

    public SlaFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether the database is PostgreSQL (see {@link #customPlans}); set by Spring, or by tests and benchmarks. */
    @Autowired
    void database(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /**
     * Plans the live-clock reads for their actual period on PostgreSQL. After five executions the
     * JDBC driver prepares a statement on the server, and PostgreSQL may then keep a generic plan
     * that does not know the period: the 365-day reads of running clocks took ~200 ms instead of
     * ~10–40 ms with a plan made for their values (1 M handoffs, target/bench/dashboard.md).
     * {@code set local} lasts to the end of the caller's read transaction.
     */
    private void customPlans() {
        if (postgres) {
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        }
    }

    /** A team and the time zone its days are counted in. */
    public record TeamZone(String team, ZoneId zone) {
    }

    /** Every team with its time zone, in id order. */
    @Transactional(readOnly = true)
    public List<TeamZone> teams() {
        return jdbc.sql("select id, time_zone from teams order by id")
                .query((rs, n) -> new TeamZone(rs.getString("id"), ZoneId.of(rs.getString("time_zone")))).list();
    }

    /**
     * The contract's figures for the period. Finished clocks come from the daily rollup
     * ({@link SlaRollup}), the rest (running, just ended, or of a team whose rollup is not built
     * for its current time zone) from {@code sla_clocks}; one snapshot, so nothing is counted twice.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public SlaSummary summary(ReportPeriod period, List<TeamZone> teams) {
        if (teams.isEmpty()) {
            return new SlaSummary(period.from(), period.to(), List.of(), 0, 0, 0, null, null, 0, null, null, List.of());
        }
        Instant now = clock.instant();
        Split split = split(teams);
        Tally t = new Tally();
        if (!split.rolled().isEmpty()) {
            Map<String, Object> days = days(period, split.rolled());
            jdbc.sql("""
                    select r.assignee, r.kind, r.later_attempt, sum(r.clocks) as clocks, sum(r.met) as met,
                           sum(r.breached) as breached, sum(r.handoffs) as handoffs, sum(r.accepted) as accepted,
                           sum(r.accepted_in_time) as accepted_in_time, sum(r.rep_handoffs) as rep_handoffs,
                           sum(r.rep_accepted) as rep_accepted
                      from sla_daily_rollup r
                     where r.team in (:teams) and r.local_day >= :first and r.local_day <= :last
                     group by r.assignee, r.kind, r.later_attempt""")
                    .params(days)
                    .query((ResultSet rs) -> {
                        t.add(rs.getString("assignee"), rs.getString("kind"), rs.getBoolean("later_attempt"),
                                rs.getLong("met"), rs.getLong("breached"), rs.getLong("handoffs"),
                                rs.getLong("accepted"), rs.getLong("accepted_in_time"), rs.getLong("rep_handoffs"),
                                rs.getLong("rep_accepted"));
                    });
            // whole months from the monthly histograms, the partial months at the edges day by day
            Map<String, Object> edges = new HashMap<>(days);
            edges.putAll(period.monthEdges());
            jdbc.sql("""
                    select m.assignee, m.bucket, sum(m.n) as n, min(m.min_minutes) as lo, max(m.max_minutes) as hi
                      from sla_daily_accept_minutes m
                     where m.team in (:teams) and m.local_day >= :first and m.local_day <= :last
                       and (m.local_day < :monthsFrom or m.local_day >= :monthsTo)
                     group by m.assignee, m.bucket
                    union all
                    select m.assignee, m.bucket, sum(m.n) as n, min(m.min_minutes) as lo, max(m.max_minutes) as hi
                      from sla_monthly_accept_minutes m
                     where m.team in (:teams) and m.month_start >= :monthsFrom and m.month_start <= :lastMonth
                     group by m.assignee, m.bucket""")
                    .params(edges)
                    .query((ResultSet rs) -> {
                        t.addMinutes(rs.getString("assignee"), rs.getInt("bucket"),
                                new MinutesHistogram.Bucket(rs.getLong("n"), rs.getDouble("lo"), rs.getDouble("hi")));
                    });
            t.repeats.addAll(jdbc.sql("""
                    select distinct p.handoff_id from sla_rollup_repeats p
                     where p.team in (:teams) and p.local_day >= :first and p.local_day <= :last""")
                    .params(days).query(String.class).list());
        }
        List<ClockFacts> live = live(period, split);
        Map<String, List<ClockFacts>> history = acceptClocksOf(new TreeSet<>(live.stream()
                .filter(ClockFacts::accept).map(ClockFacts::handoffId).toList()));
        for (ClockFacts c : live) {
            ClockFacts.Firsts f = c.firsts(history.getOrDefault(c.handoffId(), List.of()));
            t.add(c.assignee(), c.kind(), c.laterAttempt(), c.met() ? 1 : 0, c.breached(now) ? 1 : 0,
                    f.handoff() ? 1 : 0, f.accepted() ? 1 : 0, f.acceptedInTime() ? 1 : 0, f.repHandoff() ? 1 : 0,
                    f.repAccepted() ? 1 : 0);
            Double m = c.minutesToAccept();
            if (m != null) {
                t.addMinutes(c.assignee(), MinutesHistogram.bucket(m), new MinutesHistogram.Bucket(1, m, m));
            }
            if (c.accept() && !f.handoff()) {
                t.repeats.add(c.handoffId());
            }
        }
        Set<String> missing = new TreeSet<>(t.repeats);
        missing.removeAll(history.keySet());
        history.putAll(acceptClocksOf(missing));
        for (String handoff : t.repeats) {
            t.correct(history.getOrDefault(handoff, List.of()), c -> inPeriod(c, period, teams));
        }
        return new SlaSummary(period.from(), period.to(), teams.stream().map(TeamZone::team).toList(),
                t.handoffs, t.accepted, t.acceptedInTime, ratio(t.acceptMet, t.acceptBreached),
                ratio(t.followUpMet, t.followUpBreached), t.breaches, minutes(t.all.percentile(0.5)),
                minutes(t.all.percentile(0.9)), t.byRep());
    }

    /** The outcomes by which a rep declines a lead: the funnel's reject reasons. */
    static final List<String> REJECTIONS = List.of("NOT_A_FIT", "WRONG_TERRITORY", "NOT_READY", "DUPLICATE");

    /** Accept clocks of the period that a rep declined, per outcome: from the rollup and the live clocks. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Map<String, Long> rejections(ReportPeriod period, List<TeamZone> teams) {
        Map<String, Long> counts = new HashMap<>();
        if (teams.isEmpty()) {
            return counts;
        }
        Split split = split(teams);
        if (!split.rolled().isEmpty()) {
            jdbc.sql("""
                    select r.outcome, sum(r.n) as n from sla_daily_rejections r
                     where r.team in (:teams) and r.local_day >= :first and r.local_day <= :last
                     group by r.outcome""")
                    .params(days(period, split.rolled()))
                    .query((ResultSet rs) -> {
                        counts.merge(rs.getString("outcome"), rs.getLong("n"), Long::sum);
                    });
        }
        for (ClockFacts c : live(period, split)) {
            if (c.accept() && c.outcome() != null && REJECTIONS.contains(c.outcome())) {
                counts.merge(c.outcome(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Accept clocks per local day of the period: started, met, breached (the dashboard's trend). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Map<LocalDate, long[]> acceptDays(ReportPeriod period, List<TeamZone> teams) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            days.put(d, new long[3]);
        }
        if (teams.isEmpty()) {
            return days;
        }
        Split split = split(teams);
        if (!split.rolled().isEmpty()) {
            jdbc.sql("""
                    select r.local_day, sum(r.clocks) as n, sum(r.met) as met, sum(r.breached) as breached
                      from sla_daily_rollup r
                     where r.kind = 'ACCEPT' and r.team in (:teams) and r.local_day >= :first and r.local_day <= :last
                     group by r.local_day""")
                    .params(days(period, split.rolled()))
                    .query((ResultSet rs) -> {
                        long[] day = days.get(rs.getObject("local_day", LocalDate.class));
                        if (day != null) {
                            day[0] += rs.getLong("n");
                            day[1] += rs.getLong("met");
                            day[2] += rs.getLong("breached");
                        }
                    });
        }
        Instant now = clock.instant();
        Map<String, ZoneId> zones = new HashMap<>();
        teams.forEach(t -> zones.put(t.team(), t.zone()));
        for (ClockFacts c : live(period, split)) {
            long[] day = c.accept() ? days.get(c.startedAt().atZone(zones.get(c.team())).toLocalDate()) : null;
            if (day != null) {
                day[0]++;
                day[1] += c.met() ? 1 : 0;
                day[2] += c.breached(now) ? 1 : 0;
            }
        }
        return days;
    }

    /** Teams whose rollup is built in their current time zone, and the others (read from the raw clocks). */
    private record Split(List<TeamZone> rolled, List<TeamZone> raw) {
    }

    private Split split(List<TeamZone> teams) {
        Map<String, String> rolledZones = new HashMap<>();
        jdbc.sql("select team, time_zone from sla_rollup_teams").query((ResultSet rs) -> {
            rolledZones.put(rs.getString("team"), rs.getString("time_zone"));
        });
        List<TeamZone> rolled = new ArrayList<>();
        List<TeamZone> raw = new ArrayList<>();
        for (TeamZone t : teams) {
            (t.zone().getId().equals(rolledZones.get(t.team())) ? rolled : raw).add(t);
        }
        return new Split(rolled, raw);
    }

    private static Map<String, Object> days(ReportPeriod period, List<TeamZone> teams) {
        return Map.of("teams", teams.stream().map(TeamZone::team).toList(), "first", period.from(),
                "last", period.to());
    }

    /** The clocks the rollup does not hold: running or queued ones of rolled teams, every one of the others. */
    private List<ClockFacts> live(ReportPeriod period, Split split) {
        customPlans();
        List<ClockFacts> live = new ArrayList<>();
        if (!split.rolled().isEmpty()) {
            PeriodScope scope = PeriodScope.of(period, split.rolled(), "c.started_at", "c.team");
            jdbc.sql("""
                    select %1$s from sla_clocks c where c.ended_at is null and %2$s
                    union all
                    select %1$s from sla_rollup_queue q join sla_clocks c on c.id = q.clock_id
                     where c.ended_at is not null and %2$s""".formatted(ClockFacts.COLUMNS, scope.where()))
                    .params(scope.params())
                    .query((ResultSet rs) -> {
                        live.add(ClockFacts.of(rs));
                    });
        }
        if (!split.raw().isEmpty()) {
            PeriodScope scope = PeriodScope.of(period, split.raw(), "c.started_at", "c.team");
            jdbc.sql("select %s from sla_clocks c where %s".formatted(ClockFacts.COLUMNS, scope.where()))
                    .params(scope.params())
                    .query((ResultSet rs) -> {
                        live.add(ClockFacts.of(rs));
                    });
        }
        return live;
    }

    private Map<String, List<ClockFacts>> acceptClocksOf(Set<String> handoffs) {
        Map<String, List<ClockFacts>> byHandoff = new HashMap<>();
        for (List<String> part : SlaRollup.chunks(new ArrayList<>(handoffs))) {
            jdbc.sql("select " + ClockFacts.COLUMNS + " from sla_clocks c where c.kind = 'ACCEPT'"
                    + " and c.handoff_id in (:ids) order by c.id")
                    .param("ids", part)
                    .query((ResultSet rs) -> {
                        ClockFacts c = ClockFacts.of(rs);
                        byHandoff.computeIfAbsent(c.handoffId(), k -> new ArrayList<>()).add(c);
                    });
        }
        return byHandoff;
    }

    private static boolean inPeriod(ClockFacts c, ReportPeriod period, List<TeamZone> teams) {
        for (TeamZone t : teams) {
            if (t.team().equals(c.team())) {
                return !c.startedAt().isBefore(period.startIn(t.zone())) && c.startedAt().isBefore(period.endIn(t.zone()));
            }
        }
        return false;
    }

    /** The figures being added up: from rollup rows, live clocks, and the corrections of repeated handoffs. */
    private static final class Tally {
        long handoffs;
        long accepted;
        long acceptedInTime;
        long acceptMet;
        long acceptBreached;
        long followUpMet;
        long followUpBreached;
        long breaches;
        final MinutesHistogram all = new MinutesHistogram();
        final Map<String, Rep> reps = new TreeMap<>();
        final Set<String> repeats = new TreeSet<>();

        static final class Rep {
            long handoffs;
            long accepted;
            long breaches;
            long acceptMet;
            long acceptBreached;
            final MinutesHistogram minutes = new MinutesHistogram();
        }

        void add(String assignee, String kind, boolean laterAttempt, long met, long breached, long firstOfHandoff,
                long firstAccepted, long firstInTime, long firstOfRep, long firstAcceptedOfRep) {
            boolean accept = "ACCEPT".equals(kind);
            if (accept) {
                acceptMet += met;
                acceptBreached += breached;
                handoffs += firstOfHandoff;
                accepted += firstAccepted;
                acceptedInTime += firstInTime;
            } else if ("FOLLOW_UP".equals(kind) && !laterAttempt) {
                followUpMet += met;
                followUpBreached += breached;
            }
            breaches += breached;
            Rep rep = rep(assignee, kind);
            if (rep != null) {
                rep.breaches += breached;
                if (accept) {
                    rep.handoffs += firstOfRep;
                    rep.accepted += firstAcceptedOfRep;
                    rep.acceptMet += met;
                    rep.acceptBreached += breached;
                }
            }
        }

        void addMinutes(String assignee, int bucket, MinutesHistogram.Bucket b) {
            all.add(bucket, b);
            Rep rep = rep(assignee, "ACCEPT");
            if (rep != null) {
                rep.minutes.add(bucket, b);
            }
        }

        private Rep rep(String assignee, String kind) {
            if (assignee == null || assignee.isEmpty() || !("ACCEPT".equals(kind) || "FOLLOW_UP".equals(kind))) {
                return null;
            }
            return reps.computeIfAbsent(assignee, a -> new Rep());
        }

        /**
         * A handoff with several accept clocks: the rows above counted each distinct figure on its
         * first clock; where that first clock lies outside the period but a later one inside, add it.
         */
        void correct(List<ClockFacts> clocks, java.util.function.Predicate<ClockFacts> inPeriod) {
            handoffs += correction(clocks, c -> true, inPeriod);
            accepted += correction(clocks, ClockFacts::accepted, inPeriod);
            acceptedInTime += correction(clocks, c -> c.accepted() && c.met(), inPeriod);
            for (String r : new TreeSet<>(clocks.stream().map(ClockFacts::assignee)
                    .filter(java.util.Objects::nonNull).toList())) {
                long h = correction(clocks, c -> r.equals(c.assignee()), inPeriod);
                long a = correction(clocks, c -> r.equals(c.assignee()) && c.accepted(), inPeriod);
                if (h != 0 || a != 0) {
                    Rep rep = rep(r, "ACCEPT");
                    rep.handoffs += h;
                    rep.accepted += a;
                }
            }
        }

        /** 1 when a clock with the property is in the period but the first one (by id) is not. */
        private static long correction(List<ClockFacts> clocks, java.util.function.Predicate<ClockFacts> property,
                java.util.function.Predicate<ClockFacts> inPeriod) {
            List<ClockFacts> with = clocks.stream().filter(property).toList();
            if (with.isEmpty() || inPeriod.test(with.get(0))) {
                return 0;
            }
            return with.stream().anyMatch(inPeriod) ? 1 : 0;
        }

        List<SlaSummary.RepFigures> byRep() {
            List<SlaSummary.RepFigures> out = new ArrayList<>();
            reps.forEach((name, r) -> out.add(new SlaSummary.RepFigures(name, r.handoffs, r.accepted, r.breaches,
                    ratio(r.acceptMet, r.acceptBreached), minutes(r.minutes.percentile(0.5)))));
            return out;
        }
    }

    /** One recorded clock, as the CSV export lists it. */
    public record ClockRow(long id, String leadId, String handoffId, String kind, String team, String assignee,
            String priority, Instant startedAt, Instant dueAt, Instant stoppedAt, String stoppedBy, Instant breachedAt,
            Instant endedAt, String outcome, String result) {
    }

    /** Every clock that started in the period, oldest first, with its result: MET, BREACHED or OPEN. */
    @Transactional(readOnly = true)
    public void clocks(ReportPeriod period, List<TeamZone> teams, java.util.function.Consumer<ClockRow> each) {
        if (teams.isEmpty()) {
            return;
        }
        PeriodScope scope = scope(period, teams);
        jdbc.sql("""
                select c.*, case when %1$s then 'MET' when %2$s then 'BREACHED' else 'OPEN' end as result
                  from sla_clocks c where %3$s order by c.started_at, c.id""".formatted(MET, BREACHED, scope.where()))
                .params(scope.params())
                .query((ResultSet rs) -> each.accept(new ClockRow(rs.getLong("id"), rs.getString("lead_id"),
                        rs.getString("handoff_id"), rs.getString("kind"), rs.getString("team"), rs.getString("assignee"),
                        rs.getString("priority"), at(rs, "started_at"), at(rs, "due_at"), at(rs, "stopped_at"),
                        rs.getString("stopped_by"), at(rs, "breached_at"), at(rs, "ended_at"), rs.getString("outcome"),
                        rs.getString("result"))));
    }

    /** The clocks of these teams that started in the period; {@code :now} decides clocks still running. */
    private PeriodScope scope(ReportPeriod period, List<TeamZone> teams) {
        return PeriodScope.of(period, teams, "c.started_at", "c.team").with("now", ts(clock.instant()));
    }

    static Double ratio(long met, long breached) {
        return met + breached == 0 ? null : round((double) met / (met + breached), 4);
    }

    private static Double minutes(Object value) {
        return value == null ? null : round(((Number) value).doubleValue(), 1);
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant at(ResultSet rs, String column) throws SQLException {
        return org.leadhandoff.support.Db.instant(rs, column);
    }
}
