package org.leadhandoff.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadhandoff.support.Db.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * SLA figures on a hand-built history whose answers are worked out by hand: compliance,
 * percentiles, breach counts, clocks still running, and days counted in each team's time zone.
 * Runs on H2 and on PostgreSQL (the SQL uses percentiles and epoch arithmetic both must agree on).
 */
abstract class SlaFiguresContract {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final ReportPeriod NOVEMBER_1_TO_15 = new ReportPeriod(LocalDate.parse("2026-11-01"),
            LocalDate.parse("2026-11-15"));
    static final SlaFigures.TeamZone EMEA = new SlaFigures.TeamZone("emea", ZoneId.of("Europe/Berlin"));
    static final SlaFigures.TeamZone AMER = new SlaFigures.TeamZone("amer", ZoneId.of("America/New_York"));

    JdbcClient jdbc;
    SlaFigures figures;
    SlaRollup rollup;

    abstract DataSource database();

    @BeforeEach
    void history() {
        DataSource db = database();
        Flyway.configure().dataSource(db).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = JdbcClient.create(db);
        figures = new SlaFigures(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
        jdbc.sql("insert into teams (id, name, time_zone, manager) values ('emea', 'EMEA', 'Europe/Berlin', 'maria'),"
                + " ('amer', 'Americas', 'America/New_York', 'maria')").update();

        // emea, in the period: accept clocks decided after 10, 30, 90 (late) and 20 minutes
        String h1 = clock("emea", "alice", "ACCEPT", "2026-11-02T09:00:00Z", 60, 10, "ACCEPTED", null);
        clock(h1, "emea", "alice", "FOLLOW_UP", "2026-11-02T09:10:00Z", 240, 60, "QUALIFIED", null, null);
        String h2 = clock("emea", "alice", "ACCEPT", "2026-11-03T09:00:00Z", 60, 30, "ACCEPTED", null);
        // a follow-up never logged, long past due, its breach not recorded yet: breached all the same
        clock(h2, "emea", "alice", "FOLLOW_UP", "2026-11-03T09:30:00Z", 240, null, null, null, null);
        String h3 = clock("emea", "bob", "ACCEPT", "2026-11-04T09:00:00Z", 60, null, null, 60);
        clock(h3, "emea", "maria", "ESCALATION", "2026-11-04T10:00:00Z", 60, null, "REASSIGN", 60, 75);
        clock("emea", "bob", "ACCEPT", "2026-11-05T09:00:00Z", 60, 90, "NOT_A_FIT", null);
        // superseded before its due time without anyone acting: neither met nor breached
        clock(null, "emea", "bob", "ACCEPT", "2026-11-06T09:00:00Z", 60, null, null, null, 20);
        // still running and not yet due
        clock("emea", "alice", "ACCEPT", "2026-11-15T20:00:00Z", 60 * 24 * 7, null, null, null);
        // 00:30 on 1 November in Berlin: inside; 00:30 on 16 November in Berlin: outside
        clock("emea", "alice", "ACCEPT", "2026-10-31T23:30:00Z", 60, 20, "ACCEPTED", null);
        clock("emea", "alice", "ACCEPT", "2026-11-15T23:30:00Z", 60, 5, "ACCEPTED", null);
        // amer: 23:00 on 31 October in New York (outside), 22:00 on 15 November there (inside)
        clock("amer", "carol", "ACCEPT", "2026-11-01T03:00:00Z", 60, 1, "ACCEPTED", null);
        clock("amer", "carol", "ACCEPT", "2026-11-16T03:00:00Z", 60, 5, "ACCEPTED", null);
        // written straight into sla_clocks: the daily rollup is built from them as the demo history's is
        rollup = new SlaRollup(new JdbcTemplate(db), new DataSourceTransactionManager(db));
        rollup.rebuild();
    }

    @Test
    void oneTeamsFiguresMatchTheHandWorkedAnswers() {
        SlaSummary s = figures.summary(NOVEMBER_1_TO_15, List.of(EMEA));
        assertThat(s.handoffs()).isEqualTo(7);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.acceptedWithinSla()).isEqualTo(3);
        // met 10, 30, 20 minutes; breached: never decided, and decided after 90 minutes
        assertThat(s.acceptCompliance()).isEqualTo(0.6);
        assertThat(s.followUpCompliance()).isEqualTo(0.5);
        // bob's two accept clocks, alice's follow-up, maria's escalation
        assertThat(s.breaches()).isEqualTo(4);
        // decided after 10, 20, 30, 90 minutes: interpolated median 25, p90 30 + 0.7 × 60
        assertThat(s.medianMinutesToAccept()).isEqualTo(25.0);
        assertThat(s.p90MinutesToAccept()).isEqualTo(72.0);
        assertThat(s.byRep()).containsExactly(
                new SlaSummary.RepFigures("alice", 4, 3, 1, 1.0, 20.0),
                new SlaSummary.RepFigures("bob", 3, 0, 2, 0.0, 90.0));
    }

