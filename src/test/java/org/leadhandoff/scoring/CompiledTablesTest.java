package org.leadhandoff.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The decision tables as plain Java checks ({@link CompiledTables}) must answer exactly as
 * Camunda's DMN engine does — result rows with their Java types, every matched rule, each sum —
 * or leave the answer to the engine. Checked for the shipped tables over a grid of inputs, and
 * for a table written to use every supported cell form with values of the wrong type, missing
 * variables, overlapping UNIQUE rules and other inputs the engine rejects.
 */
class CompiledTablesTest {

    private static final String SYNTHETIC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="S" name="S" namespace="t">
              <decision id="Band" name="Band">
                <decisionTable id="TB" hitPolicy="FIRST">
                  <input id="IB"><inputExpression id="IBE"><text>size</text></inputExpression></input>
                  <output id="OB" name="band" typeRef="string"/>
                  <rule id="B1"><inputEntry id="B1a"><text>&lt; 10</text></inputEntry><outputEntry id="B1o"><text>"small"</text></outputEntry></rule>
                  <rule id="B2"><inputEntry id="B2a"><text>[10..100[</text></inputEntry><outputEntry id="B2o"><text>"medium"</text></outputEntry></rule>
                  <rule id="B3"><inputEntry id="B3a"><text>]100..1000]</text></inputEntry><outputEntry id="B3o"><text>"large"</text></outputEntry></rule>
                  <rule id="B4"><inputEntry id="B4a"><text>&gt;= 1000.5</text></inputEntry><outputEntry id="B4o"><text>"huge"</text></outputEntry></rule>
                  <rule id="B5"><inputEntry id="B5a"><text>100</text></inputEntry><outputEntry id="B5o"><text>"hundred"</text></outputEntry></rule>
                  <rule id="B6"><inputEntry id="B6a"><text>-</text></inputEntry><outputEntry id="B6o"><text>"none"</text></outputEntry></rule>
                </decisionTable>
              </decision>
              <decision id="Points" name="Points">
                <informationRequirement id="IR"><requiredDecision href="#Band"/></informationRequirement>
                <decisionTable id="TP" hitPolicy="COLLECT" aggregation="SUM">
                  <input id="I1"><inputExpression id="I1e" typeRef="string"><text>band</text></inputExpression></input>
                  <input id="I2"><inputExpression id="I2e"><text>country</text></inputExpression></input>
                  <input id="I3"><inputExpression id="I3e" typeRef="boolean"><text>flag</text></inputExpression></input>
                  <input id="I4"><inputExpression id="I4e" typeRef="double"><text>amount</text></inputExpression></input>
                  <input id="I5"><inputExpression id="I5e" typeRef="long"><text>code</text></inputExpression></input>
                  <input id="I6"><inputExpression id="I6e" typeRef="string"><text>name</text></inputExpression></input>
                  <output id="OP" name="points" typeRef="integer"/>
                  %s
                </decisionTable>
              </decision>
              <decision id="Pick" name="Pick">
                <decisionTable id="TK" hitPolicy="UNIQUE">
                  <input id="K1"><inputExpression id="K1e" typeRef="integer"><text>tier</text></inputExpression></input>
                  <output id="KO1" name="label" typeRef="string"/>
                  <output id="KO2" name="echo"/>
                  <rule id="K1r"><description>below zero</description><inputEntry id="K1a"><text>&lt; 0</text></inputEntry><outputEntry id="K1o"><text>"negative"</text></outputEntry><outputEntry id="K1p"><text>note</text></outputEntry></rule>
                  <rule id="K2r"><inputEntry id="K2a"><text>[0..10]</text></inputEntry><outputEntry id="K2o"><text>"low"</text></outputEntry><outputEntry id="K2p"><text></text></outputEntry></rule>
                  <rule id="K3r"><inputEntry id="K3a"><text>&gt; 5</text></inputEntry><outputEntry id="K3o"><text>"high"</text></outputEntry><outputEntry id="K3p"><text>2.5</text></outputEntry></rule>
                </decisionTable>
              </decision>
            </definitions>
            """.formatted(pointRules());

    private static String pointRules() {
        String[][] rules = {
            {"\"small\"", "", "", "", "", "", "1"},
            {"", "\"DE\",\"AT\",\"CH\"", "", "", "", "", "2"},
            {"", "not(\"US\",\"CA\")", "", "", "", "", "4"},
            {"", "", "true", "", "", "", "8"},
            {"", "", "false", "", "", "", "16"},
            {"", "", "", "&gt;= 2.5", "", "", "32"},
            {"", "", "", "[1..2]", "", "", "64"},
            {"", "", "", "", "42", "", "128"},
            {"", "", "", "", "not(42)", "", "256"},
            {"", "", "", "", "", "J${cellInput.matches(\"a.*\")}", "512"},
            {"", "", "", "", "", "J${cellInput != null &amp;&amp; cellInput.matches(\".*z\")}", "1024"},
            {"", "\"\"", "", "", "", "", "2048"},
            {"\"large\",\"huge\"", "", "", "-", "", "", "4096"},
            {"not(\"none\")", "\"a,b\"", "", "", "", "", "-3"},
        };
        StringBuilder xml = new StringBuilder();
        for (int r = 0; r < rules.length; r++) {
            xml.append("<rule id=\"P").append(r).append("\"><description>rule ").append(r).append("</description>");
            for (int i = 0; i < 6; i++) {
                String cell = rules[r][i];
                boolean juel = cell.startsWith("J$");
                xml.append("<inputEntry id=\"P").append(r).append('_').append(i).append('"')
                        .append(juel ? " expressionLanguage=\"juel\"" : "").append("><text>")
                        .append(juel ? cell.substring(1) : cell).append("</text></inputEntry>");
            }
            xml.append("<outputEntry id=\"P").append(r).append("o\"><text>").append(rules[r][6])
                    .append("</text></outputEntry></rule>\n");
        }
        return xml.toString();
    }

    private static DmnDecisions.Parsed synthetic(String key) {
        return DmnDecisions.parse(key, SYNTHETIC.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyShippedTableRunsAsJavaChecks() throws IOException {
        for (String[] table : new String[][] {{"LeadFit.dmn", "LeadGrade"}, {"LeadFit.dmn", "LeadPriority"},
            {"EngagementPoints.dmn", "EngagementPoints"}, {"LeadRouting.dmn", "LeadRouting"}}) {
            assertThat(DmnDecisions.parse(table[1], Files.readAllBytes(Path.of("bpmn", table[0]))).isCompiled())
                    .as(table[1]).isTrue();
        }
    }

    @Test
    void fitAndGradeAnswerAsTheEngineForEveryProfileInTheGrid() throws IOException {
        DmnDecisions.Parsed grade = DmnDecisions.parse("LeadGrade", Files.readAllBytes(Path.of("bpmn", "LeadFit.dmn")));
        String[] titles = {null, "", "vp sales", "VP Sales", "student", "sales manager", "engineer", "head of it",
            "job seeker", "vpn admin"};
        Integer[] sizes = {null, 0, 49, 50, 199, 200, 5000, 5001};
        String[] industries = {null, "", "software", "Software", "retail"};
        String[] countries = {null, "", "DE", "US", "XX"};
        String[] domains = {null, "", "gmail.com", "hubspot.com", "acme.com"};
        int answered = 0;
        int compared = 0;
        for (String title : titles) {
            for (Integer size : sizes) {
                for (String industry : industries) {
                    for (String country : countries) {
                        for (String domain : domains) {
                            Map<String, Object> vars = vars("jobTitle", title, "companySize", size, "industry", industry,
                                    "country", country, "emailDomain", domain);
                            answered += sameAsEngine(grade, vars) ? 1 : 0;
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(answered).as("answered without the engine").isEqualTo(compared);
    }

    @Test
    void priorityAndEngagementAnswerAsTheEngineForEveryInputInTheGrid() throws IOException {
        byte[] fit = Files.readAllBytes(Path.of("bpmn", "LeadFit.dmn"));
        DmnDecisions.Parsed priority = DmnDecisions.parse("LeadPriority", fit);
        int compared = 0;
        for (String grade : new String[] {"A", "B", "C", "D", "E", "", null}) {
            for (Integer engagement : new Integer[] {null, -50, 0, 24, 25, 79, 80, 500}) {
                for (Boolean raised : new Boolean[] {true, false, null}) {
                    assertThat(sameAsEngine(priority, vars("grade", grade, "engagement", engagement, "handRaised", raised)))
                            .isTrue();
                    compared++;
                }
            }
        }
        DmnDecisions.Parsed engagement = DmnDecisions.parse("EngagementPoints",
                Files.readAllBytes(Path.of("bpmn", "EngagementPoints.dmn")));
        List<String> types = new ArrayList<>(Arrays.stream(ActivityType.values()).map(Enum::name).toList());
        types.add("SOMETHING_ELSE");
        for (String type : types) {
            for (String page : new String[] {"", "/pricing", "/blog/post", "/careers/sales", "/jobs", "PRICING"}) {
                for (String asset : new String[] {"", "buyers-guide-2026.pdf", "analyst-report", "whitepaper"}) {
                    assertThat(sameAsEngine(engagement, vars("activityType", type, "page", page, "asset", asset)))
                            .isTrue();
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(500);
    }

    @Test
    void everyCellFormAnswersAsTheEngineAndUnusualValuesGoToTheEngine() {
        DmnDecisions.Parsed points = synthetic("Points");
        DmnDecisions.Parsed pick = synthetic("Pick");
        assertThat(points.isCompiled()).isTrue();
        assertThat(pick.isCompiled()).isTrue();
        Object[] sizes = {null, 5, 9, 10, 99, 100, 101, 1000, 1000.25, 1000.5, 2000L, -3, "12", true};
        Object[] countries = {null, "", "DE", "AT", "US", "FR", "a,b", 5};
        Object[] flags = {null, true, false, "true", "no"};
        Object[] amounts = {null, 0, 1, 1.5, 2, 2.5, 3L, 0.999, "2.5", "x"};
        Object[] codes = {null, 42, 42L, 41, "42", 4.2};
        Object[] names = {null, "", "abc", "xyz", "azz", 7};
        Random random = new Random(7);
        int answered = 0;
        int cases = 3_000;
        for (int i = 0; i < cases; i++) {
            Map<String, Object> vars = vars("size", pickOne(random, sizes), "country", pickOne(random, countries),
                    "flag", pickOne(random, flags), "amount", pickOne(random, amounts), "code", pickOne(random, codes),
                    "name", pickOne(random, names));
            if (random.nextInt(20) == 0) {
                vars.remove("code");
            }
            answered += sameAsEngine(points, vars) ? 1 : 0;
        }
        assertThat(answered).as("most inputs are answered without the engine").isGreaterThan(cases / 3);

        int pickAnswered = 0;
        for (Object tier : new Object[] {null, -5, 0, 5, 6, 10, 11, "3", 2.0}) {
            for (Object note : new Object[] {"n", 3, null}) {
                pickAnswered += sameAsEngine(pick, vars("tier", tier, "note", note)) ? 1 : 0;
                pickAnswered += sameAsEngine(pick, vars("tier", tier)) ? 1 : 0;
            }
        }
        assertThat(pickAnswered).isGreaterThan(10);
    }

    @Test
    void theSumsAndMatchesOfAKnownInputAreWhatTheTableSays() {
        DmnDecisions.Parsed points = synthetic("Points");
        Map<String, Object> vars = vars("size", 5, "country", "DE", "flag", true, "amount", 2.5, "code", 42L,
                "name", "abz");
        DmnDecisions.Outcome outcome = points.compiled().evaluate(vars);
        assertThat(outcome).isNotNull();
        // small 1 + DE 2 + not US/CA 4 + true 8 + >= 2.5 32 + 42 128 + a.* 512 + .*z 1024 + not none (country not "a,b": no)
        assertThat(outcome.<Integer>singleEntry()).isEqualTo(1 + 2 + 4 + 8 + 32 + 128 + 512 + 1024);
        assertThat(outcome.matches()).extracting(DmnDecisions.Match::name).containsExactly("B1", "rule 0", "rule 1",
                "rule 2", "rule 3", "rule 5", "rule 7", "rule 9", "rule 10");
        assertThat(outcome.collected("Points")).isEqualTo(1711);
    }

    @Test
    void aPatternCellGivenNoTextAndOverlappingUniqueRulesAreLeftToTheEngine() {
        DmnDecisions.Parsed points = synthetic("Points");
        Map<String, Object> noName = vars("size", 5, "country", "DE", "flag", true, "amount", 2.5, "code", 42L,
                "name", null);
        assertThat(points.compiled().evaluate(noName)).as("${cellInput.matches(..)} on null").isNull();
        assertThat(sameAsEngine(points, noName)).isFalse();

        DmnDecisions.Parsed pick = synthetic("Pick");
        assertThat(pick.compiled().evaluate(vars("tier", 7, "note", "n"))).as("two UNIQUE rules match").isNull();
        assertThat(pick.compiled().evaluate(vars("tier", -1))).as("output names a missing variable").isNull();
        assertThat(pick.compiled().evaluate(vars("tier", -1, "note", "n")).firstRow())
                .containsExactly(Map.entry("label", "negative"), Map.entry("echo", "n"));
    }

    @Test
    void aTableWithCellsBeyondTheSimpleFormsIsLeftToTheEngineWhole() {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="X" name="X" namespace="t">
                  <decision id="Dates" name="Dates">
                    <decisionTable id="TD" hitPolicy="FIRST">
                      <input id="ID"><inputExpression id="IDE" typeRef="string"><text>when</text></inputExpression></input>
                      <input id="IN"><inputExpression id="INE" typeRef="integer"><text>n</text></inputExpression></input>
                      <output id="OD" name="kind" typeRef="string"/>
                      <rule id="D1"><inputEntry id="D1a"><text>"x"</text></inputEntry><inputEntry id="D1b"><text>limit</text></inputEntry><outputEntry id="D1o"><text>"at limit"</text></outputEntry></rule>
                      <rule id="D2"><inputEntry id="D2a"><text></text></inputEntry><inputEntry id="D2b"><text></text></inputEntry><outputEntry id="D2o"><text>"other"</text></outputEntry></rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """;
        DmnDecisions.Parsed dates = DmnDecisions.parse("Dates", dmn.getBytes(StandardCharsets.UTF_8));
        assertThat(dates.isCompiled()).as("a cell naming a variable").isFalse();
        assertThat(DmnDecisions.evaluate(dates, vars("when", "x", "n", 3, "limit", 3)).<String>singleEntry())
                .isEqualTo("at limit");
        assertThat(DmnDecisions.evaluate(dates, vars("when", "x", "n", 4, "limit", 3)).<String>singleEntry())
                .isEqualTo("other");
    }

    /**
     * Both paths give the same outcome (or the same error); true when the Java checks answered
     * themselves rather than handing over to the engine.
     */
    private static boolean sameAsEngine(DmnDecisions.Parsed parsed, Map<String, Object> vars) {
        Object fast = outcomeOrError(() -> DmnDecisions.evaluate(parsed, vars));
        Object engine = outcomeOrError(() -> DmnDecisions.evaluate(parsed.onEngine(), vars));
        assertThat(fast).as("%s with %s", parsed.key(), vars).isEqualTo(engine);
        if (fast instanceof DmnDecisions.Outcome o) {
            for (Map<String, Object> row : o.rows()) {
                for (Map.Entry<String, Object> e : row.entrySet()) {
                    Object expected = ((DmnDecisions.Outcome) engine).rows().get(o.rows().indexOf(row)).get(e.getKey());
                    assertThat(e.getValue() == null ? null : e.getValue().getClass())
                            .as("type of %s for %s", e.getKey(), vars)
                            .isEqualTo(expected == null ? null : expected.getClass());
                }
            }
        }
        return parsed.compiled().evaluate(vars) != null;
    }

    private static Object outcomeOrError(Supplier<DmnDecisions.Outcome> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static Object pickOne(Random random, Object[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put((String) pairs[i], pairs[i + 1]);
        }
        return vars;
    }
}
