package org.leadhandoff.dashboard;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** The stage rollup against the raw stage changes on H2, the default database. */
class StageRollupH2Test extends StageRollupContract {

    private HikariDataSource pool;

    @Override
    DataSource database() {
        pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:stage-rollup;MODE=LEGACY;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        pool.setUsername("sa");
        pool.setMaximumPoolSize(4);
        return pool;
    }

    @AfterEach
    void close() {
        pool.close();
    }
}
