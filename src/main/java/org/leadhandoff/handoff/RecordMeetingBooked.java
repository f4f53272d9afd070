package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordMeetingBooked: a booked meeting stopped the first-contact clock; the rep logs the
 * call on the next-attempt window (attempts unchanged).
 */
@Component("recordMeetingBooked")
class RecordMeetingBooked implements JavaDelegate {

    private final HandoffSteps steps;
    private final ReminderPercents reminders;

    RecordMeetingBooked(HandoffSteps steps, ReminderPercents reminders) {
        this.steps = steps;
        this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUp(execution, steps.meetingBooked(leadId(execution), execution.getProcessInstanceId(),
                string(execution, ASSIGNEE), integer(execution, CALL_ATTEMPTS),
                reminders.of(execution, TASK_DISCOVERY_CALL)));
    }
}
