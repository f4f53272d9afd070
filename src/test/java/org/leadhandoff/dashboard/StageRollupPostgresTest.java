package org.leadhandoff.dashboard;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
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
}
