package org.leadhandoff.sla;

import org.leadhandoff.security.CurrentUser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A team's business calendar, for the managers of that team. */
@RestController
@RequestMapping("/api/teams/{team}/calendar")
class TeamCalendarController {

    private final TeamCalendarService calendars;
    private final CurrentUser user;

    TeamCalendarController(TeamCalendarService calendars, CurrentUser user) {
        this.calendars = calendars;
        this.user = user;
    }

    @GetMapping
    TeamCalendar get(@PathVariable String team) {
        TeamCalendar calendar = calendars.get(team);
        checkManager(team);
        return calendar;
    }

    /** Replaces the calendar; the due dates of the team's running SLA clocks and their timers follow. */
    @PutMapping
    TeamCalendar put(@PathVariable String team, @RequestBody TeamCalendar calendar) {
        calendars.get(team);
        checkManager(team);
        return calendars.update(team, calendar);
    }

    private void checkManager(String team) {
        if (!user.isManagerOf(team)) {
            throw new AccessDeniedException("Only a manager of team " + team + " may see or change its calendar");
        }
    }
}
