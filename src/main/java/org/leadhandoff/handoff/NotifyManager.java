package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyManager (async, retried): tells the manager an SLA breached. */
@Component("notifyManager")
class NotifyManager implements JavaDelegate {

    private final HandoffSteps steps;

    NotifyManager(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.notifyBreach(leadId(execution), string(execution, MANAGER),
                date(execution, ESCALATION_DUE_AT).toInstant());
    }
}
