package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import java.util.Map;

/**
 * What a completed user task decided, in two words: the outcome recorded on the SLA clock it
 * stops, and the reason the lead leaves the handoff if it does (recycled or disqualified).
 */
record TaskOutcome(String clockOutcome, String closeReason) {

    static final String RECYCLED_BY_MANAGER = "RECYCLED_BY_MANAGER";

    static TaskOutcome of(String taskKey, Map<String, Object> values) {
        return switch (taskKey) {
            case TASK_ACCEPT_LEAD -> "ACCEPT".equals(values.get(DECISION))
                    ? new TaskOutcome("ACCEPTED", null)
                    : new TaskOutcome(text(values.get(REJECT_REASON)), text(values.get(REJECT_REASON)));
            case TASK_DISCOVERY_CALL -> new TaskOutcome(text(values.get(OUTCOME)), text(values.get(OUTCOME)));
            case TASK_RESOLVE_ESCALATION, TASK_RESOLVE_SECOND_LEVEL -> new TaskOutcome(text(values.get(ACTION)),
                    "RECYCLE".equals(values.get(ACTION)) ? RECYCLED_BY_MANAGER : null);
            default -> new TaskOutcome("COMPLETED", null);
        };
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
