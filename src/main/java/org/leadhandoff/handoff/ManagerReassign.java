package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A manager moves a lead that waits for its rep's acceptance to the next rep in rotation before
 * its SLA runs out: the {@code ReassignRequested} message interrupts the accept task and the
 * handoff goes back to Task_AssignRep, as a REASSIGN after an escalation does (same record, fresh
 * clock, previous reps skipped).
 */
@Service
public class ManagerReassign {

    static final String MESSAGE = "ReassignRequested";

    private final LeadService leads;
    private final TaskService tasks;
    private final RuntimeService runtime;

    ManagerReassign(LeadService leads, TaskService tasks, RuntimeService runtime) {
        this.leads = leads;
        this.tasks = tasks;
        this.runtime = runtime;
    }

    /** Who has the lead now (empty: nobody could take it, the team queue has it). */
    public record Reassigned(Lead lead, Optional<String> from, Optional<String> to) {
    }

    /**
     * Reassigns the lead if it is still waiting to be accepted; empty when it is not (accepted,
     * escalated or ended meanwhile).
     */
    @Transactional
    public Optional<Reassigned> reassign(String leadId, String manager) {
        Lead lead = leads.get(leadId);
        if (lead.handoffId() == null) {
            return Optional.empty();
        }
        Task accept = tasks.createTaskQuery().processInstanceId(lead.handoffId()).taskDefinitionKey(TASK_ACCEPT_LEAD)
                .singleResult();
        if (accept == null) {
            return Optional.empty();
        }
        runtime.createMessageCorrelation(MESSAGE).processInstanceId(lead.handoffId())
                .setVariables(Map.of(ACTION, "REASSIGN", ACTED_BY, manager))
                .correlate();
        Lead after = leads.get(leadId);
        return Optional.of(new Reassigned(after, Optional.ofNullable(accept.getAssignee()),
                Optional.ofNullable(after.owner())));
    }
}
