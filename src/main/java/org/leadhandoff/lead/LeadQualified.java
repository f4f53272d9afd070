package org.leadhandoff.lead;

/** A lead crossed the MQL bar (or raised its hand): a handoff must start, exactly once. */
public record LeadQualified(String leadId) {
}
