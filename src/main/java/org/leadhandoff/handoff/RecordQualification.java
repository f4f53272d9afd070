package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordQualification: BANT captured; the lead is SQL. */
@Component("recordQualification")
class RecordQualification implements JavaDelegate {

    private final HandoffSteps steps;

    RecordQualification(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.qualified(leadId(execution), execution.getProcessInstanceId(), integer(execution, CALL_ATTEMPTS) + 1,
                DelegateNotes.of(execution), string(execution, ACTED_BY));
    }
}
