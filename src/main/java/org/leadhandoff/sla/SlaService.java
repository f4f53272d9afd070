package org.leadhandoff.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.leadhandoff.scoring.Priority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts, stops and breaches SLA clocks and computes their due dates. Only one clock of a
 * handoff runs at a time: starting one ends the one before.
 */
@Service
public class SlaService {

    /** Outcome recorded on the accept clock when a rep rejects a lead as not in their territory. */
    public static final String WRONG_TERRITORY = "WRONG_TERRITORY";

    private final SlaClocks clocks;
    private final SlaProperties properties;
    private final Clock clock;
    private final BusinessCalendar calendar;

    SlaService(SlaClocks clocks, SlaProperties properties, Clock clock) {
        this.clocks = clocks;
        this.properties = properties;
        this.clock = clock;
        if (!"24x7".equals(properties.calendar())) {
            throw new IllegalStateException("handoff.sla.calendar=" + properties.calendar()
                    + " is not available yet; the only calendar is 24x7");
        }
        this.calendar = BusinessCalendar.TWENTY_FOUR_SEVEN;
    }

    /** Who starts a clock, for whom, and for which lead and handoff. */
    public record ClockOwner(String leadId, String handoffId, String team, String assignee, Priority priority) {
    }

    @Transactional
    public Deadline start(ClockKind kind, ClockOwner owner, boolean laterAttempt) {
        Instant now = clock.instant();
        Duration duration = properties.duration(kind, owner.priority(), laterAttempt);
        Instant due = calendar.add(now, duration);
        Instant reminder = calendar.add(now, duration.multipliedBy(properties.reminderPercent()).dividedBy(100));
        clocks.endOpen(owner.handoffId(), now);
        long id = clocks.start(owner.leadId(), owner.handoffId(), kind, owner.team(), owner.assignee(),
                owner.priority() == null ? null : owner.priority().name(), now, due, reminder);
        return new Deadline(id, now, due, reminder);
    }

    /** Someone acted on the running clock: it stops, met if before its due time. */
    @Transactional
    public void stop(String handoffId, String by, String outcome) {
        clocks.stopOpen(handoffId, clock.instant(), by, outcome);
    }

    /** The running clock's due time passed first. */
    @Transactional
    public void breach(String handoffId) {
        clocks.breachOpen(handoffId, clock.instant());
    }

    /** Ends whatever clock still runs when the handoff ends without anyone acting on it. */
    @Transactional
    public void endAll(String handoffId) {
        clocks.endOpen(handoffId, clock.instant());
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
