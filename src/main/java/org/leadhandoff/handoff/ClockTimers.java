package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.leadhandoff.sla.ClockKind;
import org.leadhandoff.sla.SlaService;
import org.leadhandoff.sla.TeamCalendarChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine's SLA timers on the due dates of their clocks: when a team's calendar
 * changes, the running clocks' new due and reminder times move the boundary timer jobs, the
 * process variables the timers and reminders read, and the task's due date, in the same
 * transaction as the change. A reminder that already fired is not sent again.
 */
@Component
class ClockTimers {

    private record Timers(String task, String breach, String reminder, String dueVariable, String reminderVariable) {
    }

    private static final Map<ClockKind, Timers> TIMERS = Map.of(
            ClockKind.ACCEPT, new Timers(TASK_ACCEPT_LEAD, "BoundaryEvent_AcceptSlaBreached",
                    "BoundaryEvent_AcceptReminder", ACCEPT_DUE_AT, ACCEPT_REMINDER_AT),
            ClockKind.FOLLOW_UP, new Timers(TASK_DISCOVERY_CALL, "BoundaryEvent_FollowUpSlaBreached",
                    "BoundaryEvent_FollowUpReminder", FOLLOW_UP_DUE_AT, FOLLOW_UP_REMINDER_AT),
            ClockKind.ESCALATION, new Timers(TASK_RESOLVE_ESCALATION, "BoundaryEvent_EscalationSlaBreached",
                    "BoundaryEvent_EscalationReminder", ESCALATION_DUE_AT, ESCALATION_REMINDER_AT));

    private final SlaService sla;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final TaskService tasks;

    ClockTimers(SlaService sla, RuntimeService runtime, ManagementService management, TaskService tasks) {
        this.sla = sla;
        this.runtime = runtime;
        this.management = management;
        this.tasks = tasks;
    }

    @EventListener
    void on(TeamCalendarChanged changed) {
        for (SlaService.Rescheduled clock : sla.recompute(changed.team())) {
            move(clock.handoffId(), clock.kind(), clock.dueAt(), clock.reminderAt());
        }
    }

    private void move(String handoffId, ClockKind kind, Instant dueAt, Instant reminderAt) {
        Timers timers = TIMERS.get(kind);
        if (runtime.createProcessInstanceQuery().processInstanceId(handoffId).active().count() == 0) {
            return;
        }
        runtime.setVariable(handoffId, timers.dueVariable(), Date.from(dueAt));
        runtime.setVariable(handoffId, timers.reminderVariable(), Date.from(reminderAt));
        moveJob(handoffId, timers.breach(), dueAt);
        moveJob(handoffId, timers.reminder(), reminderAt);
        for (Task task : tasks.createTaskQuery().processInstanceId(handoffId).taskDefinitionKey(timers.task())
                .list()) {
            task.setDueDate(Date.from(dueAt));
            tasks.saveTask(task);
        }
    }

    private void moveJob(String handoffId, String activityId, Instant at) {
        for (Job job : management.createJobQuery().processInstanceId(handoffId).activityId(activityId).timers()
                .list()) {
            management.setJobDuedate(job.getId(), Date.from(at));
        }
    }
}
