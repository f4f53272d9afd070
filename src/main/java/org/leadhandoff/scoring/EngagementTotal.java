package org.leadhandoff.scoring;

/** The activities of one type a lead has, and the points they earned. */
public record EngagementTotal(ActivityType type, int count, int points) {
}
