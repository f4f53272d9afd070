package org.leadhandoff.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * A team's business calendar as managers see and change it ({@code GET/PUT
 * /api/teams/{team}/calendar}): its time zone, working hours per weekday ({@code HH:mm}, local
 * time, {@code to} may be {@code 24:00}; a day without entries is off) and holidays.
 */
public record TeamCalendar(String team, String timeZone, List<Hours> hours, List<Holiday> holidays) {

    /** One working interval of a weekday. */
    public record Hours(DayOfWeek day, String from, String to) {
    }

    /** A local date on which nobody of the team works. */
    public record Holiday(LocalDate date, String name) {
    }
}
