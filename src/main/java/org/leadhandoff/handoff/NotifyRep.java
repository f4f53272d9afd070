package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyRep (async, retried): tells the rep they have a lead to accept. */
@Component("notifyRep")
class NotifyRep implements JavaDelegate {

    private final HandoffSteps steps;

    NotifyRep(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.notifyAssigned(leadId(execution), string(execution, ASSIGNEE),
                date(execution, ACCEPT_DUE_AT).toInstant());
    }
}
