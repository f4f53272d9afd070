package org.leadhandoff.dashboard;

import static org.leadhandoff.support.Db.ts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SLA figures straight from every raw clock in SQL, as {@link SlaFigures} computed them before
 * the daily rollup: the oracle the rollup must agree with.
 */
final class RawSlaFigures {

    private static final String MET = SlaFigures.MET;
    private static final String BREACHED = SlaFigures.BREACHED;
    private static final String MINUTES = "((extract(epoch from c.stopped_at) - extract(epoch from c.started_at)) / 60.0)";
    private static final String DECIDED_ACCEPT = "c.kind = 'ACCEPT' and c.stopped_at is not null";

    private final JdbcClient jdbc;
    private final Clock clock;

    RawSlaFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public SlaSummary summary(ReportPeriod period, List<SlaFigures.TeamZone> teams) {
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
        return new SlaSummary(period.from(), period.to(), teams.stream().map(SlaFigures.TeamZone::team).toList(),
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


    private PeriodScope scope(ReportPeriod period, List<SlaFigures.TeamZone> teams) {
        return PeriodScope.of(period, teams, "c.started_at", "c.team").with("now", ts(clock.instant()));
    }

    /** Accept clocks per local day, counted per clock in Java from every raw row. */
    Map<LocalDate, long[]> acceptDays(ReportPeriod period, List<SlaFigures.TeamZone> teams) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            days.put(d, new long[3]);
        }
        for (SlaFigures.TeamZone t : teams) {
            jdbc.sql("""
                    select c.started_at, case when %s then 1 else 0 end as met, case when %s then 1 else 0 end as breached
                      from sla_clocks c where c.kind = 'ACCEPT' and c.team = :team and c.started_at >= :from and c.started_at < :to"""
                    .formatted(SlaFigures.MET, SlaFigures.BREACHED))
                    .param("team", t.team()).param("now", ts(clock.instant()))
                    .param("from", ts(period.startIn(t.zone()))).param("to", ts(period.endIn(t.zone())))
                    .query((ResultSet rs) -> {
                        long[] day = days.get(org.leadhandoff.support.Db.instant(rs, "started_at").atZone(t.zone()).toLocalDate());
                        day[0]++;
                        day[1] += rs.getLong("met");
                        day[2] += rs.getLong("breached");
                    });
        }
        return days;
    }

    private static Double ratio(long met, long breached) {
        return SlaFigures.ratio(met, breached);
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
}
