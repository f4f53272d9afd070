package org.leadhandoff.handoff;

import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The process variables of the LeadHandoff process: names declared once, with typed accessors. */
public final class HandoffVariables {

    public static final String PROCESS_ID = "LeadHandoff";

    public static final String LEAD_ID = "leadId";
    public static final String TEAM = "team";
    public static final String ASSIGNEE = "assignee";
    public static final String ACCEPT_DUE_AT = "acceptDueAt";
    public static final String ACCEPT_REMINDER_AT = "acceptReminderAt";
    public static final String FOLLOW_UP_DUE_AT = "followUpDueAt";
    public static final String FOLLOW_UP_REMINDER_AT = "followUpReminderAt";
    public static final String ESCALATION_DUE_AT = "escalationDueAt";
    public static final String ESCALATION_REMINDER_AT = "escalationReminderAt";
    public static final String MANAGER = "manager";
    public static final String SECOND_LEVEL_GROUP = "secondLevelGroup";
    public static final String CALL_ATTEMPTS = "callAttempts";
    public static final String RETRY_CALL = "retryCall";
    public static final String CLOSE_REASON = "closeReason";
    /** Who completed the last user task: the person a following step acts for. */
    public static final String ACTED_BY = "actedBy";

    // form fields (CONTRACT.md)
    public static final String DECISION = "decision";
    public static final String REJECT_REASON = "rejectReason";
    public static final String OUTCOME = "outcome";
    public static final String BUDGET = "budget";
    public static final String AUTHORITY = "authority";
    public static final String NEED = "need";
    public static final String TIMELINE = "timeline";
    public static final String NOTES = "notes";
    public static final String ACTION = "action";
    public static final String NEW_ASSIGNEE = "newAssignee";

    // task keys (CONTRACT.md)
    public static final String TASK_ACCEPT_LEAD = "Task_AcceptLead";
    public static final String TASK_DISCOVERY_CALL = "Task_DiscoveryCall";
    public static final String TASK_RESOLVE_ESCALATION = "Task_ResolveEscalation";
    public static final String TASK_RESOLVE_SECOND_LEVEL = "Task_ResolveSecondLevelEscalation";

    private HandoffVariables() {
    }

    public static String leadId(VariableScope scope) {
        return string(scope, LEAD_ID);
    }

    public static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    public static int integer(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value instanceof Number n ? n.intValue() : 0;
    }

    public static Date date(VariableScope scope, String name) {
        return (Date) scope.getVariable(name);
    }

    /** Hands a discovery call's follow-up window to the call task's timers. */
    static void followUp(VariableScope scope, org.leadhandoff.sla.Deadline deadline) {
        scope.setVariable(FOLLOW_UP_DUE_AT, deadline.dueDate());
        scope.setVariable(FOLLOW_UP_REMINDER_AT, deadline.reminderDate());
    }

    /** The lead's owner makes the first discovery call: attempts start at zero. */
    static void firstCall(VariableScope scope, String owner, org.leadhandoff.sla.Deadline deadline) {
        scope.setVariable(ASSIGNEE, owner);
        scope.setVariable(CALL_ATTEMPTS, 0);
        followUp(scope, deadline);
    }
}
