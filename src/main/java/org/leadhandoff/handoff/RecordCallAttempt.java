package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordCallAttempt: a NO_ANSWER call; another attempt with a fresh window, or recycle when none are left. */
@Component("recordCallAttempt")
class RecordCallAttempt implements JavaDelegate {

    private final HandoffSteps steps;
    private final ReminderPercents reminders;

    RecordCallAttempt(HandoffSteps steps, ReminderPercents reminders) {
        this.steps = steps;
        this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        HandoffSteps.CallAttempt attempt = steps.noAnswer(leadId(execution), execution.getProcessInstanceId(),
                integer(execution, CALL_ATTEMPTS), DelegateNotes.of(execution), string(execution, ACTED_BY),
                reminders.of(execution, TASK_DISCOVERY_CALL));
        execution.setVariable(CALL_ATTEMPTS, attempt.attempts());
        execution.setVariable(RETRY_CALL, attempt.nextAttempt().isPresent());
        attempt.nextAttempt().ifPresentOrElse(next -> followUp(execution, next),
                () -> execution.setVariable(CLOSE_REASON, "NO_ANSWER"));
    }
}
