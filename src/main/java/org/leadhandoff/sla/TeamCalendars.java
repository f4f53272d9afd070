package org.leadhandoff.sla;

import java.sql.Date;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Optional;
import org.leadhandoff.sla.WorkingHours.Interval;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The teams' working hours and holidays; the time zone lives on the team itself. */
@Repository
class TeamCalendars {

    private final JdbcClient jdbc;

    TeamCalendars(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> timeZone(String team) {
        return jdbc.sql("select time_zone from teams where id = ?").param(team).query(String.class).optional();
    }

    List<Interval> hours(String team) {
        return jdbc.sql("""
                select day_of_week, opens_minute, closes_minute from team_working_hours
                 where team_id = ? order by day_of_week, opens_minute""")
                .param(team)
                .query((rs, n) -> new Interval(DayOfWeek.of(rs.getInt(1)), rs.getInt(2), rs.getInt(3)))
                .list();
    }

    List<TeamCalendar.Holiday> holidays(String team) {
        return jdbc.sql("select holiday, name from team_holidays where team_id = ? order by holiday")
                .param(team)
                .query((rs, n) -> new TeamCalendar.Holiday(rs.getDate(1).toLocalDate(), rs.getString(2)))
                .list();
    }

    /** Locks the team row so two calendar changes of one team happen one after the other. */
    boolean lock(String team) {
        return jdbc.sql("select id from teams where id = ? for update").param(team).query(String.class).optional()
                .isPresent();
    }

    void replace(String team, String timeZone, List<Interval> hours, List<TeamCalendar.Holiday> holidays) {
        jdbc.sql("update teams set time_zone = ? where id = ?").params(timeZone, team).update();
        jdbc.sql("delete from team_working_hours where team_id = ?").param(team).update();
        jdbc.sql("delete from team_holidays where team_id = ?").param(team).update();
        for (Interval i : hours) {
            jdbc.sql("insert into team_working_hours (team_id, day_of_week, opens_minute, closes_minute)"
                    + " values (?, ?, ?, ?)").params(team, i.day().getValue(), i.opens(), i.closes()).update();
        }
        for (TeamCalendar.Holiday h : holidays) {
            jdbc.sql("insert into team_holidays (team_id, holiday, name) values (?, ?, ?)")
                    .params(team, Date.valueOf(h.date()), h.name()).update();
        }
    }
}
