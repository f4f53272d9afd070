package org.leadhandoff.dashboard;

import static org.leadhandoff.support.Db.ts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes SLA figures from the recorded clocks ({@code sla_clocks}), never from the engine. The
 * database does the counting and the percentiles, so a year of history costs one pass over an
 * index range per team.
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
    private static final String MINUTES = "((extract(epoch from c.stopped_at) - extract(epoch from c.started_at)) / 60.0)";
    private static final String DECIDED_ACCEPT = "c.kind = 'ACCEPT' and c.stopped_at is not null";

    private final JdbcClient jdbc;
    private final Clock clock;

    public SlaFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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

    @Transactional(readOnly = true)
    public SlaSummary summary(ReportPeriod period, List<TeamZone> teams) {
        if (teams.isEmpty()) {
            return new SlaSummary(period.from(), period.to(), List.of(), 0, 0, 0, null, null, 0, null, null, List.of());
        }
        PeriodScope scope = scope(period, teams);
        Map<String, Object> totals = jdbc.sql("""
                select count(distinct case when c.kind = 'ACCEPT' then c.handoff_id end) as handoffs,
                       count(distinct case when c.kind = 'ACCEPT' and c.outcome = 'ACCEPTED' then c.handoff_id end) as accepted,
                       count(distinct case when c.kind = 'ACCEPT' and c.outcome = 'ACCEPTED' and %1$s
                                           then c.handoff_id end) as accepted_in_time,
                       sum(case when c.kind = 'ACCEPT' and %1$s then 1 else 0 end) as accept_met,
                       sum(case when c.kind = 'ACCEPT' and %2$s then 1 else 0 end) as accept_breached,
                       sum(case when c.kind = 'FOLLOW_UP' and coalesce(c.attempt, 1) = 1 and %1$s then 1 else 0 end)
                           as follow_up_met,
                       sum(case when c.kind = 'FOLLOW_UP' and coalesce(c.attempt, 1) = 1 and %2$s then 1 else 0 end)
                           as follow_up_breached,
                       sum(case when %2$s then 1 else 0 end) as breaches
                  from sla_clocks c where %3$s""".formatted(MET, BREACHED, scope.where()))
                .params(scope.params()).query().singleRow();
        Map<String, Object> speed = jdbc.sql("""
                select percentile_cont(0.5) within group (order by %1$s) as median,
                       percentile_cont(0.9) within group (order by %1$s) as p90
                  from sla_clocks c where %2$s and (%3$s)""".formatted(MINUTES, DECIDED_ACCEPT, scope.where()))
                .params(scope.params()).query().singleRow();
        long met = number(totals.get("accept_met"));
        long breached = number(totals.get("accept_breached"));
        return new SlaSummary(period.from(), period.to(), teams.stream().map(TeamZone::team).toList(),
                number(totals.get("handoffs")), number(totals.get("accepted")), number(totals.get("accepted_in_time")),
                ratio(met, breached), ratio(number(totals.get("follow_up_met")), number(totals.get("follow_up_breached"))),
                number(totals.get("breaches")), minutes(speed.get("median")), minutes(speed.get("p90")),
                byRep(scope));
    }

    private List<SlaSummary.RepFigures> byRep(PeriodScope scope) {
        Map<String, SlaSummary.RepFigures> reps = new LinkedHashMap<>();
        jdbc.sql("""
                select c.assignee,
                       count(distinct case when c.kind = 'ACCEPT' then c.handoff_id end) as handoffs,
                       count(distinct case when c.kind = 'ACCEPT' and c.outcome = 'ACCEPTED' then c.handoff_id end) as accepted,
                       sum(case when %2$s then 1 else 0 end) as breaches,
                       sum(case when c.kind = 'ACCEPT' and %1$s then 1 else 0 end) as accept_met,
                       sum(case when c.kind = 'ACCEPT' and %2$s then 1 else 0 end) as accept_breached
                  from sla_clocks c
                 where c.kind in ('ACCEPT', 'FOLLOW_UP') and c.assignee is not null and (%3$s)
                 group by c.assignee order by c.assignee""".formatted(MET, BREACHED, scope.where()))
                .params(scope.params())
                .query((ResultSet rs) -> {
                    String rep = rs.getString("assignee");
                    reps.put(rep, new SlaSummary.RepFigures(rep, rs.getLong("handoffs"), rs.getLong("accepted"),
                            rs.getLong("breaches"), ratio(rs.getLong("accept_met"), rs.getLong("accept_breached")), null));
                });
        jdbc.sql("""
                select c.assignee, percentile_cont(0.5) within group (order by %1$s) as median
                  from sla_clocks c where %2$s and c.assignee is not null and (%3$s)
                 group by c.assignee""".formatted(MINUTES, DECIDED_ACCEPT, scope.where()))
                .params(scope.params())
                .query((ResultSet rs) -> {
                    SlaSummary.RepFigures r = reps.get(rs.getString("assignee"));
                    if (r != null) {
                        reps.put(r.rep(), new SlaSummary.RepFigures(r.rep(), r.handoffs(), r.accepted(), r.breaches(),
                                r.acceptCompliance(), minutes(rs.getObject("median"))));
                    }
                });
        return List.copyOf(reps.values());
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
