package org.leadhandoff.scoring;

import java.time.Instant;

/** An activity as stored, with the points the engagement rules gave it when it was (re-)scored. */
public record ScoredActivity(ActivityType type, Instant occurredAt, ActivityPoints points) {
}
