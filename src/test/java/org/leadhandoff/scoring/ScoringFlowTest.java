package org.leadhandoff.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.ActivityInput;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadInput;
import org.leadhandoff.lead.LeadView;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.ops.ModelDeployer;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Scoring as users see it: grades explained, bursts capped, hand-raisers, decay, cool-down, rules redeployed. */
class ScoringFlowTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    RepositoryService repository;
    @Autowired
    ModelDeployer deployer;
    @Autowired
    OpenLeadRescoring rescoring;

    private static int counter;

    private Lead lead(String email, String title, Integer size, String industry, String country) {
        String n = System.nanoTime() + "-" + (++counter);
        return leads.upsert(new LeadInput("score-" + n, email.replace("@", "+" + n + "@"), "Sam", "Score" + n,
                "Acme", title, size, industry, country, "web", null)).lead();
    }

    private void activity(Lead lead, ActivityType type) {
        leads.recordActivity(lead.id(), new ActivityInput(null, type, null, Map.of()));
    }

    private String json(Lead lead) throws Exception {
        return mvc.perform(get("/api/leads/" + lead.id()).header("Authorization", "Bearer test-key"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aVpOfSalesAtATargetCompanyIsGradeAAndTheApiSaysWhy() throws Exception {
        Lead vp = lead("ana@acme.example", "VP Sales", 500, "Software", "DE");
        mvc.perform(get("/api/leads/" + vp.id()).header("Authorization", "Bearer test-key"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.grade").value("A"))
                .andExpect(jsonPath("$.fitScore").value(75))
                .andExpect(jsonPath("$.scoreBreakdown[*].rule", hasItems("Title: Director, VP or C-level",
                        "Company size 200–5,000", "Target industry: Software", "Served country (emea or amer)")))
                .andExpect(jsonPath("$.scoreHistory[0].cause").value("CREATED"))
                .andExpect(jsonPath("$.scoreHistory[0].score").value(75))
                .andExpect(jsonPath("$.scoreHistory[0].parts[*].rule", hasItem("Title: Director, VP or C-level")));
        List<Integer> points = JsonPath.read(json(vp), "$.scoreBreakdown[*].points");
        assertThat(points.stream().mapToInt(Integer::intValue).sum()).isEqualTo(75);
    }

    @Test
    void aStudentWithAGmailAddressIsGradeDAndTheApiSaysWhy() throws Exception {
        Lead student = lead("kid@gmail.com", "Student", null, null, "US");
        mvc.perform(get("/api/leads/" + student.id()).header("Authorization", "Bearer test-key"))
                .andExpect(jsonPath("$.grade").value("D"))
                .andExpect(jsonPath("$.priority").value("LOW"))
                .andExpect(jsonPath("$.scoreBreakdown[*].rule",
                        hasItems("Title: student or job seeker", "Free-mail address")));
        String body = json(student);
        List<Integer> points = JsonPath.read(body, "$.scoreBreakdown[*].points");
        int score = JsonPath.read(body, "$.score");
        assertThat(points.stream().mapToInt(Integer::intValue).sum()).isEqualTo(score).isNegative();
    }

    @Test
    void twoHundredPageViewsInOneDayDoNotMakeAnMqlButADemoRequestDoes() throws Exception {
        Lead vp = lead("burst@acme.example", "VP Sales", 500, "Software", "DE");
        for (int i = 0; i < 200; i++) {
            activity(vp, ActivityType.PAGE_VIEW);
        }
        Lead after = leads.get(vp.id());
        assertThat(after.stage()).isEqualTo(Stage.LEAD);
        assertThat(after.engagementScore()).isEqualTo(10);
        assertThat(after.score()).isLessThan(100);
        mvc.perform(get("/api/leads/" + vp.id()).header("Authorization", "Bearer test-key"))
                .andExpect(jsonPath("$.scoreBreakdown[*].rule", hasItem("Page view ×200 (daily cap reached)")));

        activity(vp, ActivityType.DEMO_REQUESTED);
        runDueJobs();
        Lead raised = leads.get(vp.id());
        assertThat(raised.stage()).isEqualTo(Stage.MQL);
        assertThat(raised.priority()).isEqualTo("HIGH");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(vp.id()).count()).isEqualTo(1);
        assertThat(leads.view(vp.id()).history()).extracting(LeadView.HistoryEntry::reason)
                .containsExactly("Hand-raiser: DEMO_REQUESTED");
    }

    @Test
    void oldEngagementFadesWhenTheDecayJobRunsAndTheHistoryShowsIt() throws Exception {
        Lead lead = lead("fade@acme.example", "Engineer", 20, "Retail", "US");
        activity(lead, ActivityType.TRIAL_STARTED);
        assertThat(leads.get(lead.id()).engagementScore()).isEqualTo(40);
        // this far on no lead reaches the bar on old points, so other tests' recycled leads stay recycled
        moveClock(Duration.ofDays(120));
        OpenLeadRescoring.Rescored later = rescoring.rescoreDecaying();
        assertThat(later.rescored()).isGreaterThanOrEqualTo(1);
        assertThat(later.changed()).isGreaterThanOrEqualTo(1);
        assertThat(leads.get(lead.id()).engagementScore()).isEqualTo(16);
        moveClock(Duration.ofDays(245));
        rescoring.rescoreDecaying();
        Lead faded = leads.get(lead.id());
        assertThat(faded.engagementScore()).isEqualTo(2);
        assertThat(faded.score()).isEqualTo(faded.fitScore() + 2);
        mvc.perform(get("/api/leads/" + lead.id()).header("Authorization", "Bearer test-key"))
                .andExpect(jsonPath("$.scoreHistory[0].cause").value("DECAY"))
                .andExpect(jsonPath("$.scoreHistory[0].change").value(-14))
                .andExpect(jsonPath("$.scoreHistory[1].cause").value("DECAY"))
                .andExpect(jsonPath("$.scoreHistory[1].change").value(-24))
                .andExpect(jsonPath("$.scoreHistory[2].cause").value("ACTIVITY"))
                .andExpect(jsonPath("$.scoreHistory[2].activity").value("TRIAL_STARTED"))
                .andExpect(jsonPath("$.scoreHistory[2].change").value(40));
        // unchanged leads are not written again
        assertThat(rescoring.rescoreDecaying().changed()).isZero();
    }

    @Test
    void aRecycledLeadQualifiesAgainOnItsScoreOnlyAfterTheCoolDown() {
        Lead lead = qualifiedLead("FR");
        complete(lead, task(lead).getAssignee(), Map.of("decision", "REJECT", "rejectReason", "NOT_READY"));
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.RECYCLED);

        moveClock(Duration.ofDays(1));
        activity(lead, ActivityType.EMAIL_CLICK);
        Lead cooling = leads.get(lead.id());
        assertThat(cooling.score()).isGreaterThanOrEqualTo(100);
        assertThat(cooling.stage()).isEqualTo(Stage.RECYCLED);

        moveClock(Duration.ofDays(30));
        activity(lead, ActivityType.EMAIL_CLICK);
        runDueJobs();
        Lead again = leads.get(lead.id());
        assertThat(again.stage()).isEqualTo(Stage.MQL);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(lead.id()).count()).isEqualTo(1);
        assertThat(leads.view(lead.id()).history()).extracting(LeadView.HistoryEntry::stage)
                .containsExactly(Stage.MQL, Stage.RECYCLED, Stage.MQL);
    }

    @Test
    void anUnsubscribedLeadNeverQualifiesEvenWhenItAsksForADemo() {
        Lead lead = lead("gone@acme.example", "VP Sales", 500, "Software", "DE");
        activity(lead, ActivityType.UNSUBSCRIBED);
        activity(lead, ActivityType.DEMO_REQUESTED);
        activity(lead, ActivityType.TRIAL_STARTED);
        runDueJobs();
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.LEAD);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(lead.id()).count()).isZero();
    }

    @Test
    void aChangedPointValueRedeployedScoresTheNextActivityAndOpsRescoreAppliesItToThePast() throws Exception {
        // ops deploy in real time; deployments are ordered by the engine clock
        ClockUtil.reset();
        Lead lead = lead("rules@acme.example", null, null, null, null);
        activity(lead, ActivityType.NEWSLETTER_SIGNUP);
        assertThat(leads.get(lead.id()).engagementScore()).isEqualTo(5);
        String shipped = Files.readString(Path.of("bpmn/EngagementPoints.dmn"));
        String edited = shipped
                .replace("<outputEntry id=\"OutputEntry_NewsletterSignupPoints\"><text>5</text>",
                        "<outputEntry id=\"OutputEntry_NewsletterSignupPoints\"><text>9</text>")
                .replace("<outputEntry id=\"OutputEntry_NewsletterSignupCap\"><text>5</text>",
                        "<outputEntry id=\"OutputEntry_NewsletterSignupCap\"><text>20</text>");
        assertThat(edited).isNotEqualTo(shipped);
        try {
            // what ModelDeployer does with an edited models folder: the same deployment name, the edited file
            repository.createDeployment().name("lead-handoff-models").source("lead-handoff-models")
                    .addString("bpmn/EngagementPoints.dmn", edited).deploy();
            leads.recordActivity(lead.id(), new ActivityInput("second", ActivityType.NEWSLETTER_SIGNUP,
                    null, Map.of()));
            assertThat(leads.get(lead.id()).engagementScore()).isEqualTo(5 + 9);

            mvc.perform(post("/api/ops/rescore").with(httpBasic("alice", "demo"))).andExpect(status().isForbidden());
            mvc.perform(post("/api/ops/rescore").with(httpBasic("oscar", "demo")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.rescored", greaterThanOrEqualTo(1)))
                    .andExpect(jsonPath("$.changed", greaterThanOrEqualTo(1)));
            assertThat(leads.get(lead.id()).engagementScore()).isEqualTo(9 + 9);
            mvc.perform(get("/api/leads/" + lead.id()).header("Authorization", "Bearer test-key"))
                    .andExpect(jsonPath("$.scoreHistory[0].cause").value("RULES"))
                    .andExpect(jsonPath("$.scoreHistory[0].change").value(4));
        } finally {
            deployer.deploy();
        }
        activity(lead, ActivityType.PAGE_VIEW);
        assertThat(leads.timeline(lead.id(), 1)).extracting(a -> a.points()).containsExactly(2);
        mvc.perform(post("/api/ops/rescore").with(httpBasic("oscar", "demo"))).andExpect(status().isOk());
        // the shipped cap counts one sign-up a day
        assertThat(leads.get(lead.id()).engagementScore()).isEqualTo(5 + 2);
    }
}
