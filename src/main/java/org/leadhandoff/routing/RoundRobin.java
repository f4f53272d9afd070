package org.leadhandoff.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Weighted round robin by stride scheduling: every lead moves its rep's pass on by {@code SCALE /
 * weight}, and the next lead goes to the eligible rep with the lowest pass, so over any run of leads
 * each rep's share is their weight over the total (to within one lead). Reps who could not take
 * leads for a while (on leave, inactive, full) rejoin at the team's floor, the pass of the last
 * pick: they get their fair share from then on, not a flood of catch-up leads. Pure arithmetic; the
 * state lives in the database ({@link Teams}).
 */
final class RoundRobin {

    /** Divisible by every weight from 1 to 16, so common weights advance exactly. */
    static final long SCALE = 720_720L * 5_000L;

    private RoundRobin() {
    }

    /** A rep who may take the next lead, with their pass so far. */
    record Candidate(String userId, int weight, long pass) {
    }

    /** Who gets the lead, their new pass and the team's new floor. */
    record Pick(String userId, long pass, long floor) {
    }

    static Optional<Pick> pick(List<Candidate> eligible, long floor) {
        return eligible.stream()
                .filter(c -> c.weight() > 0)
                .min(Comparator.<Candidate>comparingLong(c -> Math.max(c.pass(), floor))
                        .thenComparingLong(Candidate::pass)
                        .thenComparing(Candidate::userId))
                .map(c -> {
                    long start = Math.max(c.pass(), floor);
                    return new Pick(c.userId(), start + SCALE / c.weight(), start);
                });
    }
}
