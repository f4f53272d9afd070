package org.leadhandoff.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Managers read and change a team's calendar; the due dates of the team's running clocks follow. */
class TeamCalendarApiTest extends ProcessTestBase {

    private static final String EMEA_WITH_MONDAY_HOLIDAY = """
            {"timeZone":"Europe/Berlin",
             "hours":[{"day":"MONDAY","from":"09:00","to":"18:00"},{"day":"TUESDAY","from":"09:00","to":"18:00"},
                      {"day":"WEDNESDAY","from":"09:00","to":"18:00"},{"day":"THURSDAY","from":"09:00","to":"18:00"},
                      {"day":"FRIDAY","from":"09:00","to":"18:00"}],
             "holidays":[{"date":"2026-11-30","name":"Team day"}]}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    TeamCalendarService calendars;

    @AfterEach
    void demoCalendarAgain() {
        calendars.update("emea", new TeamCalendar("emea", "Europe/Berlin", Stream.of(DayOfWeek.MONDAY,
                DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
                .map(d -> new TeamCalendar.Hours(d, "09:00", "18:00")).toList(), List.of()));
    }

    private ResultActions putCalendar(String user, String team, String json) throws Exception {
        return mvc.perform(put("/api/teams/" + team + "/calendar").with(httpBasic(user, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @Test
    void theManagerSeesTheDemoCalendars() throws Exception {
        mvc.perform(get("/api/teams/amer/calendar").with(httpBasic("maria", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timeZone").value("America/New_York"))
                .andExpect(jsonPath("$.hours[*].day").value(contains("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                        "FRIDAY")))
                .andExpect(jsonPath("$.hours[0].from").value("09:00"))
                .andExpect(jsonPath("$.hours[0].to").value("17:00"))
                .andExpect(jsonPath("$.holidays").isEmpty());
    }

    @Test
    void repsMayNotChangeIt_unknownTeamsAreNotFound() throws Exception {
        putCalendar("alice", "emea", EMEA_WITH_MONDAY_HOLIDAY).andExpect(status().isForbidden());
        mvc.perform(get("/api/teams/emea/calendar").with(httpBasic("alice", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/teams/emea/calendar")).andExpect(status().isUnauthorized());
        putCalendar("maria", "apac", EMEA_WITH_MONDAY_HOLIDAY).andExpect(status().isNotFound());
    }

    @Test
    void badInputNamesEachFieldAndChangesNothing() throws Exception {
        putCalendar("maria", "emea", """
                {"timeZone":"Europe/Atlantis",
                 "hours":[{"day":"MONDAY","from":"18:00","to":"09:00"},{"day":"TUESDAY","from":"9am","to":"25:00"},
                          {"day":"WEDNESDAY","from":"09:00","to":"13:00"},{"day":"WEDNESDAY","from":"12:00","to":"18:00"},
                          {"from":"09:00","to":"18:00"}],
                 "holidays":[{"date":"2026-12-24"},{"date":"2026-12-24"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("timeZone", "hours[0].to",
                        "hours[1].from", "hours[1].to", "hours[3]", "hours[4].day", "holidays[1].date")));
        putCalendar("maria", "emea", """
                {"timeZone":"Europe/Berlin","hours":[]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("hours"));
        putCalendar("maria", "emea", """
                {"timeZone":"Europe/Berlin","hours":[{"day":"FUNDAY","from":"09:00","to":"18:00"}]}""")
                .andExpect(status().isBadRequest());
        assertThat(calendars.get("emea").hours()).hasSize(5);
        assertThat(calendars.get("emea").holidays()).isEmpty();
    }

    @Test
    void aNewHolidayMovesTheDueDatesOfRunningClocksAndTheirTimers() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-27T16:55:00Z"))); // Friday 17:55 in Berlin
        Lead lead = qualifiedLead("DE");
        assertThat(task(lead).getDueDate().toInstant()).isEqualTo(Instant.parse("2026-11-30T08:55:00Z"));

        putCalendar("maria", "emea", EMEA_WITH_MONDAY_HOLIDAY)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holidays[0].date").value("2026-11-30"));

        Instant tuesday = Instant.parse("2026-12-01T08:55:00Z");
        assertThat(task(lead).getDueDate().toInstant()).isEqualTo(tuesday);
        assertThat(leads.view(lead.id()).sla().dueAt()).isEqualTo(tuesday);
        assertThat(timer(lead, "BoundaryEvent_AcceptSlaBreached")).isEqualTo(tuesday);
        assertThat(timer(lead, "BoundaryEvent_AcceptReminder")).isEqualTo(Instant.parse("2026-12-01T08:40:00Z"));

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T12:00:00Z"))); // the holiday: no breach
        runDueJobs();
        assertThat(task(lead).getTaskDefinitionKey()).isEqualTo("Task_AcceptLead");
        ClockUtil.setCurrentTime(Date.from(tuesday));
        runDueJobs();
        assertThat(task(lead).getTaskDefinitionKey()).isEqualTo("Task_ResolveEscalation");
    }

    private Instant timer(Lead lead, String activityId) {
        return management.createJobQuery().processInstanceId(leads.get(lead.id()).handoffId()).activityId(activityId)
                .timers().singleResult().getDuedate().toInstant();
    }
}
