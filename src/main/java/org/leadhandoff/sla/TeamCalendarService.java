package org.leadhandoff.sla;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.leadhandoff.sla.WorkingHours.Interval;
import org.leadhandoff.web.FieldProblem;
import org.leadhandoff.web.InvalidInputException;
import org.leadhandoff.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The teams' business calendars: which calendar an SLA of a team counts in, and changes to it.
 * With {@code handoff.sla.calendar=24x7}, or for a team without any working hours stored, SLAs
 * count wall-clock time: a missing calendar must never make a deadline later than configured.
 */
@Service
public class TeamCalendarService {

    private final TeamCalendars calendars;
    private final SlaProperties properties;
    private final ApplicationEventPublisher events;

    TeamCalendarService(TeamCalendars calendars, SlaProperties properties, ApplicationEventPublisher events) {
        this.calendars = calendars;
        this.properties = properties;
        this.events = events;
    }

    /** The calendar the team's SLAs count in. */
    @Transactional(readOnly = true)
    public BusinessCalendar calendarFor(String team) {
        if (properties.wallClock() || team == null) {
            return BusinessCalendar.TWENTY_FOUR_SEVEN;
        }
        List<Interval> hours = calendars.hours(team);
        if (hours.isEmpty()) {
            return BusinessCalendar.TWENTY_FOUR_SEVEN;
        }
        ZoneId zone = ZoneId.of(calendars.timeZone(team).orElse("UTC"));
        return new WorkingHours(zone, hours, calendars.holidays(team).stream().map(TeamCalendar.Holiday::date)
                .toList());
    }

    @Transactional(readOnly = true)
    public TeamCalendar get(String team) {
        String zone = calendars.timeZone(team).orElseThrow(() -> new NotFoundException("No team " + team));
        List<TeamCalendar.Hours> hours = calendars.hours(team).stream()
                .map(i -> new TeamCalendar.Hours(i.day(), Interval.text(i.opens()), Interval.text(i.closes())))
                .toList();
        return new TeamCalendar(team, zone, hours, calendars.holidays(team));
    }

    /**
     * Replaces the team's calendar and tells the listeners ({@link TeamCalendarChanged}), who
     * recompute the due dates of the team's running clocks in the same transaction.
     */
    @Transactional
    public TeamCalendar update(String team, TeamCalendar in) {
        if (!calendars.lock(team)) {
            throw new NotFoundException("No team " + team);
        }
        Valid valid = validate(in);
        calendars.replace(team, valid.zone().getId(), valid.hours(), valid.holidays());
        events.publishEvent(new TeamCalendarChanged(team));
        return get(team);
    }

    /** Seeds a calendar for a team that has none yet (demo data); a calendar a manager set is kept. */
    @Transactional
    public void defineIfAbsent(String team, List<TeamCalendar.Hours> hours) {
        if (calendars.lock(team) && calendars.hours(team).isEmpty()) {
            List<Interval> intervals = hours.stream().map(h -> Interval.of(h.day(), h.from(), h.to())).toList();
            calendars.replace(team, calendars.timeZone(team).orElseThrow(), intervals, List.of());
        }
    }

    private record Valid(ZoneId zone, List<Interval> hours, List<TeamCalendar.Holiday> holidays) {
    }

    private static Valid validate(TeamCalendar in) {
        List<FieldProblem> problems = new ArrayList<>();
        ZoneId zone = null;
        if (in.timeZone() == null || in.timeZone().isBlank()) {
            problems.add(new FieldProblem("timeZone", in.timeZone(), "is required, e.g. Europe/Berlin"));
        } else {
            try {
                zone = ZoneId.of(in.timeZone());
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("timeZone", in.timeZone(), "must be an IANA time zone, e.g. Europe/Berlin"));
            }
        }
        List<Interval> intervals = new ArrayList<>();
        List<TeamCalendar.Hours> hours = in.hours() == null ? List.of() : in.hours();
        if (hours.isEmpty()) {
            problems.add(new FieldProblem("hours", null, "must hold at least one working interval"));
        }
        for (int i = 0; i < hours.size(); i++) {
            TeamCalendar.Hours h = hours.get(i);
            String at = "hours[" + i + "]";
            if (h == null || h.day() == null) {
                problems.add(new FieldProblem(at + ".day", null, "is required (MONDAY … SUNDAY)"));
                continue;
            }
            Integer from = minutes(h.from(), at + ".from", problems);
            Integer to = minutes(h.to(), at + ".to", problems);
            if (from == null || to == null) {
                continue;
            }
            if (from >= to) {
                problems.add(new FieldProblem(at + ".to", h.to(), "must be after from (" + h.from() + ")"));
                continue;
            }
            Interval interval = new Interval(h.day(), from, to);
            if (intervals.stream().anyMatch(o -> o.day() == interval.day() && o.opens() < interval.closes()
                    && interval.opens() < o.closes())) {
                problems.add(new FieldProblem(at, h.from() + "–" + h.to(), "overlaps another interval on " + h.day()));
                continue;
            }
            intervals.add(interval);
        }
        List<TeamCalendar.Holiday> holidays = in.holidays() == null ? List.of() : in.holidays();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < holidays.size(); i++) {
            TeamCalendar.Holiday h = holidays.get(i);
            if (h == null || h.date() == null) {
                problems.add(new FieldProblem("holidays[" + i + "].date", null, "is required (YYYY-MM-DD)"));
            } else if (!seen.add(h.date())) {
                problems.add(new FieldProblem("holidays[" + i + "].date", h.date(), "is listed twice"));
            } else if (h.name() != null && h.name().length() > 100) {
                problems.add(new FieldProblem("holidays[" + i + "].name", h.name(), "must be at most 100 characters"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Valid(zone, intervals, holidays);
    }

    private static Integer minutes(String hhmm, String field, List<FieldProblem> problems) {
        if (hhmm != null && hhmm.matches("(([01]\\d|2[0-3]):[0-5]\\d)|24:00")) {
            return Interval.minutes(hhmm);
        }
        problems.add(new FieldProblem(field, hhmm, "must be a time HH:mm between 00:00 and 24:00"));
        return null;
    }
}
