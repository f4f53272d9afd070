package org.leadhandoff.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadhandoff.support.Db.ts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.lead.StageChanges;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The stage rollup gives the same funnel and time in stage as reading every raw stage change, on
 * both sides of midnight in the team's time zone, before and after the catch-up has run, for leads
 * that enter a stage twice, when a team's zone changes and when two nodes catch up at once. Stage
 * changes are written through the lead service's own insert, so its hook that queues them is tested.
 */
abstract class StageRollupContract {

    /** 23:30 on Friday 20 November in Berlin; 17:30 in New York. */
    static final Instant T0 = Instant.parse("2026-11-20T22:30:00Z");
    static final SlaFigures.TeamZone EMEA = SlaRollupContract.EMEA;
    static final SlaFigures.TeamZone AMER = SlaRollupContract.AMER;
    static final LocalDate FRIDAY = SlaRollupContract.FRIDAY;
    static final LocalDate SATURDAY = SlaRollupContract.SATURDAY;

    final SlaRollupContract.MovableClock clock = new SlaRollupContract.MovableClock(T0);
    JdbcClient jdbc;
    StageChanges changes;
    SlaRollup rollup;
    Dashboard dashboard;
    RawStageFigures raw;
    DataSource db;

    abstract DataSource database();

    @BeforeEach
    void empty() {
        db = database();
        Flyway.configure().dataSource(db).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = JdbcClient.create(db);
        jdbc.sql("insert into teams (id, name, time_zone, manager) values ('emea', 'EMEA', 'Europe/Berlin', 'maria'),"
                + " ('amer', 'Americas', 'America/New_York', 'maria')").update();
        changes = new StageChanges(db);
        rollup = new SlaRollup(new JdbcTemplate(db), new DataSourceTransactionManager(db));
        dashboard = new Dashboard(jdbc, clock, new SlaFigures(jdbc, clock), rollup);
        raw = new RawStageFigures(jdbc);
        rollup.catchUp();
    }

