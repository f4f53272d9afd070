package org.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.ActivityInput;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadInput;
import org.leadhandoff.notify.Bell;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Routing on the running process: a demo day's leads shared by weight with nobody on leave getting
 * one, the manager told when nobody can take a lead, the table's priority stored on the lead, and an
 * ops redeploy of LeadRouting.dmn taking effect without a restart.
 */
class RoutingProcessTest extends ProcessTestBase {

    @Autowired
    Teams teams;
    @Autowired
    RepRouter router;
    @Autowired
    RepositoryService repository;
    @Autowired
    Bell bell;

    @AfterEach
    void restoreDemoReps() {
        for (String rep : List.of("alice", "bob", "carol", "dave")) {
            teams.update(rep, true, 1, 50);
            teams.replaceLeave(rep, List.of());
        }
    }

    @Test
    void overADemoDayEachRepGetsTheirWeightsShareAndNobodyOnLeaveGetsALead() {
        // emea: alice counts double; amer: carol is on leave today (New York), so dave takes them all
        teams.update("alice", true, 2, Reps.MAX_CAPACITY);
        teams.update("bob", true, 1, Reps.MAX_CAPACITY);
        teams.update("carol", true, 1, Reps.MAX_CAPACITY);
        teams.update("dave", true, 1, Reps.MAX_CAPACITY);
        LocalDate today = LocalDate.of(2026, 11, 23);
        teams.replaceLeave("carol", List.of(new Leave(today, today)));

        Map<String, Integer> got = new TreeMap<>();
        // 09:00 to 17:00 UTC, a lead every 20 minutes, three in four from EMEA
        for (int n = 0; n < 24; n++) {
            Lead lead = qualifiedLead(n % 4 == 3 ? "US" : List.of("DE", "FR", "ZA").get(n % 3));
            got.merge(task(lead).getAssignee(), 1, Integer::sum);
            moveClock(Duration.ofMinutes(20));
        }
        // 18 EMEA leads at 2:1 -> 12 and 6 (stride scheduling: within a lead); 6 AMER leads all to dave
        assertThat(got.get("alice")).isBetween(11, 13);
        assertThat(got.get("bob")).isBetween(5, 7);
        assertThat(got.get("alice") + got.get("bob")).isEqualTo(18);
        assertThat(got).doesNotContainKey("carol").containsEntry("dave", 6);
    }

    @Test
    void whenNobodyCanTakeALeadItWaitsInTheTeamQueueAndTheManagerIsTold() {
        teams.update("alice", false, 1, 50);
        teams.update("bob", true, 1, 0);
        long unreadBefore = bell.unread("maria");

        Lead lead = qualifiedLead("DE");

        Task task = task(lead);
        assertThat(task).hasDefinitionKey("Task_AcceptLead").isNotAssigned().hasCandidateGroup("team-emea");
        assertThat(leads.get(lead.id()).owner()).isNull();
        assertThat(bell.unread("maria")).isEqualTo(unreadBefore + 1);
        assertThat(bell.latest("maria").get(0)).satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Bell.Kind.QUEUED);
            assertThat(n.leadId()).isEqualTo(lead.id());
        });
        assertThat(TestMail.subjectsTo("maria@example.com"))
                .anyMatch(s -> s.startsWith("No rep free for Lee " + lead.lastName()));
    }

    @Test
    void theTablesPriorityIsStoredOnTheLeadAndDrivesItsSla() {
        // an enterprise account that scored NORMAL: the table makes it HIGH (one hour to accept)
        Lead lead = leads.upsert(new LeadInput("ent-" + System.nanoTime(), "cio" + System.nanoTime() + "@bigco.example",
                "Kim", "Large", "BigCo", "Engineer", 20000, "Retail", "US", "web", null)).lead();
        for (int i = 0; i < 5; i++) {
            leads.recordActivity(lead.id(), new ActivityInput(null, ActivityType.WEBINAR_ATTENDED, null, Map.of()));
        }
        leads.recordActivity(lead.id(), new ActivityInput(null, ActivityType.TRIAL_STARTED, null, Map.of()));
        runDueJobs();
        Lead routed = leads.get(lead.id());
        assertThat(routed.stage().name()).isEqualTo("MQL");
        assertThat(routed.team()).isEqualTo("amer");
        assertThat(routed.priority()).isEqualTo("HIGH");
        // 04:00 in New York: amer's business hour starts at 09:00 there (14:00 UTC), so it is due at 15:00 UTC
        assertThat(task(routed).getDueDate().toInstant()).isEqualTo(Instant.parse("2026-11-23T15:00:00Z"));
        // new activity during the handoff re-scores the lead but keeps the priority its SLA runs on
        leads.recordActivity(lead.id(), new ActivityInput(null, ActivityType.PAGE_VIEW, null, Map.of()));
        assertThat(leads.get(lead.id()).priority()).isEqualTo("HIGH");
    }

    @Test
    void aRedeployedTableRoutesTheNextLeadWithoutARestart() throws IOException {
        String shipped = Files.readString(Path.of("bpmn", "LeadRouting.dmn"));
        // ops decide the US goes to emea for a while: the catch-all rule names emea instead of amer
        String changed = shipped.replace("<text>&quot;amer&quot;</text>", "<text>&quot;emea&quot;</text>");
        assertThat(changed).isNotEqualTo(shipped);
        assertThat(router.teamFor("US", List.of())).isEqualTo("amer");
        try {
            deploy(changed);
            assertThat(router.teamFor("US", List.of())).isEqualTo("emea");
            assertThat(qualifiedLead("US").team()).isEqualTo("emea");
        } finally {
            deploy(shipped);
        }
        assertThat(router.teamFor("US", List.of())).isEqualTo("amer");
    }

    @Test
    void aTeamThatSaidWrongTerritoryIsPassedOver() {
        assertThat(router.teamFor("DE", List.of("emea"))).isEqualTo("amer");
        assertThat(router.teamFor("US", List.of("amer"))).isEqualTo("emea");
        assertThat(router.teamFor("US", List.of("amer", "emea"))).isEqualTo("amer");
    }

    private void deploy(String dmn) {
        repository.createDeployment().name("routing-test").addString("bpmn/LeadRouting.dmn", dmn).deploy();
    }
}
