package org.leadhandoff.handoff;

import java.time.Instant;
import java.util.Optional;
import org.leadhandoff.lead.DiscoveryNotes;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadService;
import org.leadhandoff.notify.CrmWebhook;
import org.leadhandoff.notify.Notifications;
import org.leadhandoff.routing.RepRouter;
import org.leadhandoff.scoring.Priority;
import org.leadhandoff.sla.ClockKind;
import org.leadhandoff.sla.Deadline;
import org.leadhandoff.sla.LadderStep;
import org.leadhandoff.sla.SlaService;
import org.leadhandoff.sla.SlaService.ClockOwner;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One method per step of the LeadHandoff process, each coordinating the feature services for that
 * step (lead stage, routing, SLA clock, notification). The delegates only move values between
 * the process and these methods.
 */
@Service
class HandoffSteps {

    private final LeadService leads;
    private final RepRouter router;
    private final SlaService sla;
    private final Notifications notifications;
    private final CrmWebhook crm;
    private final HandoffProperties properties;

    HandoffSteps(LeadService leads, RepRouter router, SlaService sla, Notifications notifications, CrmWebhook crm,
            HandoffProperties properties) {
        this.leads = leads;
        this.router = router;
        this.sla = sla;
        this.notifications = notifications;
        this.crm = crm;
        this.properties = properties;
    }

    /** A rep (or nobody: the team queue) and the accept clock started for them. */
    record Assignment(String assignee, Deadline deadline) {
    }

    /** The manager who must resolve an escalation, and their clock. */
    record Escalation(String manager, Deadline deadline) {
    }

    /** A NO_ANSWER call: another attempt (with its clock) or none left. */
    record CallAttempt(int attempts, Optional<Deadline> nextAttempt) {
    }

    @Transactional
    String route(String leadId, String handoffId) {
        Lead lead = leads.get(leadId);
        RepRouter.Route route = router.route(lead, sla.wrongTerritoryTeams(handoffId));
        leads.routed(leadId, route.team(), route.priority().name());
        return route.team();
    }

    @Transactional
    Assignment assign(String leadId, String handoffId, String team, String requestedRep, Integer reminderPercent) {
        Lead lead = leads.get(leadId);
        String rep = requestedRep != null ? requestedRep
                : router.nextRep(team, sla.previousAssignees(handoffId)).orElse(null);
        leads.assigned(leadId, rep);
        Deadline deadline = sla.start(ClockKind.ACCEPT, owner(lead, handoffId, rep), 1, reminderPercent);
        return new Assignment(rep, deadline);
    }

    /** A manager's REASSIGN gave the lead to {@code rep} (null: the team queue), with the fresh accept clock. */
    @Transactional
    void reassigned(String leadId, String handoffId, String by, String rep, String team) {
        sla.step(leadId, handoffId, LadderStep.Kind.REASSIGNED, by, rep, rep == null ? "team-" + team : null, null);
    }

    void notifyAssigned(String leadId, String rep, Instant dueAt) {
        if (rep != null) {
            notifications.assigned(leads.get(leadId), rep, dueAt);
        } else {
            Lead lead = leads.get(leadId);
            router.managerOf(lead.team()).ifPresent(manager -> notifications.queued(lead, manager, dueAt));
        }
    }

    /** Reminds the rep unless the clock it was for is over (acted on, breached or replaced meanwhile). */
    @Transactional
    void remind(String leadId, String handoffId, String rep, Instant dueAt) {
        boolean stillRunning = sla.current(leadId).filter(s -> !s.breached() && s.dueAt().equals(dueAt)).isPresent();
        if (rep != null && stillRunning) {
            notifications.reminder(leads.get(leadId), rep, dueAt);
            sla.step(leadId, handoffId, LadderStep.Kind.REMINDED, null, rep, null, null);
        }
    }

    @Transactional
    Escalation escalate(String leadId, String handoffId, Integer reminderPercent) {
        Lead lead = leads.get(leadId);
        sla.breach(leadId, handoffId);
        String manager = router.managerOf(lead.team()).orElseThrow(
                () -> new IllegalStateException("Team " + lead.team() + " has no manager to escalate to"));
        Deadline deadline = sla.start(ClockKind.ESCALATION, owner(lead, handoffId, manager), 1, reminderPercent);
        sla.step(leadId, handoffId, LadderStep.Kind.ESCALATED_TO_MANAGER, null, manager, null, null);
        return new Escalation(manager, deadline);
    }

