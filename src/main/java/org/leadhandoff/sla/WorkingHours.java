package org.leadhandoff.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A team's business calendar: working intervals per weekday in the team's time zone, and
 * holidays on which nobody works. Counts real elapsed time inside those intervals, so an interval
 * on a day the clocks change lasts what it really lasts; wall-clock opening times stay put.
 */
public final class WorkingHours implements BusinessCalendar {

    /** How far ahead {@link #add} looks for working time before it gives up (a calendar of holidays only). */
    private static final int MAX_DAYS = 3 * 366;

    /** One working interval of a weekday, from {@code opens} (inclusive) to {@code closes} minutes after midnight. */
    public record Interval(DayOfWeek day, int opens, int closes) {

        public Interval {
            if (opens < 0 || closes > 24 * 60 || opens >= closes) {
                throw new IllegalArgumentException("An interval must open before it closes, within the day: "
                        + opens + "–" + closes);
            }
        }

        public static Interval of(DayOfWeek day, String opens, String closes) {
            return new Interval(day, minutes(opens), minutes(closes));
        }

        /** Minutes after midnight of {@code HH:mm}; {@code 24:00} is the end of the day. */
        public static int minutes(String hhmm) {
            if ("24:00".equals(hhmm)) {
                return 24 * 60;
            }
            LocalTime t = LocalTime.parse(hhmm);
            return t.getHour() * 60 + t.getMinute();
        }

        public static String text(int minutes) {
            return "%02d:%02d".formatted(minutes / 60, minutes % 60);
        }
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Interval>> byDay = new EnumMap<>(DayOfWeek.class);
    private final Set<LocalDate> holidays;

    public WorkingHours(ZoneId zone, Collection<Interval> intervals, Collection<LocalDate> holidays) {
        if (intervals.isEmpty()) {
            throw new IllegalArgumentException("A business calendar needs at least one working interval");
        }
        this.zone = zone;
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Interval> ofDay = intervals.stream().filter(i -> i.day() == day)
                    .sorted(Comparator.comparingInt(Interval::opens)).toList();
            for (int i = 1; i < ofDay.size(); i++) {
                if (ofDay.get(i).opens() < ofDay.get(i - 1).closes()) {
                    throw new IllegalArgumentException("Working intervals on " + day + " overlap");
                }
            }
            byDay.put(day, ofDay);
        }
        this.holidays = Set.copyOf(holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public Instant add(Instant start, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A negative SLA duration: " + duration);
        }
        if (duration.isZero()) {
            return start;
        }
        Duration remaining = duration;
        LocalDate date = start.atZone(zone).toLocalDate();
        for (int day = 0; day < MAX_DAYS; day++, date = date.plusDays(1)) {
            if (holidays.contains(date)) {
                continue;
            }
            for (Interval interval : byDay.get(date.getDayOfWeek())) {
                Instant opens = at(date, interval.opens());
                Instant closes = at(date, interval.closes());
                Instant from = opens.isBefore(start) ? start : opens;
                if (!from.isBefore(closes)) {
                    continue;
                }
                Duration available = Duration.between(from, closes);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("No working time within " + MAX_DAYS + " days of " + start);
    }

    /** The instant a local time of day happens; in a spring-forward gap it is the first instant after it. */
    private Instant at(LocalDate date, int minutes) {
        ZonedDateTime local = minutes == 24 * 60
                ? date.plusDays(1).atStartOfDay(zone)
                : ZonedDateTime.of(date, LocalTime.of(minutes / 60, minutes % 60), zone);
        return local.toInstant();
    }
}
