package org.leadhandoff.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Instants as pages show them ({@code ${@times.at(...)}}): UTC on the server, turned into the
 * reader's local time by the page's script; countdowns as compact durations ({@code 2h 14m}).
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    Times(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public String at(Instant instant) {
        return instant == null ? "" : AT.format(instant);
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public SlaRisk risk(Instant start, Instant due) {
        return SlaRisk.of(start, due, now());
    }

    /** Time from now to {@code due}, always positive: {@code 3d 4h}, {@code 2h 14m}, {@code 5m 10s}. */
    public String until(Instant due) {
        return due == null ? "" : compact(Duration.between(now(), due).abs());
    }

    public boolean isPast(Instant due) {
        return due != null && !now().isBefore(due);
    }

    static String compact(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes + "m " + d.toSecondsPart() + "s";
    }
}
