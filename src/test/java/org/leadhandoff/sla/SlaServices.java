package org.leadhandoff.sla;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A real {@link SlaService} over a plain data source, for tests of other packages that need clocks started and stopped. */
public final class SlaServices {

    private SlaServices() {
    }

    /** Wall-clock SLAs: accept 60 min, follow-up 4 h, escalation 60 min, next attempt 1 day. */
    public static SlaService wallClock(DataSource db, Clock clock) {
        JdbcClient jdbc = JdbcClient.create(db);
        SlaProperties properties = new SlaProperties(SlaProperties.TWENTY_FOUR_SEVEN, Map.of(), Duration.ofMinutes(60),
                Duration.ofHours(4), Duration.ofMinutes(60), Duration.ofDays(1), 75);
        return new SlaService(new SlaClocks(jdbc), new EscalationSteps(jdbc), properties,
                new TeamCalendarService(new TeamCalendars(jdbc), properties, event -> { }), clock);
    }
}
