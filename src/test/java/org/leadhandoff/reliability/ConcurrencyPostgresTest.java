package org.leadhandoff.reliability;

import org.leadhandoff.support.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The races on a real PostgreSQL (embedded binary), the production database. */
class ConcurrencyPostgresTest extends ConcurrencyContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.url("reliability"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Override
    long blockedSessions() {
        return sql().queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and datname = current_database()", Long.class);
    }
}
