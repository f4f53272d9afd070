package org.leadhandoff.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.SignIn;
import org.leadhandoff.tasks.TaskView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The lead page: what it shows the people working the lead, and that nobody else sees it. */
class LeadPageTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;

    @Test
    void theOwnerSeesProfileScoreTimelineHistoryAndTheTaskNowRunning() throws Exception {
        Lead lead = qualifiedLead("DE");
        leads.recordActivity(lead.id(), new ActivityInput("a-1", ActivityType.PRICING_PAGE_VIEW, null, Map.of()));
        String rep = task(lead).getAssignee();
        MvcResult result = mvc.perform(get("/leads/" + lead.id()).session(SignIn.as(mvc, rep)))
                .andExpect(status().isOk())
                .andExpect(view().name("leads/leadDetails"))
                .andExpect(model().attribute("mayOpenTask", true))
                .andExpect(content().string(containsString(lead.email())))
                .andExpect(content().string(containsString("Hand-raiser: DEMO_REQUESTED")))
                .andExpect(content().string(containsString("Demo requested")))
                .andExpect(content().string(containsString("Pricing page view")))
                .andExpect(content().string(containsString("Accept clock running")))
                .andExpect(content().string(containsString("href=\"/tasks/" + task(lead).getId() + "\"")))
                .andReturn();
        Map<String, Object> model = result.getModelAndView().getModel();
        LeadView view = (LeadView) model.get("lead");
        assertThat(view.stage()).isEqualTo(Stage.MQL);
        assertThat(view.scoreBreakdown()).isNotEmpty();
        assertThat(view.scoreBreakdown().stream().mapToInt(p -> p.points()).sum()).isEqualTo(view.score());
        assertThat(view.history()).extracting(LeadView.HistoryEntry::stage).containsExactly(Stage.MQL);
        assertThat(((TaskView) model.get("currentTask")).taskKey()).isEqualTo("Task_AcceptLead");
        @SuppressWarnings("unchecked")
        List<LeadService.Activity> timeline = (List<LeadService.Activity>) model.get("timeline");
        assertThat(timeline).extracting(LeadService.Activity::type)
                .containsExactly(ActivityType.PRICING_PAGE_VIEW, ActivityType.DEMO_REQUESTED);
    }

    @Test
    void otherRepsOpsAndAdminsMayNotSeeTheLeadButItsTeamsManagerMay() throws Exception {
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        String teammate = rep.equals("alice") ? "bob" : "alice";
        mvc.perform(get("/leads/" + lead.id()).session(SignIn.as(mvc, teammate)))
                .andExpect(status().isForbidden())
                .andExpect(view().name("error/403"));
        mvc.perform(get("/leads/" + lead.id()).session(SignIn.as(mvc, "carol"))).andExpect(status().isForbidden());
        mvc.perform(get("/leads/" + lead.id()).session(SignIn.as(mvc, "oscar"))).andExpect(status().isForbidden());
        mvc.perform(get("/leads/" + lead.id()).session(SignIn.as(mvc, "maria")))
                .andExpect(status().isOk())
                .andExpect(model().attribute("mayOpenTask", true));
    }

    @Test
    void aLeadInTheTeamQueueIsOpenToTheTeamsReps() throws Exception {
        Lead lead = qualifiedLead("DE");
        tasks.setAssignee(task(lead).getId(), null);
        assigned(lead.id(), null);
        mvc.perform(get("/leads/" + lead.id()).session(SignIn.as(mvc, "bob")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("in the team queue")));
        mvc.perform(get("/leads/" + lead.id()).session(SignIn.as(mvc, "dave"))).andExpect(status().isForbidden());
    }

    @Test
    void anUnknownLeadIsAReadable404() throws Exception {
        mvc.perform(get("/leads/no-such-lead").session(SignIn.as(mvc, "alice")))
                .andExpect(status().isNotFound())
                .andExpect(view().name("error/404"))
                .andExpect(content().string(containsString("Not found")));
    }

    private void assigned(String leadId, String owner) {
        leads.assigned(leadId, owner);
    }
}
