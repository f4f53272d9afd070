package org.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.leadhandoff.scoring.DmnDecisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped bpmn/LeadRouting.dmn, evaluated by the DMN engine alone: the contract's territories and the priority rules. */
class LeadRoutingTableTest {

    private static DmnEngine engine;
    private static DmnDecision decision;

    @BeforeAll
    static void parse() throws IOException {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = new FileInputStream(Path.of("bpmn", "LeadRouting.dmn").toFile())) {
            decision = engine.parseDecision(RoutingTable.DECISION_KEY, in);
        }
    }

    @ParameterizedTest(name = "{0}, {1} employees, {2}, scored {3} -> {4} {5}")
    @CsvSource(nullValues = "null", value = {
        // the contract: Europe, the Middle East and Africa go to emea, everyone else to amer
        "DE,   500,  Software, HIGH,   emea, HIGH",
        "GB,   50,   Retail,   NORMAL, emea, NORMAL",
        "AE,   200,  Finance,  NORMAL, emea, NORMAL",
        "ZA,   200,  Finance,  LOW,    emea, LOW",
        "EG,   null, null,     NORMAL, emea, NORMAL",
        "US,   300,  Software, NORMAL, amer, NORMAL",
        "BR,   300,  Retail,   NORMAL, amer, NORMAL",
        "JP,   300,  Retail,   HIGH,   amer, HIGH",
        "AU,   300,  Retail,   LOW,    amer, LOW",
        "null, null, null,     NORMAL, amer, NORMAL",
        // enterprise accounts (5,000+ employees) get the fastest SLA wherever they are
        "FR,   5000, Retail,   NORMAL, emea, HIGH",
        "CA,   12000, Retail,  LOW,    amer, HIGH",
        "CA,   4999, Retail,   NORMAL, amer, NORMAL",
        // interest in the core product (Software) lifts a LOW lead to NORMAL, nothing else
        "IT,   20,   Software, LOW,    emea, NORMAL",
        "MX,   20,   Software, LOW,    amer, NORMAL",
        "MX,   20,   Software, NORMAL, amer, NORMAL",
    })
    void teamAndPriority(String country, Integer size, String industry, String scored, String team, String priority) {
        DmnDecisionResultEntries result = engine.evaluateDecision(decision, inputs(country, size, industry, scored))
                .getFirstResult();
        assertThat(result.<String>getEntry("team")).isEqualTo(team);
        assertThat(result.<String>getEntry("priority")).isEqualTo(priority);
    }

    @Test
    void routingAgainWithTheRoutedPriorityGivesTheSameAnswer() {
        for (String scored : new String[] {"HIGH", "NORMAL", "LOW"}) {
            for (Integer size : new Integer[] {null, 10, 6000}) {
                Map<String, Object> vars = new HashMap<>();
                vars.put("country", "NL");
                vars.put("companySize", size);
                vars.put("industry", "Software");
                vars.put("source", null);
                vars.put("scoringPriority", scored);
                String once = engine.evaluateDecision(decision, vars).getFirstResult().getEntry("priority");
                vars.put("scoringPriority", once);
                String twice = engine.evaluateDecision(decision, vars).getFirstResult().getEntry("priority");
                assertThat(twice).as("%s, %s employees", scored, size).isEqualTo(once);
            }
        }
    }

    /**
     * The application evaluates the table with {@link DmnDecisions} (legacy FEEL, see RoutingTable);
     * it must answer exactly as Camunda's default engine does, for every territory and edge.
     */
    @Test
    void theApplicationsDecisionEngineAnswersAsCamundasDefaultEngineForEveryInput() throws IOException {
        DmnDecisions.Parsed fast = DmnDecisions.parse(RoutingTable.DECISION_KEY,
                Files.readAllBytes(Path.of("bpmn", "LeadRouting.dmn")));
        // every country once, then every other input against a few countries (the default engine takes ms a call)
        List<Map<String, Object>> cases = new ArrayList<>();
        for (String country : Locale.getISOCountries()) {
            cases.add(inputs(country, 200, "Retail", "NORMAL"));
        }
        Integer[] sizes = {null, 0, 1, 4999, 5000, 5001, 120_000};
        String[] industries = {null, "", "Software", "software", "Retail"};
        for (String country : Arrays.asList("DE", "US", null, "", "de", "XX")) {
            for (Integer size : sizes) {
                for (String industry : industries) {
                    for (String scored : new String[] {"HIGH", "NORMAL", "LOW"}) {
                        cases.add(inputs(country, size, industry, scored));
                    }
                }
            }
        }
        int compared = 0;
        for (Map<String, Object> vars : cases) {
            Map<String, Object> expected = engine.evaluateDecision(decision, vars).getFirstResult().getEntryMap();
            Map<String, Object> actual = DmnDecisions.evaluate(fast, vars).firstRow();
            assertThat(actual).as("%s", vars).isEqualTo(expected);
            assertThat(fast.compiled().evaluate(vars)).as("answered without the engine: %s", vars).isNotNull();
            compared++;
        }
        assertThat(fast.isCompiled()).as("LeadRouting.dmn runs as compiled checks").isTrue();
        assertThat(compared).isGreaterThan(800);
    }

    private static Map<String, Object> inputs(String country, Integer size, String industry, String scored) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("country", country);
        vars.put("companySize", size);
        vars.put("industry", industry);
        vars.put("source", "web");
        vars.put("scoringPriority", scored);
        return vars;
    }

    @Test
    void theDecisionHasAHistoryTimeToLive() {
        DmnModelInstance model = Dmn.readModelFromFile(Path.of("bpmn", "LeadRouting.dmn").toFile());
        Decision d = model.getModelElementById(RoutingTable.DECISION_KEY);
        assertThat(d.getCamundaHistoryTimeToLiveString()).isNotBlank();
    }
}