    void notifyBreach(String leadId, String manager, Instant dueAt) {
        notifications.breached(leads.get(leadId), manager, dueAt);
    }

    @Transactional
    String escalateToSecondLevel(String leadId, String handoffId) {
        sla.breach(leadId, handoffId);
        String group = properties.escalation().secondLevelGroup();
        sla.step(leadId, handoffId, LadderStep.Kind.ESCALATED_TO_SECOND_LEVEL, null, null, group, null);
        return group;
    }

    void notifySecondLevel(String leadId, String group, Instant breachedAt) {
        notifications.secondLevel(leads.get(leadId), group, breachedAt);
    }

    /** The rep who completed a task acted: their clock stops with the decision taken. */
    @Transactional
    TaskOutcome taskCompleted(String handoffId, String taskKey, String by, java.util.Map<String, Object> values) {
        TaskOutcome outcome = TaskOutcome.of(taskKey, values);
        sla.stop(handoffId, by, outcome.clockOutcome());
        if (HandoffVariables.TASK_RESOLVE_ESCALATION.equals(taskKey)
                || HandoffVariables.TASK_RESOLVE_SECOND_LEVEL.equals(taskKey)) {
            Object leadId = values.get(HandoffVariables.LEAD_ID);
            sla.step(leadId == null ? null : leadId.toString(), handoffId, LadderStep.Kind.RESOLVED, by,
                    null, null, outcome.clockOutcome());
        }
        return outcome;
    }

    @Transactional
    Deadline accepted(String leadId, String handoffId, String rep, Integer reminderPercent) {
        Lead lead = leads.get(leadId);
        leads.accepted(leadId, rep);
        return sla.start(ClockKind.FOLLOW_UP, owner(lead, handoffId, rep), 1, reminderPercent);
    }

    /** A manager takes the lead over after an escalation: they own it and must call. */
    @Transactional
    Deadline takeOver(String leadId, String handoffId, String manager, Integer reminderPercent) {
        Lead lead = leads.get(leadId);
        leads.assigned(leadId, manager);
        leads.accepted(leadId, manager);
        sla.step(leadId, handoffId, LadderStep.Kind.TAKEN_OVER, manager, manager, null, null);
        return sla.start(ClockKind.FOLLOW_UP, owner(lead, handoffId, manager), 1, reminderPercent);
    }

    @Transactional
    CallAttempt noAnswer(String leadId, String handoffId, int attemptsBefore, DiscoveryNotes notes, String by,
            Integer reminderPercent) {
        int attempts = attemptsBefore + 1;
        leads.callAttempted(leadId, handoffId, attempts, "NO_ANSWER", notes, by);
        if (attempts >= properties.discovery().maxAttempts()) {
            return new CallAttempt(attempts, Optional.empty());
        }
        Lead lead = leads.get(leadId);
        return new CallAttempt(attempts, Optional.of(sla.start(ClockKind.FOLLOW_UP, owner(lead, handoffId, by),
                attempts + 1, reminderPercent)));
    }

    /** A meeting booked by a scheduling tool was the first contact; the call is logged on the next-attempt window. */
    @Transactional
    Deadline meetingBooked(String leadId, String handoffId, String owner, int attemptsBefore,
            Integer reminderPercent) {
        sla.contacted(leadId, handoffId, "MEETING_BOOKED");
        return sla.start(ClockKind.FOLLOW_UP, owner(leads.get(leadId), handoffId, owner), attemptsBefore + 2,
                reminderPercent);
    }

    @Transactional
    void qualified(String leadId, String handoffId, int attempt, DiscoveryNotes notes, String by) {
        leads.qualified(leadId, handoffId, attempt, notes, by);
    }

    void handOffToCrm(String leadId) {
        crm.handOff(leads.get(leadId));
    }

    @Transactional
    void recycle(String leadId, String handoffId, String by, String reason) {
        sla.endAll(handoffId);
        leads.recycled(leadId, by, reason);
    }

    @Transactional
    void disqualify(String leadId, String handoffId, String by, String reason) {
        sla.endAll(handoffId);
        leads.disqualified(leadId, by, reason);
    }

    private static ClockOwner owner(Lead lead, String handoffId, String assignee) {
        Priority priority = lead.priority() == null ? Priority.NORMAL : Priority.valueOf(lead.priority());
        return new ClockOwner(lead.id(), handoffId, lead.team(), assignee, priority);
    }
}
