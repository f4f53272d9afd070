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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.scoring.Priority;
import org.leadhandoff.sla.ClockKind;
import org.leadhandoff.sla.SlaService;
import org.leadhandoff.sla.SlaServices;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The daily rollup gives the same figures as counting every raw clock, while clocks start, stop,
 * breach, are reassigned and re-routed, on both sides of midnight in the team's time zone, before
 * and after the catch-up has run, and when two nodes catch up at once. Clocks are driven through
 * the real {@link SlaService}, so its hook that queues ended clocks is what is tested.
 */
abstract class SlaRollupContract {

    /** 23:30 on Friday 20 November in Berlin; 17:30 in New York. */
    static final Instant T0 = Instant.parse("2026-11-20T22:30:00Z");
    static final SlaFigures.TeamZone EMEA = new SlaFigures.TeamZone("emea", ZoneId.of("Europe/Berlin"));
    static final SlaFigures.TeamZone AMER = new SlaFigures.TeamZone("amer", ZoneId.of("America/New_York"));
    static final LocalDate FRIDAY = LocalDate.parse("2026-11-20");
    static final LocalDate SATURDAY = FRIDAY.plusDays(1);

    final MovableClock clock = new MovableClock(T0);
    JdbcClient jdbc;
    SlaService sla;
    SlaRollup rollup;
    SlaFigures figures;
    RawSlaFigures raw;
    Dashboard dashboard;
    RawStageFigures rawStages;
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
        sla = SlaServices.wallClock(db, clock);
        rollup = new SlaRollup(new JdbcTemplate(db), new DataSourceTransactionManager(db));
        figures = new SlaFigures(jdbc, clock);
        figures.database(db);
        raw = new RawSlaFigures(jdbc, clock);
        dashboard = new Dashboard(jdbc, clock, figures, rollup);
        rawStages = new RawStageFigures(jdbc);
        rollup.catchUp();
    }

    @Test
    void theRollupAgreesWithTheRawClocksThroughAHandoffsLife() {
        start("h1", "emea", "alice", ClockKind.ACCEPT);
        clock.move(5);
        start("h2", "emea", "bob", ClockKind.ACCEPT);
        clock.move(5);
        start("h3", "amer", "carol", ClockKind.ACCEPT);
        sameAsRaw("three accept clocks running");

        clock.move(10);
        sla.stop("h1", "alice", "ACCEPTED");
        start("h1", "emea", "alice", ClockKind.FOLLOW_UP);
        sameAsRaw("h1 accepted after 20 minutes, before the catch-up");
        assertThat(rollup.catchUp()).isEqualTo(1);
        sameAsRaw("h1 accepted, rolled up");
        assertThat(summary(FRIDAY, FRIDAY, EMEA).acceptCompliance()).isEqualTo(1.0);

        // 00:10 on Saturday in Berlin
        clock.move(20);
        start("h4", "emea", "alice", ClockKind.ACCEPT);
        sameAsRaw("a clock after midnight in Berlin");
        assertThat(summary(SATURDAY, SATURDAY, EMEA).handoffs()).isEqualTo(1);

        // h2's hour is up: breached at once, before anything records it or the catch-up runs
        clock.move(25);
        assertThat(summary(FRIDAY, FRIDAY, EMEA).breaches()).isEqualTo(1);
        sameAsRaw("h2 past due, nobody recorded it");
        sla.breach("lead-h2", "h2");
        start("h2", "emea", "maria", ClockKind.ESCALATION);
        rollup.catchUp();
        sameAsRaw("h2 breached and escalated");

        // maria reassigns h2 to alice, on Saturday in Berlin: a second accept clock of the same handoff
        clock.move(15);
        start("h2", "emea", "alice", ClockKind.ACCEPT);
        sameAsRaw("h2 reassigned");
        clock.move(10);
        sla.stop("h2", "alice", "ACCEPTED");
        start("h2", "emea", "alice", ClockKind.FOLLOW_UP);
        sameAsRaw("h2 accepted by alice, before the catch-up");
        rollup.catchUp();
        sameAsRaw("h2 accepted by alice, rolled up");
        // h2 counts once in the weekend, and once on Saturday alone although its first clock was on Friday
        assertThat(summary(FRIDAY, SATURDAY, EMEA).handoffs()).isEqualTo(3);
        assertThat(summary(SATURDAY, SATURDAY, EMEA).handoffs()).isEqualTo(2);

        // carol says h3 is not in her territory; it is re-routed to emea, where bob accepts
        sla.stop("h3", "carol", "WRONG_TERRITORY");
        start("h3", "emea", "bob", ClockKind.ACCEPT);
        clock.move(5);
        sla.stop("h4", "alice", "NOT_A_FIT");
        sla.endAll("h4");
        clock.move(5);
        sla.stop("h3", "bob", "ACCEPTED");
        start("h3", "emea", "bob", ClockKind.FOLLOW_UP);
        sameAsRaw("h3 re-routed and accepted, h4 rejected");
        rollup.catchUp();
        sameAsRaw("h3 re-routed and accepted, h4 rejected, rolled up");
        assertThat(dashboard.funnel(new ReportPeriod(FRIDAY, SATURDAY), List.of(AMER, EMEA)).reasons()).containsExactly(
                new Dashboard.Reason("REJECTED", "NOT_A_FIT", 1), new Dashboard.Reason("REJECTED", "WRONG_TERRITORY", 1));
        assertThat(summary(FRIDAY, SATURDAY, EMEA, AMER).handoffs()).isEqualTo(4);

        // h1: no answer on the first call, the next attempt's window runs out two days later
        clock.move(30);
        sla.stop("h1", "alice", "NO_ANSWER");
        sla.start(ClockKind.FOLLOW_UP, owner("h1", "emea", "alice"), true);
        clock.move(2 * 24 * 60);
        sameAsRaw("a later attempt past due");
        sla.breach("lead-h1", "h1");
        sla.stop("h1", "alice", "QUALIFIED");
        sla.endAll("h2");
        sla.endAll("h3");
        rollup.catchUp();
        sameAsRaw("everything ended and rolled up");
        assertThat(jdbc.sql("select count(*) from sla_rollup_queue").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from sla_clocks where ended_at is null").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select sum(clocks) from sla_daily_rollup").query(Long.class).single())
                .isEqualTo(jdbc.sql("select count(*) from sla_clocks").query(Long.class).single());
    }

    @Test
    void aTeamWhoseTimeZoneChangedIsCountedOnItsNewDaysAtOnce() {
        start("h1", "emea", "alice", ClockKind.ACCEPT);
        clock.move(45);
        sla.stop("h1", "alice", "ACCEPTED");
        start("h2", "emea", "bob", ClockKind.ACCEPT);
        clock.move(10);
        sla.stop("h2", "bob", "ACCEPTED");
        rollup.catchUp();
        // 23:30 and 00:15 in Berlin are 22:30 and 23:15 in London: both on Friday there
        jdbc.sql("update teams set time_zone = 'Europe/London' where id = 'emea'").update();
        SlaFigures.TeamZone london = new SlaFigures.TeamZone("emea", ZoneId.of("Europe/London"));
        assertThat(summary(FRIDAY, FRIDAY, london).handoffs()).isEqualTo(2);
        sameAsRaw("before the catch-up", london);
        rollup.catchUp();
        sameAsRaw("after the catch-up", london);
        assertThat(summary(FRIDAY, FRIDAY, london).handoffs()).isEqualTo(2);
    }

    @Test
    void twoNodesCatchingUpAtOnceCountEachClockOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            String h = "n" + i;
            String rep = i % 2 == 0 ? "alice" : "bob";
            start(h, i % 3 == 0 ? "amer" : "emea", rep, ClockKind.ACCEPT);
            clock.move(7 + i % 11);
            sla.stop(h, rep, i % 5 == 0 ? "NOT_READY" : "ACCEPTED");
        }
        SlaRollup other = new SlaRollup(new JdbcTemplate(db), new DataSourceTransactionManager(db));
        CompletableFuture<Long> a = CompletableFuture.supplyAsync(rollup::catchUp);
        CompletableFuture<Long> b = CompletableFuture.supplyAsync(other::catchUp);
        assertThat(a.get() + b.get()).isEqualTo(40);
        sameAsRaw("two nodes caught up");
        assertThat(rollup.rebuild()).isEqualTo(40);
        sameAsRaw("rebuilt");
    }

    @Test
    void overNinetyBusyDaysTheCountsAreExactAndThePercentilesWithinTwoPercent() {
        // 40 handoffs a day for 90 days, minutes to accept log-normal around 15 (alice) and 40 (bob)
        java.util.Random random = new java.util.Random(6);
        List<Object[]> leads = new ArrayList<>();
        List<Object[]> clocks = new ArrayList<>();
        Instant first = T0.minus(Duration.ofDays(90));
        for (int i = 0; i < 90 * 40; i++) {
            Instant start = first.plusSeconds(i * 2160L + random.nextInt(600));
            String rep = i % 3 == 0 ? "bob" : "alice";
            double minutes = Math.exp(Math.log(rep.equals("bob") ? 40 : 15) + 0.8 * random.nextGaussian());
            Instant stop = start.plusMillis((long) (minutes * 60_000));
            Instant due = start.plus(Duration.ofHours(1));
            leads.add(new Object[] {"lead-p" + i, "p" + i + "@example.com", ts(start), ts(start)});
            clocks.add(new Object[] {"lead-p" + i, "p" + i, i % 4 == 0 ? "amer" : "emea", rep, ts(start), ts(due),
                ts(stop), rep, stop.isAfter(due) ? ts(due) : null, ts(stop), i % 10 == 0 ? "NOT_A_FIT" : "ACCEPTED"});
        }
        JdbcTemplate template = new JdbcTemplate(db);
        template.batchUpdate("insert into leads (id, email, stage, created_at, updated_at) values (?, ?, 'MQL', ?, ?)",
                leads);
        template.batchUpdate("""
                insert into sla_clocks (lead_id, handoff_id, kind, team, assignee, priority, started_at, due_at,
                                        stopped_at, stopped_by, breached_at, ended_at, outcome)
                values (?, ?, 'ACCEPT', ?, ?, 'NORMAL', ?, ?, ?, ?, ?, ?, ?)""", clocks);
        assertThat(rollup.rebuild()).isEqualTo(90 * 40);

        for (ReportPeriod p : List.of(new ReportPeriod(FRIDAY.minusDays(89), FRIDAY),
                new ReportPeriod(FRIDAY.minusDays(29), FRIDAY), new ReportPeriod(FRIDAY.minusDays(6), FRIDAY))) {
            for (List<SlaFigures.TeamZone> teams : List.of(List.of(EMEA), List.of(AMER, EMEA))) {
                SlaSummary rolled = figures.summary(p, teams);
                SlaSummary exact = raw.summary(p, teams);
                assertThat(withoutMinutes(rolled)).as(p + " counts").isEqualTo(withoutMinutes(exact));
                assertThat(rolled.medianMinutesToAccept()).as(p + " median")
                        .isCloseTo(exact.medianMinutesToAccept(), within(exact.medianMinutesToAccept()));
                assertThat(rolled.p90MinutesToAccept()).as(p + " p90")
                        .isCloseTo(exact.p90MinutesToAccept(), within(exact.p90MinutesToAccept()));
                for (int r = 0; r < exact.byRep().size(); r++) {
                    Double m = exact.byRep().get(r).medianMinutesToAccept();
                    assertThat(rolled.byRep().get(r).medianMinutesToAccept()).as(p + " rep median")
                            .isCloseTo(m, within(m));
                }
            }
        }
    }

    /** 2 % of the exact value, plus the 0.05 either figure may have lost to rounding to a tenth. */
    private static org.assertj.core.data.Offset<Double> within(double exact) {
        return org.assertj.core.data.Offset.offset(0.02 * exact + 0.1);
    }

    private static SlaSummary withoutMinutes(SlaSummary s) {
        return new SlaSummary(s.from(), s.to(), s.teams(), s.handoffs(), s.accepted(), s.acceptedWithinSla(),
                s.acceptCompliance(), s.followUpCompliance(), s.breaches(), null, null, s.byRep().stream()
                        .map(r -> new SlaSummary.RepFigures(r.rep(), r.handoffs(), r.accepted(), r.breaches(),
                                r.acceptCompliance(), null))
                        .toList());
    }

    void start(String handoff, String team, String rep, ClockKind kind) {
        if (jdbc.sql("select count(*) from leads where id = ?").param("lead-" + handoff).query(Long.class).single() == 0) {
            jdbc.sql("insert into leads (id, email, stage, created_at, updated_at) values (?, ?, 'MQL', ?, ?)")
                    .params("lead-" + handoff, handoff + "@example.com", ts(clock.instant()), ts(clock.instant()))
                    .update();
        }
        sla.start(kind, owner(handoff, team, rep), false);
    }

    private static SlaService.ClockOwner owner(String handoff, String team, String rep) {
        return new SlaService.ClockOwner("lead-" + handoff, handoff, team, rep, Priority.NORMAL);
    }

    SlaSummary summary(LocalDate from, LocalDate to, SlaFigures.TeamZone... teams) {
        return figures.summary(new ReportPeriod(from, to), List.of(teams));
    }

    private void sameAsRaw(String step) {
        sameAsRaw(step, EMEA);
    }

    /** Every period around the two days, for each team and both together: summary and daily trend. */
    void sameAsRaw(String step, SlaFigures.TeamZone emea) {
        List<ReportPeriod> periods = List.of(new ReportPeriod(FRIDAY, FRIDAY), new ReportPeriod(SATURDAY, SATURDAY),
                new ReportPeriod(FRIDAY, SATURDAY), new ReportPeriod(FRIDAY.minusDays(3), SATURDAY.plusDays(3)),
                // a whole month, read from the monthly histograms, and one with edges on both sides
                new ReportPeriod(FRIDAY.withDayOfMonth(1), FRIDAY.withDayOfMonth(30)),
                new ReportPeriod(FRIDAY.minusMonths(1).withDayOfMonth(25), FRIDAY.plusMonths(1).withDayOfMonth(3)));
        for (ReportPeriod p : periods) {
            for (List<SlaFigures.TeamZone> teams : List.of(List.of(emea), List.of(AMER), List.of(AMER, emea))) {
                String what = step + ", " + p + " " + teams.stream().map(SlaFigures.TeamZone::team).toList();
                assertThat(figures.summary(p, teams)).as(what).isEqualTo(raw.summary(p, teams));
                assertThat(lists(figures.acceptDays(p, teams))).as(what + " trend")
                        .isEqualTo(lists(raw.acceptDays(p, teams)));
                // the funnel's reject reasons (accept clocks a rep declined) come from the same rollup
                assertThat(dashboard.funnel(p, teams).reasons()).as(what + " reject reasons")
                        .isEqualTo(rawStages.funnel(p, teams).reasons());
            }
        }
    }

    private static Map<LocalDate, List<Long>> lists(Map<LocalDate, long[]> days) {
        Map<LocalDate, List<Long>> out = new LinkedHashMap<>();
        days.forEach((d, v) -> {
            List<Long> l = new ArrayList<>();
            for (long x : v) {
                l.add(x);
            }
            out.put(d, l);
        });
        return out;
    }

    /** The clock the SLA service and the figures read, moved by the test. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(long minutes) {
            now = now.plus(Duration.ofMinutes(minutes));
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
