package org.leadhandoff.sla;

import static java.time.DayOfWeek.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadhandoff.sla.WorkingHours.Interval;

/** Business durations added across nights, weekends, holidays, time zones and clock changes. */
class WorkingHoursTest {

    private static final List<DayOfWeek> WEEKDAYS = List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);

    private static List<Interval> every(List<DayOfWeek> days, String opens, String closes) {
        return days.stream().map(d -> Interval.of(d, opens, closes)).toList();
    }

    private static final Map<String, BusinessCalendar> CALENDARS = Map.of(
            // the contract's demo teams
            "emea", new WorkingHours(ZoneId.of("Europe/Berlin"), every(WEEKDAYS, "09:00", "18:00"), List.of()),
            "amer", new WorkingHours(ZoneId.of("America/New_York"), every(WEEKDAYS, "09:00", "17:00"), List.of()),
            "emea-monday-holiday", new WorkingHours(ZoneId.of("Europe/Berlin"), every(WEEKDAYS, "09:00", "18:00"),
                    List.of(LocalDate.parse("2026-11-30"))),
            "india", new WorkingHours(ZoneId.of("Asia/Kolkata"), every(WEEKDAYS, "09:30", "18:30"), List.of()),
            "tokyo", new WorkingHours(ZoneId.of("Asia/Tokyo"), every(WEEKDAYS, "09:00", "18:00"), List.of()),
            "berlin-round-the-clock", new WorkingHours(ZoneId.of("Europe/Berlin"),
                    every(List.of(DayOfWeek.values()), "00:00", "24:00"), List.of()),
            "new-york-sunday-night", new WorkingHours(ZoneId.of("America/New_York"),
                    List.of(Interval.of(SUNDAY, "01:00", "04:00")), List.of()),
            "lunch-break", new WorkingHours(ZoneId.of("Europe/Berlin"),
                    Stream.concat(every(WEEKDAYS, "09:00", "12:00").stream(), every(WEEKDAYS, "13:00", "18:00").stream())
                            .toList(), List.of()),
            "24x7", BusinessCalendar.TWENTY_FOUR_SEVEN);

    @ParameterizedTest(name = "{0}: {1} + {2} = {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # calendar           | start                     | duration | due
            emea                 | 2026-11-27T16:30+01:00    | PT4H     | 2026-11-30T11:30+01:00
            emea                 | 2026-11-27T17:55+01:00    | PT1H     | 2026-11-30T09:55+01:00
            emea                 | 2026-11-27T17:00+01:00    | PT1H     | 2026-11-27T18:00+01:00
            emea                 | 2026-11-23T07:00+01:00    | PT1H     | 2026-11-23T10:00+01:00
            emea                 | 2026-11-28T12:00+01:00    | PT1H     | 2026-11-30T10:00+01:00
            emea                 | 2026-11-23T10:00+01:00    | PT24H    | 2026-11-25T16:00+01:00
            emea-monday-holiday  | 2026-11-27T16:30+01:00    | PT4H     | 2026-12-01T11:30+01:00
            # Europe springs forward on Sunday 29 March 2026 and falls back on Sunday 25 October 2026
            emea                 | 2026-03-27T16:30+01:00    | PT4H     | 2026-03-30T11:30+02:00
            emea                 | 2026-10-23T16:30+02:00    | PT4H     | 2026-10-26T11:30+01:00
            berlin-round-the-clock | 2026-03-28T12:00+01:00  | PT36H    | 2026-03-30T01:00+02:00
            berlin-round-the-clock | 2026-10-24T12:00+02:00  | PT36H    | 2026-10-25T23:00+01:00
            # the US springs forward on Sunday 8 March 2026 (02:00 does not exist) and falls back on 1 November
            amer                 | 2026-03-06T16:30-05:00    | PT4H     | 2026-03-09T12:30-04:00
            amer                 | 2026-10-30T16:30-04:00    | PT4H     | 2026-11-02T12:30-05:00
            new-york-sunday-night | 2026-03-07T12:00-05:00   | PT2H     | 2026-03-08T04:00-04:00
            new-york-sunday-night | 2026-10-31T12:00-04:00   | PT3H     | 2026-11-01T03:00-05:00
            # teams in Asia
            india                | 2026-11-27T17:30+05:30    | PT2H     | 2026-11-30T10:30+05:30
            tokyo                | 2026-11-23T09:30+09:00    | PT1H     | 2026-11-23T10:30+09:00
            tokyo                | 2026-11-23T08:30Z         | PT1H     | 2026-11-24T09:30+09:00
            lunch-break          | 2026-11-23T11:30+01:00    | PT1H     | 2026-11-23T13:30+01:00
            24x7                 | 2026-11-27T17:55+01:00    | PT1H     | 2026-11-27T18:55+01:00
            24x7                 | 2026-03-28T12:00+01:00    | PT36H    | 2026-03-30T01:00+02:00
            # zero duration: due at once, even outside working hours
            emea                 | 2026-11-28T12:00+01:00    | PT0S     | 2026-11-28T12:00+01:00
            24x7                 | 2026-11-28T12:00+01:00    | PT0S     | 2026-11-28T12:00+01:00
            """)
    void addsBusinessTime(String calendar, String start, String duration, String due) {
        Instant result = CALENDARS.get(calendar).add(OffsetDateTime.parse(start).toInstant(), Duration.parse(duration));
        assertThat(result).isEqualTo(OffsetDateTime.parse(due).toInstant());
    }

    @Test
    void aCalendarWithoutWorkingTimeOrWithOverlapsIsRefused() {
        assertThatThrownBy(() -> new WorkingHours(ZoneId.of("UTC"), List.of(), List.of()))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new WorkingHours(ZoneId.of("UTC"),
                List.of(Interval.of(MONDAY, "09:00", "13:00"), Interval.of(MONDAY, "12:00", "18:00")), List.of()))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> Interval.of(MONDAY, "18:00", "09:00")).hasMessageContaining("open before");
    }
}
