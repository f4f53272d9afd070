package org.leadhandoff.dashboard;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** The daily rollup against the raw clocks on H2, the default database. */
class SlaRollupH2Test extends SlaRollupContract {

    private HikariDataSource pool;

    @Override
    DataSource database() {
        pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:sla-rollup;MODE=LEGACY;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        pool.setUsername("sa");
        pool.setMaximumPoolSize(4);
        return pool;
    }

    @AfterEach
    void close() {
        pool.close();
    }
}
