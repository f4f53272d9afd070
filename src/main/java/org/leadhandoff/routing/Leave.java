package org.leadhandoff.routing;

import java.time.LocalDate;

/** A rep's time away: ISO dates, both inclusive, read in the team's time zone. */
public record Leave(LocalDate from, LocalDate to) {

    boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
