package org.leadhandoff.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.dashboard.SlaFigures;
import org.leadhandoff.dashboard.SlaRollup;
import org.leadhandoff.dashboard.SlaSummary;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The demo history tells the dashboard's story: mostly in time, dave often late, and seeded once. */
class DemoHistoryTest {

    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    JdbcTemplate jdbc;
    DemoHistory history;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:demo-history;MODE=LEGACY;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(h2).load().migrate();
        jdbc = new JdbcTemplate(h2);
        jdbc.update("insert into teams (id, name, time_zone, manager) values ('emea', 'EMEA', 'Europe/Berlin', 'maria'),"
                + " ('amer', 'AMER', 'America/New_York', 'maria')");
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(h2);
        history = new DemoHistory(new DemoProperties(true, true), jdbc, transactions, Clock.fixed(NOW, ZoneOffset.UTC),
                new SlaRollup(jdbc, transactions));
    }

    @Test
    void ninetyDaysOfFinishedHandoffsWhereDaveStrugglesAndAliceDoesNot() {
        history.run(new DefaultApplicationArguments());
        long leads = jdbc.queryForObject("select count(*) from leads", Long.class);
        assertThat(leads).isBetween(2000L, 5000L);
        assertThat(jdbc.queryForObject("select count(*) from leads where stage in ('MQL', 'SAL')", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from sla_clocks where ended_at is null", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select max(ended_at) from sla_clocks", java.time.OffsetDateTime.class)
                .toInstant()).isBefore(NOW);
        // every score is explained by parts that add up to it
        assertThat(jdbc.queryForObject("""
                select count(*) from leads l where l.score <> (select sum(p.points) from lead_score_parts p
                 where p.lead_id = l.id)""", Long.class)).isZero();

        SlaFigures figures = new SlaFigures(org.springframework.jdbc.core.simple.JdbcClient.create(jdbc),
                Clock.fixed(NOW, ZoneOffset.UTC));
        var period = org.leadhandoff.dashboard.ReportPeriod.lastDays(90, LocalDate.parse("2026-11-29"));
        SlaSummary all = figures.summary(period, List.of(
                new SlaFigures.TeamZone("amer", ZoneId.of("America/New_York")),
                new SlaFigures.TeamZone("emea", ZoneId.of("Europe/Berlin"))));
        assertThat(all.acceptCompliance()).isBetween(0.7, 0.95);
        assertThat(all.breaches()).isPositive();
        SlaSummary.RepFigures alice = rep(all, "alice");
        SlaSummary.RepFigures dave = rep(all, "dave");
        assertThat(dave.acceptCompliance()).isLessThan(alice.acceptCompliance() - 0.2);
        assertThat(dave.breaches()).isGreaterThan(3 * alice.breaches());
        assertThat(dave.medianMinutesToAccept()).isGreaterThan(alice.medianMinutesToAccept());

        // the funnel and time in stage read the stage rollup, filled from every seeded stage change
        assertThat(jdbc.queryForObject("select count(*) from stage_rollup_queue", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select sum(entries) from stage_daily_entries", Long.class))
                .isEqualTo(jdbc.queryForObject("select count(*) from lead_stage_history", Long.class));
        assertThat(jdbc.queryForObject("select sum(firsts) from stage_daily_entries where stage = 'MQL'", Long.class))
                .isGreaterThan(jdbc.queryForObject("select sum(firsts) from stage_daily_entries where stage = 'SAL'",
                        Long.class)).isPositive();
        assertThat(jdbc.queryForObject("select sum(n) from stage_daily_minutes", Long.class)).isPositive();
    }

    @Test
    void aSecondStartLeavesTheHistoryAsItIs() {
        history.run(new DefaultApplicationArguments());
        long first = jdbc.queryForObject("select count(*) from sla_clocks", Long.class);
        history.run(new DefaultApplicationArguments());
        assertThat(jdbc.queryForObject("select count(*) from sla_clocks", Long.class)).isEqualTo(first);
    }

    @Test
    void withHistoryOffNothingIsSeeded() {
        new DemoHistory(new DemoProperties(true, false), jdbc, null, Clock.fixed(NOW, ZoneOffset.UTC), null)
                .run(new DefaultApplicationArguments());
        assertThat(jdbc.queryForObject("select count(*) from leads", Long.class)).isZero();
    }

    private static SlaSummary.RepFigures rep(SlaSummary summary, String rep) {
        return summary.byRep().stream().filter(r -> r.rep().equals(rep)).findFirst().orElseThrow();
    }
}
