package org.leadhandoff.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.SignIn;
import org.leadhandoff.web.Flash;
import org.leadhandoff.web.SlaRisk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The inbox: own tasks by SLA deadline with their leads, the team queue, claiming, refreshes and who sees what. */
class InboxPageTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;

    private InboxController.Inbox inbox(MockHttpSession session) throws Exception {
        MvcResult result = mvc.perform(get("/inbox").session(session))
                .andExpect(status().isOk()).andExpect(view().name("tasks/inbox")).andReturn();
        return (InboxController.Inbox) result.getModelAndView().getModel().get("inbox");
    }

    /** A lead waiting in team emea's queue: offered to the team, assigned to nobody. */
    private Lead queued() {
        Lead lead = qualifiedLead("DE");
        tasks.setAssignee(task(lead).getId(), null);
        return lead;
    }

    @Test
    void ownTasksComeEarliestDueFirstWithTheirLeadAndRisk() throws Exception {
        Lead first = qualifiedLead("DE");
        String rep = task(first).getAssignee();
        moveClock(Duration.ofMinutes(50));
        Lead second;
        do {
            second = qualifiedLead("DE");
        } while (!rep.equals(task(second).getAssignee()));

        List<InboxController.Item> mine = inbox(SignIn.as(mvc, rep)).mine();
        assertThat(mine).extracting(i -> i.task().leadId()).containsSubsequence(first.id(), second.id());
        assertThat(mine).extracting(i -> i.task().dueAt()).isSorted();
        assertThat(mine).allSatisfy(i -> assertThat(i.task().assignee()).isEqualTo(rep));
        InboxController.Item item = mine.stream().filter(i -> i.lead().id().equals(first.id())).findFirst().orElseThrow();
        assertThat(item.lead().company()).isEqualTo("Acme");
        assertThat(item.lead().grade()).isEqualTo("A");
        assertThat(item.lead().priority()).isEqualTo("HIGH");
        // a HIGH lead has an hour to be accepted: 50 minutes in, it is due soon; the new one is on track
        assertThat(item.risk()).isEqualTo(SlaRisk.DUE_SOON);
        String secondId = second.id();
        assertThat(mine.stream().filter(i -> i.lead().id().equals(secondId)).findFirst().orElseThrow().risk())
                .isEqualTo(SlaRisk.ON_TRACK);
    }

    @Test
    void thePageShowsCountdownsAndRefreshesItsListThroughHtmx() throws Exception {
        Lead lead = qualifiedLead("DE");
        MockHttpSession session = SignIn.as(mvc, task(lead).getAssignee());
        mvc.perform(get("/inbox").session(session))
                .andExpect(content().string(containsString("hx-get=\"/inbox/tasks\"")))
                .andExpect(content().string(containsString("/dist/htmx.min.js")))
                .andExpect(content().string(containsString("1h 0m left")))
                .andExpect(content().string(containsString("href=\"/tasks/" + task(lead).getId() + "\"")));
        mvc.perform(get("/inbox/tasks").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(containsString("id=\"inbox-tasks\"")))
                .andExpect(content().string(containsString(lead.displayName())));
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
    }

    @Test
    void emptyListsSayWhatToDo() throws Exception {
        String rep = "new-rep-" + System.nanoTime();
        org.camunda.bpm.engine.identity.User user = identity.newUser(rep);
        user.setPassword("demo");
        identity.saveUser(user);
        identity.createMembership(rep, "reps");
        mvc.perform(get("/inbox").session(SignIn.as(mvc, rep)))
                .andExpect(content().string(containsString("No open tasks right now")))
                .andExpect(content().string(containsString("Your team queue is empty")));
    }

    @Test
    void theTeamQueueIsOfferedToTheTeamOnlyAndClaimingMakesTheLeadYours() throws Exception {
        Lead lead = queued();
        String taskId = task(lead).getId();
        assertThat(inbox(SignIn.as(mvc, "bob")).queue()).extracting(i -> i.task().id()).contains(taskId);
        assertThat(inbox(SignIn.as(mvc, "carol")).queue()).extracting(i -> i.task().id()).doesNotContain(taskId);

        mvc.perform(post("/tasks/" + taskId + "/claim").session(SignIn.as(mvc, "carol")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/tasks/" + taskId + "/claim").session(SignIn.as(mvc, "alice")).with(csrf()))
                .andExpect(redirectedUrl("/tasks/" + taskId))
                .andExpect(flash().attributeExists("flash"));
        assertThat(task(lead).getAssignee()).isEqualTo("alice");
        assertThat(leads.get(lead.id()).owner()).isEqualTo("alice");
        assertThat(inbox(SignIn.as(mvc, "alice")).mine()).extracting(i -> i.task().id()).contains(taskId);

        // bob was a moment too late: a clear message, not an error page
        mvc.perform(post("/tasks/" + taskId + "/claim").session(SignIn.as(mvc, "bob")).with(csrf()))
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(r -> assertThat(((Flash) r.getFlashMap().get(Flash.ATTRIBUTE)).code())
                        .isEqualTo("task.changed"));
        assertThat(task(lead).getAssignee()).isEqualTo("alice");
    }

    @Test
    void claimingNeedsACsrfToken() throws Exception {
        Task task = task(queued());
        mvc.perform(post("/tasks/" + task.getId() + "/claim").session(SignIn.as(mvc, "alice")))
                .andExpect(status().isForbidden());
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
    }

    @Test
    void opsAndAdminsHaveNoInbox() throws Exception {
        mvc.perform(get("/inbox").session(SignIn.as(mvc, "oscar"))).andExpect(status().isForbidden());
        mvc.perform(get("/inbox").session(SignIn.as(mvc, "admin"))).andExpect(status().isForbidden());
    }

    @Test
    void aManagerStartsOnTheEscalationsOfTheirTeams() throws Exception {
        MockHttpSession maria = SignIn.as(mvc, "maria");
        mvc.perform(get("/escalations").session(maria))
                .andExpect(content().string(containsString("href=\"/dashboard\"")));
        Lead lead = qualifiedLead("DE");
        moveClock(Duration.ofHours(1));
        runDueJobs();
        Task escalation = task(lead);
        assertThat(escalation.getTaskDefinitionKey()).isEqualTo("Task_ResolveEscalation");
        MvcResult result = mvc.perform(get("/escalations").session(maria)).andExpect(status().isOk()).andReturn();
        @SuppressWarnings("unchecked")
        List<InboxController.Item> escalations = (List<InboxController.Item>) result.getModelAndView().getModel()
                .get("escalations");
        assertThat(escalations).extracting(i -> i.task().id()).contains(escalation.getId());
        mvc.perform(get("/escalations").session(SignIn.as(mvc, "alice"))).andExpect(status().isForbidden());
    }
}
