package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecycleLead: back to nurture with the reason the last decision gave. */
@Component("recycleLead")
class RecycleLead implements JavaDelegate {

    private final HandoffSteps steps;

    RecycleLead(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.recycle(leadId(execution), execution.getProcessInstanceId(), string(execution, ACTED_BY),
                string(execution, CLOSE_REASON));
    }
}
