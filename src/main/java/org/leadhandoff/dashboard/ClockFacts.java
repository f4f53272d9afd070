package org.leadhandoff.dashboard;

import static org.leadhandoff.support.Db.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.leadhandoff.support.Db;

/**
 * One recorded clock as the SLA figures count it; the Java twin of {@link SlaFigures#MET} and
 * {@link SlaFigures#BREACHED}, used for the clocks read live and for those the rollup adds up.
 */
record ClockFacts(long id, String handoffId, String kind, String team, String assignee, Instant startedAt,
        Instant dueAt, Instant stoppedAt, Instant breachedAt, Instant endedAt, String outcome, Integer attempt) {

    static final String COLUMNS = "c.id, c.handoff_id, c.kind, c.team, c.assignee, c.started_at, c.due_at,"
            + " c.stopped_at, c.breached_at, c.ended_at, c.outcome, c.attempt";

    static ClockFacts of(ResultSet rs) throws SQLException {
        return new ClockFacts(rs.getLong("id"), rs.getString("handoff_id"), rs.getString("kind"), rs.getString("team"),
                rs.getString("assignee"), instant(rs, "started_at"), instant(rs, "due_at"), instant(rs, "stopped_at"),
                instant(rs, "breached_at"), instant(rs, "ended_at"), rs.getString("outcome"), Db.integer(rs, "attempt"));
    }

    boolean accept() {
        return "ACCEPT".equals(kind);
    }

    boolean accepted() {
        return accept() && "ACCEPTED".equals(outcome);
    }

    /** Stopped (the rep acted) before its due time. */
    boolean met() {
        return stoppedAt != null && stoppedAt.isBefore(dueAt);
    }

    /** Its due time came first: before it stopped, ended or {@code now}. */
    boolean breached(Instant now) {
        if (breachedAt != null) {
            return true;
        }
        if (stoppedAt != null && stoppedAt.isBefore(dueAt)) {
            return false;
        }
        Instant until = stoppedAt != null ? stoppedAt : endedAt != null ? endedAt : now;
        return !dueAt.isAfter(until);
    }

    /** A discovery-call attempt after the first: it counts in breaches only, not in first-contact compliance. */
    boolean laterAttempt() {
        return "FOLLOW_UP".equals(kind) && attempt != null && attempt > 1;
    }

    /** Minutes from the accept task's creation to the rep's decision; null when not a decided accept clock. */
    Double minutesToAccept() {
        if (!accept() || stoppedAt == null) {
            return null;
        }
        return Duration.between(startedAt, stoppedAt).toNanos() / 60e9;
    }

    /**
     * Which of the distinct handoff counts this accept clock is the first of, given the accept
     * clocks of its handoff started before it: counted once per handoff (or handoff and rep), these
     * add up across days and teams.
     */
    Firsts firsts(List<ClockFacts> earlier) {
        if (!accept()) {
            return Firsts.NONE;
        }
        boolean handoff = true;
        boolean accepted = accepted();
        boolean inTime = accepted() && met();
        boolean rep = assignee != null;
        boolean repAccepted = assignee != null && accepted();
        for (ClockFacts e : earlier) {
            if (e.id >= id || !e.accept()) {
                continue;
            }
            handoff = false;
            accepted &= !e.accepted();
            inTime &= !(e.accepted() && e.met());
            boolean sameRep = assignee != null && assignee.equals(e.assignee);
            rep &= !sameRep;
            repAccepted &= !(sameRep && e.accepted());
        }
        return new Firsts(handoff, accepted, inTime, rep, repAccepted);
    }

    /** The distinct counts a clock is the first of. */
    record Firsts(boolean handoff, boolean accepted, boolean acceptedInTime, boolean repHandoff, boolean repAccepted) {
        static final Firsts NONE = new Firsts(false, false, false, false, false);
    }
}
