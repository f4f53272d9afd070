package org.leadhandoff.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leadhandoff.scoring.Priority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts, stops and breaches SLA clocks and computes their due dates in the calendar of the
 * clock's team. Only one clock of a handoff runs at a time: starting one ends the one before.
 * Every rung of the escalation ladder is recorded with who and when.
 */
@Service
public class SlaService {

    /** Outcome recorded on the accept clock when a rep rejects a lead as not in their territory. */
    public static final String WRONG_TERRITORY = "WRONG_TERRITORY";

    private final SlaClocks clocks;
    private final EscalationSteps steps;
    private final SlaProperties properties;
    private final TeamCalendarService calendars;
    private final Clock clock;

    SlaService(SlaClocks clocks, EscalationSteps steps, SlaProperties properties, TeamCalendarService calendars,
            Clock clock) {
        this.clocks = clocks;
        this.steps = steps;
        this.properties = properties;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** Who starts a clock, for whom, and for which lead and handoff. */
    public record ClockOwner(String leadId, String handoffId, String team, String assignee, Priority priority) {
    }

    /** The new due dates of a running clock whose team calendar changed. */
    public record Rescheduled(long clockId, String leadId, String handoffId, ClockKind kind, Instant dueAt,
            Instant reminderAt) {
    }

    @Transactional
    public Deadline start(ClockKind kind, ClockOwner owner, boolean laterAttempt) {
        return start(kind, owner, laterAttempt ? 2 : 1, null);
    }

    /**
     * Starts a clock. {@code attempt} counts discovery-call attempts (1 = first contact, later ones
     * run on the next-attempt window); {@code reminderPercent}, when not null, overrides the
     * priority's reminder percentage (ops set it on the task in the BPMN).
     */
    @Transactional
    public Deadline start(ClockKind kind, ClockOwner owner, int attempt, Integer reminderPercent) {
        Instant now = clock.instant();
        Duration duration = properties.duration(kind, owner.priority(), attempt > 1);
        int percent = reminderPercent != null ? reminderPercent : properties.reminderPercent(owner.priority());
        SlaProperties.checkPercent("reminderPercent", percent);
        BusinessCalendar calendar = calendars.calendarFor(owner.team());
        Instant due = calendar.add(now, duration);
        Instant reminder = calendar.add(now, reminderShare(duration, percent));
        clocks.endOpen(owner.handoffId(), now);
        long id = clocks.start(owner.leadId(), owner.handoffId(), kind, owner.team(), owner.assignee(),
                owner.priority() == null ? null : owner.priority().name(), now, due, reminder, duration, percent,
                kind == ClockKind.FOLLOW_UP ? attempt : null);
        return new Deadline(id, now, due, reminder);
    }

    private static Duration reminderShare(Duration duration, int percent) {
        return Duration.ofMillis(duration.toMillis() * percent / 100);
    }

    /** Someone acted on the running clock: it stops, met if before its due time. */
    @Transactional
    public void stop(String handoffId, String by, String outcome) {
        clocks.stopOpen(handoffId, clock.instant(), by, outcome);
    }

    /**
     * The lead was contacted outside a call task (a scheduling tool booked a meeting): the clock
     * for first contact stops, met or breached by its due time. Anything else running is left alone.
     *
     * @return whether a first-contact clock was stopped
     */
    @Transactional
    public boolean contacted(String leadId, String handoffId, String how) {
        Optional<SlaClocks.Open> open = clocks.open(handoffId);
        if (open.isEmpty() || open.get().kind() != ClockKind.FOLLOW_UP
                || (open.get().attempt() != null && open.get().attempt() > 1)) {
            return false;
        }
        Instant now = clock.instant();
        clocks.stopOpen(handoffId, now, null, how);
        steps.add(leadId, handoffId, open.get().id(), LadderStep.Kind.CONTACTED, now, null, open.get().assignee(),
                null, how);
        return true;
    }

    /** Whether the handoff's running clock is the one for first contact (the rep has not reached the lead yet). */
    @Transactional(readOnly = true)
    public boolean awaitingFirstContact(String handoffId) {
        return clocks.open(handoffId).filter(o -> o.kind() == ClockKind.FOLLOW_UP && !o.breached()
                && (o.attempt() == null || o.attempt() == 1)).isPresent();
    }

    /** The running clock's due time passed first. */
    @Transactional
    public void breach(String leadId, String handoffId) {
        Instant now = clock.instant();
        Optional<SlaClocks.Open> open = clocks.open(handoffId);
        if (clocks.breachOpen(handoffId, now) > 0) {
            steps.add(leadId, handoffId, open.map(SlaClocks.Open::id).orElse(null), LadderStep.Kind.BREACHED, now,
                    null, open.map(SlaClocks.Open::assignee).orElse(null), null,
                    open.map(o -> o.kind().name()).orElse(null));
        }
    }

    /** Records a rung of the ladder against the handoff's running clock. */
    @Transactional
    public void step(String leadId, String handoffId, LadderStep.Kind step, String by, String toUser, String toGroup,
            String detail) {
        Long clockId = clocks.open(handoffId).map(SlaClocks.Open::id).orElse(null);
        if (step == LadderStep.Kind.REMINDED && clockId != null) {
            clocks.reminded(clockId, clock.instant());
        }
        steps.add(leadId, handoffId, clockId, step, clock.instant(), by, toUser, toGroup, detail);
    }

    @Transactional(readOnly = true)
    public List<LadderStep> ladder(String leadId) {
        return steps.ofLead(leadId);
    }

    /** Ends whatever clock still runs when the handoff ends without anyone acting on it. */
    @Transactional
    public void endAll(String handoffId) {
        clocks.endOpen(handoffId, clock.instant());
    }

    /**
     * Recomputes the due and reminder times of the team's running clocks in its current calendar,
     * from when each started; stores them and returns them for the timers to follow.
     */
    @Transactional
    public List<Rescheduled> recompute(String team) {
        BusinessCalendar calendar = calendars.calendarFor(team);
        Instant now = clock.instant();
        List<Rescheduled> moved = new ArrayList<>();
        for (SlaClocks.Running c : clocks.runningOfTeam(team)) {
            Instant due = calendar.add(c.startedAt(), c.duration());
            Instant reminder = calendar.add(c.startedAt(), reminderShare(c.duration(), c.reminderPercent()));
            clocks.reschedule(c.id(), due, reminder);
            steps.add(c.leadId(), c.handoffId(), c.id(), LadderStep.Kind.RESCHEDULED, now, null, null, null,
                    "due " + due);
            moved.add(new Rescheduled(c.id(), c.leadId(), c.handoffId(), c.kind(), due, reminder));
        }
        return moved;
    }

    @Transactional(readOnly = true)
    public Optional<SlaStatus> current(String leadId) {
        return clocks.current(leadId);
    }

    /** Reps this handoff was already offered to (they let it lapse or turned it down). */
    @Transactional(readOnly = true)
    public List<String> previousAssignees(String handoffId) {
        return clocks.assignees(handoffId);
    }

    /** Teams whose reps said this lead is not in their territory. */
    @Transactional(readOnly = true)
    public List<String> wrongTerritoryTeams(String handoffId) {
        return clocks.teamsWithOutcome(handoffId, WRONG_TERRITORY);
    }
}