    @Test
    void theRollupAgreesWithTheRawStageChangesThroughALeadsLife() {
        lead("a", "emea");
        lead("b", "emea");
        lead("c", "amer");
        change("a", Stage.MQL, null);
        sameAsRaw("a new MQL, before the catch-up");
        rollup.catchUp();
        sameAsRaw("a new MQL, rolled up");

        clock.move(10);
        change("b", Stage.MQL, null);
        // 17:45 in New York
        clock.move(5);
        change("c", Stage.MQL, null);
        clock.move(15);
        change("c", Stage.DISQUALIFIED, "No budget");
        sameAsRaw("c disqualified after 15 minutes");
        rollup.catchUp();

        // 00:10 on Saturday in Berlin: a accepted after 40 minutes, b recycled after 40
        clock.move(10);
        change("a", Stage.SAL, "alice");
        clock.move(10);
        change("b", Stage.RECYCLED, "Not now");
        sameAsRaw("after midnight in Berlin, before the catch-up");
        rollup.catchUp();
        sameAsRaw("after midnight in Berlin, rolled up");

        // b qualifies again at 00:40 and is accepted at 01:00: its second MQL
        clock.move(20);
        change("b", Stage.MQL, null);
        sameAsRaw("b an MQL again, before the catch-up");
        rollup.catchUp();
        clock.move(20);
        change("b", Stage.SAL, "bob");
        clock.move(3 * 60);
        change("a", Stage.SQL, "alice");
        sameAsRaw("b accepted and a qualified, before the catch-up");
        rollup.catchUp();
        sameAsRaw("everything rolled up");

        // what maria sees: b counts once as an MQL over both days, and on Saturday alone
        assertThat(funnel(FRIDAY, FRIDAY, EMEA)).extracting(Dashboard.Funnel::mql, Dashboard.Funnel::sal)
                .containsExactly(2L, 0L);
        Dashboard.Funnel weekend = funnel(FRIDAY, SATURDAY, EMEA);
        assertThat(weekend).extracting(Dashboard.Funnel::mql, Dashboard.Funnel::sal, Dashboard.Funnel::sql,
                Dashboard.Funnel::salRate, Dashboard.Funnel::sqlRate).containsExactly(2L, 2L, 1L, 1.0, 0.5);
        assertThat(weekend.reasons()).containsExactly(new Dashboard.Reason("RECYCLED", "Not now", 1));
        assertThat(funnel(SATURDAY, SATURDAY, EMEA)).extracting(Dashboard.Funnel::mql, Dashboard.Funnel::sal)
                .containsExactly(1L, 2L);
        assertThat(funnel(FRIDAY, FRIDAY, AMER).reasons())
                .containsExactly(new Dashboard.Reason("DISQUALIFIED", "No budget", 1));
        // MQL stays of a and b on Friday 40 minutes each, b's second on Saturday 20; a in SAL 00:10 to 04:00
        assertThat(dashboard.timeInStage(new ReportPeriod(FRIDAY, SATURDAY), List.of(EMEA))).containsExactly(
                new Dashboard.StageTime("MQL", 0.7, 3), new Dashboard.StageTime("SAL", 3.8, 1));
        assertThat(jdbc.sql("select count(*) from stage_rollup_queue").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select sum(entries) from stage_daily_entries").query(Long.class).single())
                .isEqualTo(jdbc.sql("select count(*) from lead_stage_history").query(Long.class).single());
    }

    @Test
    void aLeadWithoutATeamIsCountedOnceItIsRouted() {
        jdbc.sql("insert into leads (id, email, stage, created_at, updated_at) values ('lead-x', 'x@example.com',"
                + " 'MQL', ?, ?)").params(ts(T0), ts(T0)).update();
        change("x", Stage.MQL, null);
        rollup.catchUp();
        assertThat(jdbc.sql("select count(*) from stage_rollup_queue").query(Long.class).single()).isOne();
        jdbc.sql("update leads set team = 'emea' where id = 'lead-x'").update();
        sameAsRaw("routed, before the catch-up");
        rollup.catchUp();
        sameAsRaw("routed, rolled up");
        assertThat(funnel(FRIDAY, FRIDAY, EMEA).mql()).isOne();
    }

    @Test
    void aTeamWhoseTimeZoneChangedIsCountedOnItsNewDaysAtOnce() {
        lead("a", "emea");
        change("a", Stage.MQL, null);
        clock.move(45);
        change("a", Stage.SAL, "alice");
        rollup.catchUp();
        // 23:30 and 00:15 in Berlin are 22:30 and 23:15 in London: both on Friday there
        jdbc.sql("update teams set time_zone = 'Europe/London' where id = 'emea'").update();
        SlaFigures.TeamZone london = new SlaFigures.TeamZone("emea", ZoneId.of("Europe/London"));
        assertThat(dashboard.funnel(new ReportPeriod(FRIDAY, FRIDAY), List.of(london)).sal()).isOne();
        sameAsRaw("before the catch-up", london);
        rollup.catchUp();
        sameAsRaw("after the catch-up", london);
        assertThat(dashboard.funnel(new ReportPeriod(FRIDAY, FRIDAY), List.of(london)).sal()).isOne();
    }

    @Test
    void overNinetyBusyDaysTwoNodesCountEachChangeOnceAndTheMediansAreWithinTwoPercent() throws Exception {
        // 30 leads a day for 90 days; some recycled and qualifying again, hours in stage log-normal
        Random random = new Random(9);
        List<Object[]> leads = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        Instant first = T0.minus(Duration.ofDays(90));
        for (int i = 0; i < 90 * 30; i++) {
            String lead = "lead-r" + i;
            Instant at = first.plusSeconds(i * 2880L + random.nextInt(900));
            leads.add(new Object[] {lead, "r" + i + "@example.com", i % 4 == 0 ? "amer" : "emea", ts(at), ts(at)});
            int rounds = i % 7 == 0 ? 2 : 1;
            for (int r = 0; r < rounds; r++) {
                history.add(new Object[] {lead, "MQL", ts(at), null});
                at = at.plusSeconds((long) (3600 * Math.exp(Math.log(2) + random.nextGaussian())));
                if (r + 1 < rounds || i % 5 == 0) {
                    history.add(new Object[] {lead, "RECYCLED", ts(at), i % 2 == 0 ? "Not now" : "No budget"});
                    at = at.plus(Duration.ofDays(1 + random.nextInt(20)));
                    continue;
                }
                history.add(new Object[] {lead, "SAL", ts(at), null});
                at = at.plusSeconds((long) (3600 * Math.exp(Math.log(20) + random.nextGaussian())));
                history.add(new Object[] {lead, i % 3 == 0 ? "DISQUALIFIED" : "SQL", ts(at),
                    i % 3 == 0 ? "Unqualified" : null});
            }
        }
        JdbcTemplate template = new JdbcTemplate(db);
        template.batchUpdate("insert into leads (id, email, stage, team, created_at, updated_at)"
                + " values (?, ?, 'SQL', ?, ?, ?)", leads);
        template.batchUpdate("insert into lead_stage_history (lead_id, stage, at, reason) values (?, ?, ?, ?)", history);
        template.update("insert into stage_rollup_queue (history_id) select id from lead_stage_history");
        SlaRollup other = new SlaRollup(new JdbcTemplate(db), new DataSourceTransactionManager(db));
        CompletableFuture<Long> a = CompletableFuture.supplyAsync(rollup::catchUp);
        CompletableFuture<Long> b = CompletableFuture.supplyAsync(other::catchUp);
        a.get();
        b.get();
        assertThat(jdbc.sql("select sum(entries) from stage_daily_entries").query(Long.class).single())
                .isEqualTo(history.size());
        closeToRaw("two nodes caught up");
        rollup.rebuild();
        closeToRaw("rebuilt");
    }

    private void closeToRaw(String step) {
        for (ReportPeriod p : List.of(new ReportPeriod(FRIDAY.minusDays(89), FRIDAY),
                new ReportPeriod(FRIDAY.minusDays(29), FRIDAY), new ReportPeriod(FRIDAY.minusDays(6), FRIDAY))) {
            for (List<SlaFigures.TeamZone> teams : List.of(List.of(EMEA), List.of(AMER, EMEA))) {
                String what = step + ", " + p + " " + teams.stream().map(SlaFigures.TeamZone::team).toList();
                assertThat(dashboard.funnel(p, teams)).as(what).isEqualTo(raw.funnel(p, teams));
                List<Dashboard.StageTime> rolled = dashboard.timeInStage(p, teams);
                List<Dashboard.StageTime> exact = raw.timeInStage(p, teams);
                assertThat(rolled).extracting(Dashboard.StageTime::stage, Dashboard.StageTime::leads).as(what)
                        .isEqualTo(exact.stream().map(s -> org.assertj.core.groups.Tuple.tuple(s.stage(), s.leads()))
                                .toList());
                for (int i = 0; i < exact.size(); i++) {
                    double m = exact.get(i).medianHours();
                    // 2 % of the exact value, plus the 0.05 either figure may have lost to rounding to a tenth
                    assertThat(rolled.get(i).medianHours()).as(what + " median")
                            .isCloseTo(m, org.assertj.core.data.Offset.offset(0.02 * m + 0.1));
                }
            }
        }
    }

    void lead(String id, String team) {
        jdbc.sql("insert into leads (id, email, stage, team, created_at, updated_at) values (?, ?, 'MQL', ?, ?, ?)")
                .params("lead-" + id, id + "@example.com", team, ts(clock.instant()), ts(clock.instant())).update();
    }

    void change(String lead, Stage stage, String reasonOrRep) {
        boolean reason = stage == Stage.RECYCLED || stage == Stage.DISQUALIFIED;
        changes.append("lead-" + lead, stage, clock.instant(), reason ? null : reasonOrRep, reason ? reasonOrRep : null);
    }

    private Dashboard.Funnel funnel(LocalDate from, LocalDate to, SlaFigures.TeamZone... teams) {
        return dashboard.funnel(new ReportPeriod(from, to), List.of(teams));
    }

    private void sameAsRaw(String step) {
        sameAsRaw(step, EMEA);
    }

    /** Every period around the two days, for each team and both together: funnel and time in stage. */
    void sameAsRaw(String step, SlaFigures.TeamZone emea) {
        List<ReportPeriod> periods = List.of(new ReportPeriod(FRIDAY, FRIDAY), new ReportPeriod(SATURDAY, SATURDAY),
                new ReportPeriod(FRIDAY, SATURDAY), new ReportPeriod(FRIDAY.minusDays(3), SATURDAY.plusDays(3)),
                // a whole month, read from the monthly histograms, and one with edges on both sides
                new ReportPeriod(FRIDAY.withDayOfMonth(1), FRIDAY.withDayOfMonth(30)),
                new ReportPeriod(FRIDAY.minusMonths(1).withDayOfMonth(25), FRIDAY.plusMonths(1).withDayOfMonth(3)));
        for (ReportPeriod p : periods) {
            for (List<SlaFigures.TeamZone> teams : List.of(List.of(emea), List.of(AMER), List.of(AMER, emea))) {
                String what = step + ", " + p + " " + teams.stream().map(SlaFigures.TeamZone::team).toList();
                assertThat(dashboard.funnel(p, teams)).as(what).isEqualTo(raw.funnel(p, teams));
                assertThat(dashboard.timeInStage(p, teams)).as(what + " time in stage")
                        .isEqualTo(raw.timeInStage(p, teams));
            }
        }
    }
}
