package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RouteLead: picks the team. */
@Component("routeLead")
class RouteLead implements JavaDelegate {

    private final HandoffSteps steps;

    RouteLead(HandoffSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(TEAM, steps.route(leadId(execution), execution.getProcessInstanceId()));
    }
}
