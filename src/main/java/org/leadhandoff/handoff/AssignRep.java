package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_AssignRep: the next rep in rotation (or the one a manager named) and their accept deadline. */
@Component("assignRep")
class AssignRep implements JavaDelegate {

    private final HandoffSteps steps;
    private final ReminderPercents reminders;

    AssignRep(HandoffSteps steps, ReminderPercents reminders) {
        this.steps = steps;
        this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        HandoffSteps.Assignment assignment = steps.assign(leadId(execution), execution.getProcessInstanceId(),
                string(execution, TEAM), string(execution, NEW_ASSIGNEE), reminders.of(execution, TASK_ACCEPT_LEAD));
        if ("REASSIGN".equals(string(execution, ACTION))) {
            steps.reassigned(leadId(execution), execution.getProcessInstanceId(), string(execution, ACTED_BY),
                    assignment.assignee(), string(execution, TEAM));
            execution.setVariable(ACTION, null);
        }
        // cleared only when a manager named someone: setting it on a first assignment would write a
        // runtime and a history row for nothing
        if (execution.hasVariable(NEW_ASSIGNEE)) {
            execution.setVariable(NEW_ASSIGNEE, null);
        }
        execution.setVariable(ASSIGNEE, assignment.assignee());
        execution.setVariable(ACCEPT_DUE_AT, assignment.deadline().dueDate());
        execution.setVariable(ACCEPT_REMINDER_AT, assignment.deadline().reminderDate());
    }
}
