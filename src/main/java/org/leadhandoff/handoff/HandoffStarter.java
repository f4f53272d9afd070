package org.leadhandoff.handoff;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.leadhandoff.lead.LeadQualified;
import org.leadhandoff.lead.LeadService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts a handoff for a lead that just qualified, in the same transaction that made it an MQL:
 * either both happen or neither does. The process continues asynchronously after its start event.
 */
@Component
class HandoffStarter {

    private final RuntimeService runtime;
    private final LeadService leads;

    HandoffStarter(RuntimeService runtime, LeadService leads) {
        this.runtime = runtime;
        this.leads = leads;
    }

    @EventListener
    void on(LeadQualified event) {
        ProcessInstance handoff = runtime.startProcessInstanceByKey(HandoffVariables.PROCESS_ID, event.leadId(),
                Map.of(HandoffVariables.LEAD_ID, event.leadId()));
        leads.handoffStarted(event.leadId(), handoff.getId());
    }
}
