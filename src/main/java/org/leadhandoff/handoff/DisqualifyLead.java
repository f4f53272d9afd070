package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_DisqualifyLead: not a prospect, with the reason the last decision gave. */
@Component("disqualifyLead")
class DisqualifyLead implements JavaDelegate {

    private final HandoffSteps steps;

    DisqualifyLead(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.disqualify(leadId(execution), execution.getProcessInstanceId(), string(execution, ACTED_BY),
                string(execution, CLOSE_REASON));
    }
}
