package org.leadhandoff.web;

import java.time.Duration;
import java.time.Instant;

/**
 * How close a deadline is, for colouring it: on track, due soon (the last quarter of its window,
 * when the rep's reminder goes out by default) or breached.
 */
public enum SlaRisk {
    ON_TRACK, DUE_SOON, BREACHED, NONE;

    public static SlaRisk of(Instant start, Instant due, Instant now) {
        if (due == null) {
            return NONE;
        }
        if (!now.isBefore(due)) {
            return BREACHED;
        }
        Duration window = start == null || !start.isBefore(due) ? Duration.ZERO : Duration.between(start, due);
        return Duration.between(now, due).compareTo(window.dividedBy(4)) <= 0 ? DUE_SOON : ON_TRACK;
    }

    /** The CSS class and message key suffix: {@code on-track}, {@code due-soon}, {@code breached}. */
    public String css() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
