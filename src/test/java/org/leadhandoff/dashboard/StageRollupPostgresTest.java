package org.leadhandoff.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.support.EmbeddedPostgres;

/** The stage rollup against the raw stage changes on a real PostgreSQL, the production database. */
class StageRollupPostgresTest extends StageRollupContract {

    private HikariDataSource pool;

    @Override
    DataSource database() {
        pool = new HikariDataSource();
        pool.setJdbcUrl(EmbeddedPostgres.url("stage_rollup"));
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
     * stage changes again. An intake that commits a stage change in between has queued it itself;
     * a trigger runs that intake's two inserts right after the rebuild's delete, in its transaction.
     * The rebuild must neither fail on the duplicate nor lose the change.
     */
    @Test
    void aStageChangeQueuedWhileItsTeamIsRebuiltIsCountedOnceAndTheRebuildCompletes() {
        lead("a", "emea");
        change("a", Stage.MQL, null);
        rollup.catchUp();
        AfterFirstDelete intake = AfterFirstDelete.on(jdbc, "stage_rollup_queue", "declare new_id bigint;", """
                insert into lead_stage_history (lead_id, stage, at, by_user)
                    values ('lead-a', 'SAL', timestamptz '2026-11-20 23:15:00+00', 'alice') returning id into new_id;
                insert into stage_rollup_queue (history_id) values (new_id);""");
        jdbc.sql("update teams set time_zone = 'Europe/London' where id = 'emea'").update();

        rollup.catchUp();

        assertThat(intake.fired()).as("the stage change happened during the rebuild").isTrue();
        assertThat(jdbc.sql("select time_zone from stage_rollup_teams where team = 'emea'").query(String.class)
                .single()).as("the rebuild committed").isEqualTo("Europe/London");
        SlaFigures.TeamZone london = new SlaFigures.TeamZone("emea", ZoneId.of("Europe/London"));
        assertThat(dashboard.funnel(new ReportPeriod(FRIDAY, FRIDAY), List.of(london)).sal()).isOne();
        sameAsRaw("after the rebuild", london);
    }
}
