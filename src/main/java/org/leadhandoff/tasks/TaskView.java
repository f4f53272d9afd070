package org.leadhandoff.tasks;

import java.time.Instant;

/** An open handoff task as the API lists it. */
public record TaskView(String id, String taskKey, String name, String leadId, String assignee, Instant createdAt,
        Instant dueAt) {
}
