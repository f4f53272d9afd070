package org.leadhandoff.scoring;

/** How fast sales must react to a lead; selects the SLA policy. */
public enum Priority {
    HIGH, NORMAL, LOW
}
