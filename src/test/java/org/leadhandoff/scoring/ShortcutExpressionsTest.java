package org.leadhandoff.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.dmn.engine.impl.el.JuelElProvider;
import org.camunda.bpm.dmn.engine.impl.spi.el.ElProvider;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shortcuts give exactly what JUEL gives for the same expression, value and type. */
class ShortcutExpressionsTest {

    private final ElProvider juel = new JuelElProvider();
    private final ElProvider shortcuts = new ShortcutExpressions(juel);
    private final VariableContext variables = Variables.createVariables()
            .putValue("jobTitle", "vp sales").putValue("companySize", 500).putValue("country", null)
            .asVariableContext();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"${30}", "${-50}", "${ 7 }", "${0}", "${- 3}", "${\"A\"}", "${\"HIGH\"}", "${\"\"}",
        "${true}", "${false}", "${jobTitle}", "${companySize}", "${country}", "${companySize > 100}",
        "${\"a\\\"b\"}", "${1.5}", "${jobTitle.length()}"})
    void sameValueAndTypeAsJuel(String expression) {
        Object expected = juel.createExpression(expression).getValue(variables);
        Object actual = shortcuts.createExpression(expression).getValue(variables);
        assertThat(actual).isEqualTo(expected);
        if (expected != null) {
            assertThat(actual).isInstanceOf(expected.getClass());
        }
    }

    @Test
    void anUnknownNameFailsAsInJuel() {
        assertThatThrownBy(() -> juel.createExpression("${missing}").getValue(variables));
        assertThatThrownBy(() -> shortcuts.createExpression("${missing}").getValue(variables));
    }
}
