package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RemindAcceptLead and Task_RemindDiscoveryCall (async, retried): the SLA is running out. */
@Component("remindRep")
class RemindRep implements JavaDelegate {

    private final HandoffSteps steps;

    RemindRep(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean accepting = execution.getCurrentActivityId().contains("Accept");
        Date due = date(execution, accepting ? ACCEPT_DUE_AT : FOLLOW_UP_DUE_AT);
        steps.remind(leadId(execution), string(execution, ASSIGNEE), due.toInstant());
    }
}
