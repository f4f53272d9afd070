package org.leadhandoff.e2e;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The journey on the default embedded H2 database. */
class EndToEndH2Test extends EndToEndBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        mail(registry);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:e2e;MODE=LEGACY;DB_CLOSE_DELAY=-1");
    }
}
