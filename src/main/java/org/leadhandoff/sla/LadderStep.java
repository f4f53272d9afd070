package org.leadhandoff.sla;

import java.time.Instant;

/**
 * One rung of the escalation ladder: when it happened, who acted ({@code by}, null when the
 * process did it on a timer) and who was told or got the lead.
 */
public record LadderStep(Kind step, Instant at, String by, String toUser, String toGroup, String detail) {

    /** The rungs, in the order a handoff usually climbs them. */
    public enum Kind {
        /** The owner of a running clock was reminded. */
        REMINDED,
        /** A clock's due time passed first. */
        BREACHED,
        /** The team's manager got the lead to resolve, with their own clock. */
        ESCALATED_TO_MANAGER,
        /** The manager let that lapse: the second-level group got it. */
        ESCALATED_TO_SECOND_LEVEL,
        /** A manager resolved the escalation; the detail is the action (REASSIGN, TAKE_OVER, RECYCLE). */
        RESOLVED,
        /** The lead went to another rep (or the team queue) with a fresh clock. */
        REASSIGNED,
        /** A manager took the lead over and owns the discovery call. */
        TAKEN_OVER,
        /** First contact was made outside a call task (detail: the activity, e.g. MEETING_BOOKED). */
        CONTACTED,
        /** The clock's due dates moved because the team's calendar changed. */
        RESCHEDULED
    }
}
