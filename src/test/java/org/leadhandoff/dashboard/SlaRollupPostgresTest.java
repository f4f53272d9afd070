package org.leadhandoff.dashboard;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
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
}
