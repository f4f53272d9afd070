package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadhandoff.sla.Deadline;
import org.springframework.stereotype.Component;

/** Task_RecordAcceptance: the lead is SAL; the follow-up clock starts for the rep who accepted. */
@Component("recordAcceptance")
class RecordAcceptance implements JavaDelegate {

    private final HandoffSteps steps;

    RecordAcceptance(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String rep = string(execution, ACTED_BY);
        Deadline deadline = steps.accepted(leadId(execution), execution.getProcessInstanceId(), rep);
        firstCall(execution, rep, deadline);
    }
}
