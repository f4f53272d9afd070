package org.leadhandoff.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.SignIn;
import org.leadhandoff.web.Flash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.validation.BindingResult;

/** A task's page: its form from the .form file, the API's validation with errors beside each field, and access. */
class TaskPageTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;

    private static ResultMatcher flashCode(String code) {
        return r -> assertThat(((Flash) r.getFlashMap().get(Flash.ATTRIBUTE)).code()).isEqualTo(code);
    }

    @SuppressWarnings("unchecked")
    private static List<String> shownFields(MvcResult result) {
        return ((List<FormDefinition.Field>) result.getModelAndView().getModel().get("fields")).stream()
                .filter(FormDefinition.Field::isInput).map(FormDefinition.Field::key).toList();
    }

    @Test
    void theAcceptFormShowsTheDecisionAndHidesTheReasonUntilRejecting() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task task = task(lead);
        MockHttpSession rep = SignIn.as(mvc, task.getAssignee());
        MvcResult page = mvc.perform(get("/tasks/" + task.getId()).session(rep))
                .andExpect(status().isOk())
                .andExpect(view().name("tasks/taskForm"))
                .andExpect(model().attribute("leadName", lead.displayName()))
                .andExpect(content().string(containsString("Accept the lead to start the discovery call")))
                .andExpect(content().string(containsString("type=\"radio\" name=\"decision\"")))
                .andExpect(content().string(containsString("value=\"REJECT\"")))
                .andExpect(content().string(containsString("hx-post=\"/tasks/" + task.getId() + "/fields\"")))
                .andExpect(content().string(not(containsString("name=\"rejectReason\""))))
                .andReturn();
        assertThat(shownFields(page)).containsExactly("decision");

        MvcResult rejecting = mvc.perform(post("/tasks/" + task.getId() + "/fields").session(rep).with(csrf())
                        .param("decision", "REJECT"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(containsString("<select name=\"rejectReason\"")))
                .andExpect(content().string(containsString("Wrong territory")))
                .andReturn();
        assertThat(shownFields(rejecting)).containsExactly("decision", "rejectReason");
    }

    @Test
    void anIncompleteFormShowsTheErrorBesideTheFieldAndKeepsTheValues() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task task = task(lead);
        MockHttpSession rep = SignIn.as(mvc, task.getAssignee());
        mvc.perform(post("/tasks/" + task.getId()).session(rep).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(view().name("tasks/taskForm"))
                .andExpect(model().attributeHasFieldErrorCode(TaskPageController.FORM, "decision", "task.field.required"))
                .andExpect(content().string(containsString("This field is required.")));

        MvcResult result = mvc.perform(post("/tasks/" + task.getId()).session(rep).with(csrf())
                        .param("decision", "REJECT").param("rejectReason", ""))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors(TaskPageController.FORM, "rejectReason"))
                .andExpect(model().attributeHasNoErrors("lead"))
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*value=\"REJECT\"[^>]*checked=\"checked\".*")))
                .andReturn();
        BindingResult errors = (BindingResult) result.getModelAndView().getModel()
                .get(BindingResult.MODEL_KEY_PREFIX + TaskPageController.FORM);
        assertThat(errors.getFieldErrors()).extracting(e -> e.getField()).containsExactly("rejectReason");

        mvc.perform(post("/tasks/" + task.getId()).session(rep).with(csrf()).param("decision", "MAYBE"))
                .andExpect(model().attributeHasFieldErrorCode(TaskPageController.FORM, "decision", "task.field.invalid"))
                .andExpect(content().string(containsString("This value must be one of ACCEPT, REJECT.")));
        assertThat(task(lead).getId()).isEqualTo(task.getId());
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.MQL);
    }

    @Test
    void acceptingThenQualifyingMakesTheLeadSql() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task accept = task(lead);
        MockHttpSession rep = SignIn.as(mvc, accept.getAssignee());
        mvc.perform(post("/tasks/" + accept.getId()).session(rep).with(csrf()).param("decision", "ACCEPT"))
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(flashCode("task.done"));
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SAL);
        runDueJobs();

        Task call = task(lead);
        MvcResult form = mvc.perform(get("/tasks/" + call.getId()).session(rep)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<textarea name=\"notes\"")))
                .andReturn();
        assertThat(shownFields(form)).containsExactly("outcome", "notes");
        mvc.perform(post("/tasks/" + call.getId()).session(rep).with(csrf()).param("outcome", "QUALIFIED")
                        .param("budget", "50k").param("notes", "keen"))
                .andExpect(model().attributeHasFieldErrors(TaskPageController.FORM, "authority", "need", "timeline"))
                .andExpect(content().string(containsString("value=\"50k\"")))
                .andExpect(content().string(containsString(">keen</textarea>")));
        mvc.perform(post("/tasks/" + call.getId()).session(rep).with(csrf()).param("outcome", "QUALIFIED")
                        .param("budget", "50k").param("authority", "CFO").param("need", "SLA tracking")
                        .param("timeline", "Q3").param("notes", "keen"))
                .andExpect(redirectedUrl("/inbox"));
        runDueJobs();
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SQL);
        assertThat(leads.calls(lead.id())).singleElement()
                .satisfies(c -> assertThat(c.notes().authority()).isEqualTo("CFO"));
    }

    @Test
    void rejectingWithAReasonDisqualifiesAndTheLeadPageShowsWhy() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task task = task(lead);
        MockHttpSession rep = SignIn.as(mvc, task.getAssignee());
        mvc.perform(post("/tasks/" + task.getId()).session(rep).with(csrf()).param("decision", "REJECT")
                        .param("rejectReason", "NOT_A_FIT"))
                .andExpect(redirectedUrl("/inbox"));
        runDueJobs();
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.DISQUALIFIED);
        mvc.perform(get("/leads/" + lead.id()).session(rep))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Disqualified: Not a fit")));
    }

    @Test
    void aRepOfTheTeamCompletesAQueuedLeadAndItBecomesTheirs() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task offer = task(lead);
        tasks.setAssignee(offer.getId(), null);
        leads.assigned(lead.id(), null);
        MockHttpSession bob = SignIn.as(mvc, "bob");
        mvc.perform(get("/tasks/" + offer.getId()).session(bob))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This lead waits in your team queue")));
        mvc.perform(get("/tasks/" + offer.getId()).session(SignIn.as(mvc, "carol"))).andExpect(status().isForbidden());
        mvc.perform(post("/tasks/" + offer.getId()).session(bob).with(csrf()).param("decision", "ACCEPT"))
                .andExpect(redirectedUrl("/inbox"));
        runDueJobs();
        assertThat(leads.get(lead.id()).owner()).isEqualTo("bob");
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SAL);
        Task call = task(lead);
        assertThat(call.getTaskDefinitionKey()).isEqualTo("Task_DiscoveryCall");
        assertThat(call.getAssignee()).isEqualTo("bob");
        mvc.perform(get("/leads/" + lead.id()).session(bob)).andExpect(status().isOk());
    }

    @Test
    void anotherRepsTaskIsForbiddenAndTheFormCannotBePostedForThem() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task task = task(lead);
        String other = task.getAssignee().equals("alice") ? "bob" : "alice";
        MockHttpSession session = SignIn.as(mvc, other);
        mvc.perform(get("/tasks/" + task.getId()).session(session))
                .andExpect(status().isForbidden())
                .andExpect(view().name("error/403"))
                .andExpect(content().string(containsString("Not yours to see")));
        mvc.perform(post("/tasks/" + task.getId()).session(session).with(csrf()).param("decision", "ACCEPT"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/tasks/" + task.getId()).session(SignIn.as(mvc, "carol"))).andExpect(status().isForbidden());
        mvc.perform(get("/tasks/" + task.getId()).session(SignIn.as(mvc, "maria"))).andExpect(status().isOk());
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.MQL);
    }

    @Test
    void aTaskThatChangedMeanwhileLeadsBackToTheInboxWithAClearMessage() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task task = task(lead);
        MockHttpSession rep = SignIn.as(mvc, task.getAssignee());
        mvc.perform(get("/tasks/" + task.getId()).session(rep)).andExpect(status().isOk());
        // the SLA fires while the rep still has the form open
        moveClock(Duration.ofHours(1));
        runDueJobs();
        mvc.perform(post("/tasks/" + task.getId()).session(rep).with(csrf()).param("decision", "ACCEPT"))
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(flashCode("task.changed"));
        mvc.perform(get("/tasks/" + task.getId()).session(rep))
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(flashCode("task.changed"));
        mvc.perform(get("/inbox").session(rep).flashAttr(Flash.ATTRIBUTE, Flash.warning("task.changed")))
                .andExpect(content().string(containsString("That task is no longer open")));
    }

    @Test
    void aManagerResolvesAnEscalationOnItsPageAndAnUnknownRepIsNamedBesideTheField() throws Exception {
        Lead lead = qualifiedLead("DE");
        moveClock(Duration.ofHours(1));
        runDueJobs();
        Task escalation = task(lead);
        MockHttpSession maria = SignIn.as(mvc, "maria");
        mvc.perform(post("/tasks/" + escalation.getId()).session(maria).with(csrf()).param("action", "REASSIGN")
                        .param("newAssignee", "oscar"))
                .andExpect(model().attributeHasFieldErrorCode(TaskPageController.FORM, "newAssignee",
                        "task.field.invalid"))
                .andExpect(content().string(containsString("This value is not a sales rep.")));
        mvc.perform(post("/tasks/" + escalation.getId()).session(maria).with(csrf()).param("action", "RECYCLE"))
                .andExpect(redirectedUrl("/inbox"));
        runDueJobs();
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.RECYCLED);
    }
}
