package org.leadhandoff.e2e;

import org.leadhandoff.support.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same journey on a real PostgreSQL server (embedded binary), as in production. */
class EndToEndPostgresTest extends EndToEndBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        mail(registry);
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.url("e2e"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
