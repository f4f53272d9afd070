package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_EscalateToManager: the rep's clock breached; the team's manager gets the lead and a clock. */
@Component("escalateToManager")
class EscalateToManager implements JavaDelegate {

    private final HandoffSteps steps;
    private final ReminderPercents reminders;

    EscalateToManager(HandoffSteps steps, ReminderPercents reminders) {
        this.steps = steps;
        this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        HandoffSteps.Escalation escalation = steps.escalate(leadId(execution), execution.getProcessInstanceId(),
                reminders.of(execution, TASK_RESOLVE_ESCALATION));
        execution.setVariable(MANAGER, escalation.manager());
        execution.setVariable(ESCALATION_DUE_AT, escalation.deadline().dueDate());
        execution.setVariable(ESCALATION_REMINDER_AT, escalation.deadline().reminderDate());
    }
}
