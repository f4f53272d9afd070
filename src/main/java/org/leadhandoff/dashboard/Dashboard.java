package org.leadhandoff.dashboard;

import static org.leadhandoff.support.Db.instant;
import static org.leadhandoff.support.Db.ts;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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

    Dashboard(JdbcClient jdbc, Clock clock, SlaFigures figures) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.figures = figures;
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

    @Transactional(readOnly = true)
    Funnel funnel(ReportPeriod period, List<SlaFigures.TeamZone> teams) {
        if (teams.isEmpty()) {
            return new Funnel(0, 0, 0, null, null, List.of());
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
        List<Reason> reasons = new ArrayList<>(jdbc.sql("""
                select h.stage, h.reason, count(*) as n
                  from lead_stage_history h join leads l on l.id = h.lead_id
                 where h.stage in ('RECYCLED', 'DISQUALIFIED') and h.reason is not null and %s
                 group by h.stage, h.reason order by n desc, h.reason""".formatted(scope.where()))
                .params(scope.params())
                .query((rs, n) -> new Reason(rs.getString("stage"), rs.getString("reason"), rs.getLong("n"))).list());
        PeriodScope clocks = PeriodScope.of(period, teams, "c.started_at", "c.team");
        reasons.addAll(jdbc.sql("""
                select c.outcome, count(*) as n from sla_clocks c
                 where c.kind = 'ACCEPT' and c.outcome in ('NOT_A_FIT', 'WRONG_TERRITORY', 'NOT_READY', 'DUPLICATE')
                   and %s group by c.outcome order by n desc, c.outcome""".formatted(clocks.where()))
                .params(clocks.params())
                .query((rs, n) -> new Reason("REJECTED", rs.getString("outcome"), rs.getLong("n"))).list());
        return new Funnel(mql, sal, sql, rate(sal, mql), rate(sql, sal), reasons);
    }

    /** Median hours from entering a stage to the next stage, for leads that entered it in the period. */
    @Transactional(readOnly = true)
    List<StageTime> timeInStage(ReportPeriod period, List<SlaFigures.TeamZone> teams) {
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
                .query((rs, n) -> new StageTime(rs.getString("stage"),
                        rs.getObject("median") == null ? null : Math.round(rs.getDouble("median") * 10) / 10.0,
                        rs.getLong("n")))
                .list();
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

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
