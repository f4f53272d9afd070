package org.leadhandoff.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.SignIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The bell: assignments, reminders and escalations land there for the person concerned, unread until read. */
class BellTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    Bell bell;

    @Test
    void assignmentReminderAndEscalationRingTheRightPeople() {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        assertThat(bell.latest(rep)).filteredOn(n -> n.leadId().equals(lead.id())).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Bell.Kind.ASSIGNED);
            assertThat(n.leadId()).isEqualTo(lead.id());
            assertThat(n.leadName()).isEqualTo(lead.displayName() + ", Acme");
            assertThat(n.read()).isFalse();
        });
        moveClock(Duration.ofMinutes(45));
        runDueJobs();
        assertThat(bell.latest(rep)).filteredOn(n -> n.leadId().equals(lead.id()))
                .extracting(Bell.Notice::kind).containsExactly(Bell.Kind.REMINDER, Bell.Kind.ASSIGNED);
        moveClock(Duration.ofMinutes(15));
        runDueJobs();
        assertThat(bell.latest("maria")).filteredOn(n -> n.leadId().equals(lead.id()))
                .extracting(Bell.Notice::kind).containsExactly(Bell.Kind.ESCALATION);
    }

    @Test
    void theBellShowsTheUnreadCountUntilMarkedRead() throws Exception {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        MockHttpSession session = SignIn.as(mvc, rep);
        long unread = bell.unread(rep);
        assertThat(unread).isPositive();
        mvc.perform(get("/notifications/bell").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("class=\"badge\">" + unread + "<")))
                .andExpect(content().string(not(containsString("<html"))));
        mvc.perform(get("/notifications").session(session))
                .andExpect(content().string(containsString("New lead for you: " + lead.displayName())))
                .andExpect(content().string(containsString("href=\"/leads/" + lead.id() + "\"")));
        mvc.perform(post("/notifications/read").session(session).with(csrf()))
                .andExpect(redirectedUrl("/notifications"));
        assertThat(bell.unread(rep)).isZero();
        mvc.perform(get("/notifications/bell").session(session))
                .andExpect(content().string(not(containsString("class=\"badge\""))));
    }

    @Test
    void everyPageCarriesTheBell() throws Exception {
        mvc.perform(get("/inbox").session(SignIn.as(mvc, "carol")))
                .andExpect(content().string(containsString("hx-get=\"/notifications/bell\"")));
    }
}