    @Test
    void eachTeamCountsItsDaysInItsOwnTimeZone() {
        SlaSummary amer = figures.summary(NOVEMBER_1_TO_15, List.of(AMER));
        assertThat(amer.handoffs()).isEqualTo(1);
        assertThat(amer.medianMinutesToAccept()).isEqualTo(5.0);

        SlaSummary both = figures.summary(NOVEMBER_1_TO_15, List.of(AMER, EMEA));
        assertThat(both.handoffs()).isEqualTo(8);
        assertThat(both.acceptCompliance()).isEqualTo(0.6667);
        // 5, 10, 20, 30, 90
        assertThat(both.medianMinutesToAccept()).isEqualTo(20.0);
        assertThat(both.p90MinutesToAccept()).isEqualTo(66.0);
        assertThat(both.byRep()).extracting(SlaSummary.RepFigures::rep).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aPeriodWithoutDecidedClocksHasNoComplianceRatherThanZero() {
        SlaSummary s = figures.summary(new ReportPeriod(LocalDate.parse("2026-11-15"), LocalDate.parse("2026-11-15")),
                List.of(EMEA));
        // only the clock still running and not yet due started that day
        assertThat(s.handoffs()).isEqualTo(1);
        assertThat(s.acceptCompliance()).isNull();
        assertThat(s.medianMinutesToAccept()).isNull();
        assertThat(s.breaches()).isZero();
    }

    @Test
    void laterCallAttemptsCountAsBreachesButNotAgainstFirstContact() {
        String handoff = clock("emea", "alice", "ACCEPT", "2026-11-09T09:00:00Z", 60, 5, "ACCEPTED", null);
        clock(handoff, "emea", "alice", "FOLLOW_UP", "2026-11-09T09:05:00Z", 240, 30, "NO_ANSWER", null, 30);
        // the next attempt's window ran out
        String later = clock(handoff, "emea", "alice", "FOLLOW_UP", "2026-11-09T09:35:00Z", 240, null, null, 240, 240);
        jdbc.sql("update sla_clocks set attempt = 2 where handoff_id = ? and started_at = ?")
                .params(later, ts(Instant.parse("2026-11-09T09:35:00Z"))).update();
        rollup.rebuild();
        SlaSummary s = figures.summary(NOVEMBER_1_TO_15, List.of(EMEA));
        // first contacts: met 2 (this one and h1's), breached 1 (h2's)
        assertThat(s.followUpCompliance()).isEqualTo(0.6667);
        assertThat(s.breaches()).isEqualTo(5);
    }

    @Test
    void theClockExportListsEachClockWithItsResult() {
        List<SlaFigures.ClockRow> rows = new ArrayList<>();
        figures.clocks(NOVEMBER_1_TO_15, List.of(EMEA), rows::add);
        assertThat(rows).hasSize(10);
        assertThat(rows).extracting(SlaFigures.ClockRow::result)
                .filteredOn("BREACHED"::equals).hasSize(4);
        assertThat(rows).extracting(SlaFigures.ClockRow::startedAt).isSorted();
    }

    @Test
    void timeInStageIsTheMedianUntilTheNextStageForStagesEnteredInThePeriod() {
        // an MQL before the period whose SAL falls inside; stages still open count nowhere
        stages("2026-10-31T20:00:00Z MQL", "2026-11-02T08:00:00Z SAL", "2026-11-02T10:00:00Z SQL");
        stages("2026-11-03T09:00:00Z MQL", "2026-11-03T13:00:00Z SAL", "2026-11-04T13:00:00Z RECYCLED");
        stages("2026-11-05T09:00:00Z MQL", "2026-11-05T15:00:00Z SAL");
        // written straight into lead_stage_history, so the stage rollup is built again
        rollup.rebuild();
        Dashboard dashboard = new Dashboard(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), figures, rollup);
        assertThat(dashboard.timeInStage(NOVEMBER_1_TO_15, List.of(EMEA))).containsExactly(
                new Dashboard.StageTime("MQL", 5.0, 2), new Dashboard.StageTime("SAL", 13.0, 2));
    }

    /** A lead of emea moving through stages, each given as "instant STAGE". */
    private void stages(String... steps) {
        String leadId = UUID.randomUUID().toString();
        Instant first = Instant.parse(steps[0].split(" ")[0]);
        jdbc.sql("insert into leads (id, email, stage, team, created_at, updated_at) values (?, ?, 'MQL', 'emea', ?, ?)")
                .params(leadId, leadId + "@example.com", ts(first), ts(first)).update();
        for (String step : steps) {
            String[] p = step.split(" ");
            jdbc.sql("insert into lead_stage_history (lead_id, stage, at) values (?, ?, ?)")
                    .params(leadId, p[1], ts(Instant.parse(p[0]))).update();
        }
    }

    /** A clock of a new handoff; minutes to stop, breach and end relative to its start (null: never). */
    private String clock(String team, String assignee, String kind, String start, int dueMinutes, Integer stopMinutes,
            String outcome, Integer breachMinutes) {
        return clock(null, team, assignee, kind, start, dueMinutes, stopMinutes, outcome, breachMinutes,
                stopMinutes != null ? stopMinutes : breachMinutes);
    }

    private String clock(String handoff, String team, String assignee, String kind, String start, int dueMinutes,
            Integer stopMinutes, String outcome, Integer breachMinutes, Integer endMinutes) {
        String handoffId = handoff != null ? handoff : UUID.randomUUID().toString();
        String leadId = UUID.randomUUID().toString();
        Instant started = Instant.parse(start);
        jdbc.sql("insert into leads (id, email, stage, created_at, updated_at) values (?, ?, 'MQL', ?, ?)")
                .params(leadId, leadId + "@example.com", ts(started), ts(started)).update();
        jdbc.sql("""
                insert into sla_clocks (lead_id, handoff_id, kind, team, assignee, priority, started_at, due_at,
                                        stopped_at, stopped_by, breached_at, ended_at, outcome)
                values (?, ?, ?, ?, ?, 'HIGH', ?, ?, ?, ?, ?, ?, ?)""")
                .params(leadId, handoffId, kind, team, assignee, ts(started), ts(plus(started, dueMinutes)),
                        ts(plus(started, stopMinutes)), stopMinutes == null ? null : assignee,
                        ts(plus(started, breachMinutes)), ts(plus(started, endMinutes)), outcome)
                .update();
        return handoffId;
    }

    private static Instant plus(Instant start, Integer minutes) {
        return minutes == null ? null : start.plus(Duration.ofMinutes(minutes));
    }
}
