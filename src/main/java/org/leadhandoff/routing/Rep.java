package org.leadhandoff.routing;

import java.util.List;

/** A rep as managers see and change them (GET/PATCH /api/reps): load against capacity, weight, leave. */
public record Rep(String user, String team, boolean active, int weight, int capacity, int openHandoffs,
        List<Leave> leave) {

    /** The rep holds as many open handoffs as they may. */
    public boolean full() {
        return openHandoffs >= capacity;
    }

    /** Open handoffs as a share of capacity, 0–100 (100 when full). */
    public int loadPercent() {
        return full() ? 100 : 100 * openHandoffs / capacity;
    }
}
