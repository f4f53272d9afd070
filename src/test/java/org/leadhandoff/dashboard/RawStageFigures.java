package org.leadhandoff.dashboard;

import static org.leadhandoff.support.Db.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The funnel and time in stage straight from every raw row of {@code lead_stage_history} in SQL,
 * as {@link Dashboard} computed them before the stage rollup: the oracle the rollup must agree with.
 */
final class RawStageFigures {

    private final JdbcClient jdbc;

    RawStageFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Dashboard.Funnel funnel(ReportPeriod period, List<SlaFigures.TeamZone> teams) {
        if (teams.isEmpty()) {
            return new Dashboard.Funnel(0, 0, 0, null, null, List.of());
        }
        PeriodScope scope = PeriodScope.of(period, teams, "h.at", "l.team");
        Map<String, Object> stages = jdbc.sql("""
                select count(distinct case when h.stage = 'MQL' then h.lead_id end) as mql,
                       count(distinct case when h.stage = 'SAL' then h.lead_id end) as sal,
                       count(distinct case when h.stage = 'SQL' then h.lead_id end) as sqls
                  from lead_stage_history h join leads l on l.id = h.lead_id where %s""".formatted(scope.where()))
                .params(scope.params()).query().singleRow();
        long mql = number(stages.get("mql"));
        long sal = number(stages.get("sal"));
        long sql = number(stages.get("sqls"));
        List<Dashboard.Reason> reasons = new ArrayList<>(jdbc.sql("""
                select h.stage, h.reason, count(*) as n
                  from lead_stage_history h join leads l on l.id = h.lead_id
                 where h.stage in ('RECYCLED', 'DISQUALIFIED') and h.reason is not null and %s
                 group by h.stage, h.reason order by n desc, h.reason""".formatted(scope.where()))
                .params(scope.params())
                .query((rs, n) -> new Dashboard.Reason(rs.getString("stage"), rs.getString("reason"), rs.getLong("n"))).list());
        PeriodScope clocks = PeriodScope.of(period, teams, "c.started_at", "c.team");
        reasons.addAll(jdbc.sql("""
                select c.outcome, count(*) as n from sla_clocks c
                 where c.kind = 'ACCEPT' and c.outcome in ('NOT_A_FIT', 'WRONG_TERRITORY', 'NOT_READY', 'DUPLICATE')
                   and %s group by c.outcome order by n desc, c.outcome""".formatted(clocks.where()))
                .params(clocks.params())
                .query((rs, n) -> new Dashboard.Reason("REJECTED", rs.getString("outcome"), rs.getLong("n"))).list());
        return new Dashboard.Funnel(mql, sal, sql, rate(sal, mql), rate(sql, sal), reasons);
    }
    List<Dashboard.StageTime> timeInStage(ReportPeriod period, List<SlaFigures.TeamZone> teams) {
        if (teams.isEmpty()) {
            return List.of();
        }
        PeriodScope scope = PeriodScope.of(period, teams, "s.at", "s.team");
        // a stage's next stage comes later, so rows before the period's earliest start are not needed
        Instant since = teams.stream().map(t -> period.startIn(t.zone())).min(Instant::compareTo).orElseThrow();
        return jdbc.sql("""
                select s.stage, count(*) as n,
                       percentile_cont(0.5) within group (order by (extract(epoch from s.next_at) - extract(epoch from s.at)) / 3600.0) as median
                  from (select h.lead_id, h.stage, h.at, l.team,
                               lead(h.at) over (partition by h.lead_id order by h.at, h.id) as next_at
                          from lead_stage_history h join leads l on l.id = h.lead_id
                         where h.at >= :since and l.team in (:teamIds)) s
                 where s.next_at is not null and s.stage in ('MQL', 'SAL') and %s
                 group by s.stage order by s.stage""".formatted(scope.where()))
                .params(scope.params())
                .param("since", ts(since))
                .param("teamIds", teams.stream().map(SlaFigures.TeamZone::team).toList())
                .query((rs, n) -> new Dashboard.StageTime(rs.getString("stage"),
                        rs.getObject("median") == null ? null : Math.round(rs.getDouble("median") * 10) / 10.0,
                        rs.getLong("n")))
                .list();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
