package org.leadhandoff.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.SignIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The manager's dashboard page: the figures it shows, leads at risk, filters and who may open it. */
class DashboardPageTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    private MvcResult page(MockHttpSession session, String query) throws Exception {
        return mvc.perform(get("/dashboard" + query).session(session))
                .andExpect(status().isOk()).andExpect(view().name("dashboard/dashboard")).andReturn();
    }

    @Test
    void theTilesShowTheSameFiguresAsTheSummaryApi() throws Exception {
        Lead lead = qualifiedLead("DE");
        moveClock(Duration.ofMinutes(5));
        complete(lead, task(lead).getAssignee(), Map.of("decision", "ACCEPT"));

        MvcResult result = page(SignIn.as(mvc, "maria"), "?team=emea&period=7");
        SlaSummary shown = (SlaSummary) result.getModelAndView().getModel().get("summary");
        JsonNode api = json.readTree(mvc.perform(get("/api/sla/summary?team=emea&from=" + shown.from() + "&to=" + shown.to())
                .with(httpBasic("maria", "demo"))).andReturn().getResponse().getContentAsString());
        assertThat(shown.to().toString()).isEqualTo("2026-11-23");
        assertThat(shown.from().toString()).isEqualTo("2026-11-17");
        assertThat(shown.handoffs()).isEqualTo(api.path("handoffs").asLong()).isPositive();
        assertThat(shown.breaches()).isEqualTo(api.path("breaches").asLong());
        assertThat(shown.byRep()).extracting(SlaSummary.RepFigures::rep)
                .containsExactlyElementsOf(api.path("byRep").findValuesAsText("rep"));
        String html = result.getResponse().getContentAsString();
        assertThat(html).contains("id=\"tile-accept\"", "id=\"rep-table\"", "id=\"trend-chart\"", "id=\"funnel\"");
        // the funnel counts the lead as an MQL that became SAL
        Dashboard.Funnel funnel = (Dashboard.Funnel) result.getModelAndView().getModel().get("funnel");
        assertThat(funnel.mql()).isPositive();
        assertThat(funnel.sal()).isPositive().isLessThanOrEqualTo(funnel.mql());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBreachedLeadIsAtRiskWithAResolveButtonForTheEscalation() throws Exception {
        // 10:00 in Berlin: inside team emea's working hours, so the hour to accept is a wall-clock hour
        Lead lead = qualifiedLead("DE");
        moveClock(Duration.ofMinutes(30));
        MockHttpSession maria = SignIn.as(mvc, "maria");
        // due within the hour: at risk, not yet breached
        List<Dashboard.AtRisk> soon = (List<Dashboard.AtRisk>) mvc.perform(get("/dashboard/at-risk").session(maria))
                .andExpect(status().isOk()).andReturn().getModelAndView().getModel().get("atRisk");
        assertThat(soon).filteredOn(r -> r.leadId().equals(lead.id())).singleElement()
                .satisfies(r -> assertThat(r.breached()).isFalse()).satisfies(r -> assertThat(r.kind()).isEqualTo("ACCEPT"));

        moveClock(Duration.ofMinutes(31));
        runDueJobs();
        String fragment = mvc.perform(get("/dashboard/at-risk?team=emea").session(maria))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("data-lead=\"" + lead.id() + "\"", "Escalation", "Resolve",
                "/tasks/" + task(lead).getId());
    }

    @Test
    void oneClickReassignsALeadThatWaitsTooLongForItsRep() throws Exception {
        Lead lead = qualifiedLead("DE");
        String first = task(lead).getAssignee();
        moveClock(Duration.ofMinutes(40));
        MockHttpSession maria = SignIn.as(mvc, "maria");
        String fragment = mvc.perform(get("/dashboard/at-risk?team=emea").session(maria))
                .andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("/dashboard/at-risk/" + lead.id() + "/reassign");

        MvcResult done = mvc.perform(post("/dashboard/at-risk/" + lead.id() + "/reassign").param("team", "emea")
                        .session(maria).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/dashboard?team=emea")).andReturn();
        assertThat(flashCode(done)).isEqualTo("dashboard.reassigned");
        runDueJobs();
        org.camunda.bpm.engine.task.Task offered = task(lead);
        assertThat(offered.getTaskDefinitionKey()).isEqualTo("Task_AcceptLead");
        assertThat(offered.getAssignee()).isNotEqualTo(first);
        // a fresh hour for the new rep, from now
        assertThat(leads.view(lead.id()).sla().dueAt()).isEqualTo(now().plus(Duration.ofHours(1)));

        // the lead no longer waits for a decision once accepted: nothing changes, and the manager is told
        complete(lead, offered.getAssignee(), Map.of("decision", "ACCEPT"));
        assertThat(flashCode(mvc.perform(post("/dashboard/at-risk/" + lead.id() + "/reassign").session(maria)
                .with(csrf())).andReturn())).isEqualTo("dashboard.reassign.gone");
        assertThat(task(lead).getTaskDefinitionKey()).isEqualTo("Task_DiscoveryCall");
        // reps may not reassign
        mvc.perform(post("/dashboard/at-risk/" + lead.id() + "/reassign").session(SignIn.as(mvc, first)).with(csrf()))
                .andExpect(status().isForbidden());
    }

    private static String flashCode(MvcResult result) {
        return ((org.leadhandoff.web.Flash) result.getFlashMap().get(org.leadhandoff.web.Flash.ATTRIBUTE)).code();
    }

    @Test
    void aBadCustomPeriodIsExplainedAndTheDefaultShown() throws Exception {
        MvcResult result = page(SignIn.as(mvc, "maria"), "?period=custom&from=2026-11-30&to=2026-11-01");
        assertThat(result.getResponse().getContentAsString()).contains("must not be after to");
        SlaSummary shown = (SlaSummary) result.getModelAndView().getModel().get("summary");
        assertThat(shown.from()).isEqualTo(shown.to().minusDays(29));
    }

    @Test
    void onlyManagersOpenIt() throws Exception {
        mvc.perform(get("/dashboard").session(SignIn.as(mvc, "alice"))).andExpect(status().isForbidden());
        mvc.perform(get("/dashboard").session(SignIn.as(mvc, "oscar"))).andExpect(status().isForbidden());
        mvc.perform(get("/dashboard")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/dashboard").session(SignIn.as(mvc, "maria")))
                .andExpect(content().string(containsString("SLA dashboard")));
    }
}
