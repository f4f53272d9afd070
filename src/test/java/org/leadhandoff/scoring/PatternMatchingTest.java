package org.leadhandoff.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JUEL cells in a DMN table keep their meaning with the compiled-once pattern matching in front
 * of JUEL's resolvers: {@code matches} is whole-text like {@link String#matches}, and other method
 * calls on the cell input still reach JUEL.
 */
class PatternMatchingTest {

    private static final String TABLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="D" name="D" namespace="t">
              <decision id="Titles" name="Titles">
                <decisionTable id="T" hitPolicy="FIRST">
                  <input id="I"><inputExpression id="IE" typeRef="string"><text>title</text></inputExpression></input>
                  <output id="O" name="kind" typeRef="string"/>
                  <rule id="R1">
                    <inputEntry id="E1" expressionLanguage="juel"><text>${cellInput.matches("(.*[^a-z])?vp([^a-z].*)?")}</text></inputEntry>
                    <outputEntry id="O1"><text>"senior"</text></outputEntry>
                  </rule>
                  <rule id="R2">
                    <inputEntry id="E2" expressionLanguage="juel"><text>${cellInput.startsWith("head")}</text></inputEntry>
                    <outputEntry id="O2"><text>"head"</text></outputEntry>
                  </rule>
                  <rule id="R3">
                    <inputEntry id="E3" expressionLanguage="juel"><text>${cellInput.length() > 12}</text></inputEntry>
                    <outputEntry id="O3"><text>"long"</text></outputEntry>
                  </rule>
                  <rule id="R4">
                    <inputEntry id="E4"><text></text></inputEntry>
                    <outputEntry id="O4"><text>"other"</text></outputEntry>
                  </rule>
                </decisionTable>
              </decision>
            </definitions>
            """;

    private static final DmnDecisions.Parsed TITLES = DmnDecisions.parse("Titles",
            TABLE.getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(textBlock = """
            vp sales,               senior
            svp,                    other
            the vp,                 senior
            vpn engineer,           other
            head of sales,          head
            headcount planner,      head
            solutions engineer,     long
            engineer,               other
            """)
    void juelCellsMatchAsStringMatchesAndOtherCallsStillWork(String title, String kind) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("title", title);
        assertThat(DmnDecisions.evaluate(TITLES.onEngine(), vars).<String>singleEntry()).isEqualTo(kind);
        assertThat(title.matches("(.*[^a-z])?vp([^a-z].*)?")).isEqualTo(kind.equals("senior"));
    }
}
