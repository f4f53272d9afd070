package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_HandOffToCrm (async, retried): the SQL goes to the CRM webhook. */
@Component("handOffToCrm")
class HandOffToCrm implements JavaDelegate {

    private final HandoffSteps steps;

    HandOffToCrm(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.handOffToCrm(leadId(execution));
    }
}
