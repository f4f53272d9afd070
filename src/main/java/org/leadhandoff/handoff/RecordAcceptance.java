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
    private final ReminderPercents reminders;

    RecordAcceptance(HandoffSteps steps, ReminderPercents reminders) {
        this.steps = steps;
        this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String rep = string(execution, ACTED_BY);
        Deadline deadline = steps.accepted(leadId(execution), execution.getProcessInstanceId(), rep,
                reminders.of(execution, TASK_DISCOVERY_CALL));
        firstCall(execution, rep, deadline);
    }
}
