package org.leadhandoff.lead;

import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes stage changes the way the lead service does ({@link Leads#appendHistory}), for tests of other packages. */
public final class StageChanges {

    private final Leads leads;

    public StageChanges(DataSource db) {
        this.leads = new Leads(JdbcClient.create(db), new JdbcTemplate(db));
    }

    public void append(String leadId, Stage stage, Instant at, String by, String reason) {
        leads.appendHistory(leadId, stage, at, by, reason);
    }
}
