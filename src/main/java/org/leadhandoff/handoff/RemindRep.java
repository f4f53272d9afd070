package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RemindAcceptLead, Task_RemindDiscoveryCall and Task_RemindResolveEscalation (async,
 * retried): the SLA is running out; the rep (or, for an escalation, the manager) is reminded.
 */
@Component("remindRep")
class RemindRep implements JavaDelegate {

    private final HandoffSteps steps;

    RemindRep(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String activity = execution.getCurrentActivityId();
        boolean escalation = activity.contains("Escalation");
        Date due = date(execution, escalation ? ESCALATION_DUE_AT
                : activity.contains("Accept") ? ACCEPT_DUE_AT : FOLLOW_UP_DUE_AT);
        steps.remind(leadId(execution), execution.getProcessInstanceId(),
                string(execution, escalation ? MANAGER : ASSIGNEE), due.toInstant());
    }
}
