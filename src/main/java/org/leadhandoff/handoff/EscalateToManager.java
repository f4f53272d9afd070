package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_EscalateToManager: the rep's clock breached; the team's manager gets the lead and a clock. */
@Component("escalateToManager")
class EscalateToManager implements JavaDelegate {

    private final HandoffSteps steps;

    EscalateToManager(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        HandoffSteps.Escalation escalation = steps.escalate(leadId(execution), execution.getProcessInstanceId());
        execution.setVariable(MANAGER, escalation.manager());
        execution.setVariable(ESCALATION_DUE_AT, escalation.deadline().dueDate());
    }
}
