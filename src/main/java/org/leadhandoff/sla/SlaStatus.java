package org.leadhandoff.sla;

import java.time.Instant;

/** The clock now running for a lead, when it is due, and whether it has breached. */
public record SlaStatus(ClockKind clock, Instant dueAt, boolean breached) {
}
