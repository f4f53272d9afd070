package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** On completion of any handoff user task: stops its SLA clock and remembers who acted and why. */
@Component("slaTaskListener")
class SlaTaskListener implements TaskListener {

    private final HandoffSteps steps;

    SlaTaskListener(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void notify(DelegateTask task) {
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String by = auth != null && auth.getUserId() != null ? auth.getUserId() : task.getAssignee();
        TaskOutcome outcome = steps.taskCompleted(task.getProcessInstanceId(), task.getTaskDefinitionKey(), by,
                task.getVariables());
        task.setVariable(ACTED_BY, by);
        task.setVariable(CLOSE_REASON, outcome.closeReason());
    }
}
