package org.leadhandoff.dashboard;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The hand-worked SLA figures on H2, the default database. */
class SlaFiguresH2Test extends SlaFiguresContract {

    @Override
    DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:sla-figures;MODE=LEGACY;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }
}
