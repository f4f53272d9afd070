package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifySecondLevel (async, retried): tells the second-level group. */
@Component("notifySecondLevel")
class NotifySecondLevel implements JavaDelegate {

    private final HandoffSteps steps;

    NotifySecondLevel(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.notifySecondLevel(leadId(execution), string(execution, SECOND_LEVEL_GROUP),
                date(execution, ESCALATION_DUE_AT).toInstant());
    }
}
