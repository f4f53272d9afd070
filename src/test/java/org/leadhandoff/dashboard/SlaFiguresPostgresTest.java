package org.leadhandoff.dashboard;

import javax.sql.DataSource;
import org.leadhandoff.support.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/** The hand-worked SLA figures on a real PostgreSQL, the production database. */
class SlaFiguresPostgresTest extends SlaFiguresContract {

    @Override
    DataSource database() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(EmbeddedPostgres.url("sla_figures"));
        pg.setUser("postgres");
        return pg;
    }
}
