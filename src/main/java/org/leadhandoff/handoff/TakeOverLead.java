package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadhandoff.sla.Deadline;
import org.springframework.stereotype.Component;

/** Task_TakeOverLead: the manager who resolved the escalation owns the lead and makes the call. */
@Component("takeOverLead")
class TakeOverLead implements JavaDelegate {

    private final HandoffSteps steps;
    private final ReminderPercents reminders;

    TakeOverLead(HandoffSteps steps, ReminderPercents reminders) {
        this.steps = steps;
        this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String manager = string(execution, ACTED_BY);
        Deadline deadline = steps.takeOver(leadId(execution), execution.getProcessInstanceId(), manager,
                reminders.of(execution, TASK_DISCOVERY_CALL));
        firstCall(execution, manager, deadline);
    }
}
