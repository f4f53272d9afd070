package org.leadhandoff.sla;

import java.time.Duration;
import java.time.Instant;

/** Adds SLA time to an instant. The {@code 24x7} calendar counts every hour of every day. */
public interface BusinessCalendar {

    /** The instant at which {@code duration} of this calendar's time has passed since {@code start}. */
    Instant add(Instant start, Duration duration);

    /** Wall-clock time: every hour counts. */
    BusinessCalendar TWENTY_FOUR_SEVEN = Instant::plus;
}
