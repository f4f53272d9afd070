package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_EscalateToSecondLevel: the manager let the escalation lapse; the configured group takes it. */
@Component("escalateToSecondLevel")
class EscalateToSecondLevel implements JavaDelegate {

    private final HandoffSteps steps;

    EscalateToSecondLevel(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(SECOND_LEVEL_GROUP, steps.escalateToSecondLevel(leadId(execution),
                execution.getProcessInstanceId()));
    }
}
