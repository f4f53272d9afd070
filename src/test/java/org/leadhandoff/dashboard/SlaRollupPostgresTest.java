package org.leadhandoff.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.sla.ClockKind;
import org.leadhandoff.support.EmbeddedPostgres;

/** The daily rollup against the raw clocks on a real PostgreSQL, the production database. */
class SlaRollupPostgresTest extends SlaRollupContract {

    private HikariDataSource pool;

    @Override
    DataSource database() {
        pool = new HikariDataSource();
        pool.setJdbcUrl(EmbeddedPostgres.url("sla_rollup"));
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(4);
        return pool;
    }

    @AfterEach
    void close() {
        pool.close();
    }

    /**
     * A team's zone changed, so the catch-up rebuilds it: drops its queue rows and queues all its
     * ended clocks again. A rep who stops a clock in between has queued it (SlaClocks); a trigger
     * runs that stop right after the rebuild's delete, in its transaction. The rebuild must neither
     * fail on the duplicate nor lose the clock.
     */
    @Test
    void aClockEndedWhileItsTeamIsRebuiltIsCountedOnceAndTheRebuildCompletes() {
        start("h1", "emea", "alice", ClockKind.ACCEPT);
        clock.move(45);
        sla.stop("h1", "alice", "ACCEPTED");
        start("h2", "emea", "bob", ClockKind.ACCEPT);
        rollup.catchUp();
        AfterFirstDelete rep = AfterFirstDelete.on(jdbc, "sla_rollup_queue", "", """
                update sla_clocks set stopped_at = started_at + interval '10 minutes', stopped_by = 'bob',
                    ended_at = started_at + interval '10 minutes', outcome = 'ACCEPTED' where handoff_id = 'h2';
                insert into sla_rollup_queue (clock_id) select id from sla_clocks where handoff_id = 'h2';""");
        jdbc.sql("update teams set time_zone = 'Europe/London' where id = 'emea'").update();

        rollup.catchUp();

        assertThat(rep.fired()).as("the clock stopped during the rebuild").isTrue();
        assertThat(jdbc.sql("select time_zone from sla_rollup_teams where team = 'emea'").query(String.class)
                .single()).as("the rebuild committed").isEqualTo("Europe/London");
        SlaFigures.TeamZone london = new SlaFigures.TeamZone("emea", ZoneId.of("Europe/London"));
        assertThat(summary(FRIDAY, FRIDAY, london).handoffs()).isEqualTo(2);
        sameAsRaw("after the rebuild", london);
    }
}
