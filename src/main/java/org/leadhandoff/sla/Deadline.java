package org.leadhandoff.sla;

import java.time.Instant;
import java.util.Date;

/** A started clock's due time and when to remind its owner; the dates go to the BPMN timers as they are. */
public record Deadline(long clockId, Instant startedAt, Instant dueAt, Instant reminderAt) {

    public Date dueDate() {
        return Date.from(dueAt);
    }

    public Date reminderDate() {
        return Date.from(reminderAt);
    }
}
