package org.leadhandoff.sla;

/** The SLA clocks a handoff runs: the rep accepting, the rep's first contact, the manager resolving a breach. */
public enum ClockKind {
    ACCEPT, FOLLOW_UP, ESCALATION
}
