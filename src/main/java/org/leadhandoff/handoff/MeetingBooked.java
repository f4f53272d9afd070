package org.leadhandoff.handoff;

import org.camunda.bpm.engine.RuntimeService;
import org.leadhandoff.lead.ActivityLogged;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadService;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.sla.SlaService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A scheduling tool booked a meeting with a lead whose rep still owes the first contact: that is
 * the first contact. The handoff gets the {@code MeetingBooked} message, in the transaction that
 * recorded the activity; at any other moment the activity only counts for the score.
 */
@Component
class MeetingBooked {

    static final String MESSAGE = "MeetingBooked";

    private final LeadService leads;
    private final SlaService sla;
    private final RuntimeService runtime;

    MeetingBooked(LeadService leads, SlaService sla, RuntimeService runtime) {
        this.leads = leads;
        this.sla = sla;
        this.runtime = runtime;
    }

    @EventListener
    void on(ActivityLogged activity) {
        if (activity.type() != ActivityType.MEETING_BOOKED) {
            return;
        }
        Lead lead = leads.get(activity.leadId());
        if (lead.handoffId() != null && sla.awaitingFirstContact(lead.handoffId())) {
            runtime.createMessageCorrelation(MESSAGE).processInstanceId(lead.handoffId()).correlateAll();
        }
    }
}
