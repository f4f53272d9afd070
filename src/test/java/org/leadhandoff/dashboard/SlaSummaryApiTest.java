package org.leadhandoff.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** GET /api/sla/summary and its CSV exports on the running application: what a manager's actions change. */
class SlaSummaryApiTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    private JsonNode summary(String query) throws Exception {
        String body = mvc.perform(get("/api/sla/summary" + query).with(httpBasic("maria", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private static JsonNode rep(JsonNode summary, String rep) {
        for (JsonNode r : summary.path("byRep")) {
            if (rep.equals(r.path("rep").asText())) {
                return r;
            }
        }
        return json().createObjectNode();
    }

    private static ObjectMapper json() {
        return new ObjectMapper();
    }

    @Test
    void aLeadAcceptedInTimeCountsAsHandedOffAcceptedAndMet() throws Exception {
        JsonNode before = summary("?team=emea");
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        moveClock(Duration.ofMinutes(10));
        complete(lead, rep, Map.of("decision", "ACCEPT"));

        JsonNode after = summary("?team=emea");
        assertThat(after.path("from").asText()).isEqualTo("2026-10-25");
        assertThat(after.path("to").asText()).isEqualTo("2026-11-23");
        assertThat(after.path("handoffs").asLong()).isEqualTo(before.path("handoffs").asLong() + 1);
        assertThat(after.path("accepted").asLong()).isEqualTo(before.path("accepted").asLong() + 1);
        assertThat(after.path("acceptedWithinSla").asLong()).isEqualTo(before.path("acceptedWithinSla").asLong() + 1);
        assertThat(rep(after, rep).path("handoffs").asLong()).isEqualTo(rep(before, rep).path("handoffs").asLong() + 1);
        assertThat(after.path("acceptCompliance").asDouble()).isBetween(0.0, 1.0);
        // the amer team's figures are not emea's
        assertThat(summary("?team=amer").path("byRep").findValuesAsText("rep")).doesNotContain(rep);
    }

    @Test
    void aLeadLeftAloneBreachesForTheRepAndThenForTheManager() throws Exception {
        // a working day (10:00 in Berlin) before every other test's clocks, so moving time breaches only this lead's
        ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2026-11-20T09:00:00Z")));
        String day = "?team=emea&from=2026-11-20&to=2026-11-20";
        JsonNode before = summary(day);
        Lead lead = qualifiedLead("DE");
        String rep = task(lead).getAssignee();
        // HIGH priority: an hour to accept, then an hour for the manager's escalation
        moveClock(Duration.ofMinutes(61));
        runDueJobs();
        JsonNode breached = summary(day);
        assertThat(breached.path("breaches").asLong()).isEqualTo(before.path("breaches").asLong() + 1);
        assertThat(rep(breached, rep).path("breaches").asLong()).isEqualTo(rep(before, rep).path("breaches").asLong() + 1);

        moveClock(Duration.ofMinutes(60));
        runDueJobs();
        JsonNode escalated = summary(day);
        assertThat(escalated.path("breaches").asLong()).isEqualTo(before.path("breaches").asLong() + 2);
        assertThat(rep(escalated, rep).path("breaches").asLong()).isEqualTo(rep(breached, rep).path("breaches").asLong());
    }

    @Test
    void thePerRepExportHasTheSummarysRows() throws Exception {
        qualifiedLead("DE");
        JsonNode summary = summary("?from=2026-11-01&to=2026-11-23");
        String csv = mvc.perform(get("/api/sla/reps.csv?from=2026-11-01&to=2026-11-23").with(httpBasic("maria", "demo")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows).extracting(r -> r.get("rep")).containsExactlyElementsOf(summary.path("byRep").findValuesAsText("rep"));
        assertThat(rows).extracting(r -> Long.parseLong(r.get("handoffs")))
                .containsExactlyElementsOf(summary.path("byRep").findValues("handoffs").stream().map(JsonNode::asLong).toList());

        String clocks = mvc.perform(get("/api/sla/clocks.csv?from=2026-11-01&to=2026-11-23").with(httpBasic("maria", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(clocks.lines().findFirst().orElseThrow()).startsWith("id,leadId,handoffId,kind,team,assignee");
        assertThat(clocks.lines().skip(1).filter(l -> l.contains(",ACCEPT,")).count())
                .isGreaterThanOrEqualTo(summary.path("handoffs").asLong());
    }

    @Test
    void badPeriodsAndTeamsAreNamed() throws Exception {
        mvc.perform(get("/api/sla/summary?from=yesterday&to=2026-13-01").with(httpBasic("maria", "demo")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("from", "to")));
        mvc.perform(get("/api/sla/summary?from=2026-11-20&to=2026-11-01").with(httpBasic("maria", "demo")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/sla/summary?team=apac").with(httpBasic("maria", "demo")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("team"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("emea")));
    }

    @Test
    void onlyManagersSeeFigures() throws Exception {
        mvc.perform(get("/api/sla/summary")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/sla/summary").with(httpBasic("alice", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/sla/reps.csv").with(httpBasic("oscar", "demo"))).andExpect(status().isForbidden());
    }
}
