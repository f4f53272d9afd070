package org.leadhandoff.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.leadhandoff.handoff.HandoffVariables;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadService;
import org.leadhandoff.routing.RepRouter;
import org.leadhandoff.security.CurrentUser;
import org.leadhandoff.web.ConflictException;
import org.leadhandoff.web.FieldProblem;
import org.leadhandoff.web.InvalidInputException;
import org.leadhandoff.web.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The handoff's user tasks for the person calling: their open tasks by SLA deadline, claiming one
 * from their team's queue, and completing one with values checked against the task's own form.
 */
@Service
public class HandoffTasks {

    /** Tries of a completion that lost a race to a change that left the task open. */
    private static final int MAX_ATTEMPTS = 3;

    private final TaskService tasks;
    private final FormService forms;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final IdentityService identity;
    private final CurrentUser currentUser;
    private final LeadService leads;
    private final RepRouter router;
    private final ObjectMapper json;

    HandoffTasks(TaskService tasks, FormService forms, RuntimeService runtime, HistoryService history,
            IdentityService identity, CurrentUser currentUser, LeadService leads, RepRouter router, ObjectMapper json) {
        this.tasks = tasks;
        this.forms = forms;
        this.runtime = runtime;
        this.history = history;
        this.identity = identity;
        this.currentUser = currentUser;
        this.leads = leads;
        this.router = router;
        this.json = json;
    }

    /** The caller's open tasks and those offered to one of their groups, earliest SLA due first. */
    public List<TaskView> openTasks() {
        String user = currentUser.name();
        List<String> groups = currentUser.groups();
        TaskQuery query = tasks.createTaskQuery().processDefinitionKey(HandoffVariables.PROCESS_ID).active();
        query = groups.isEmpty() ? query.taskAssignee(user)
                : query.or().taskAssignee(user).taskCandidateGroupIn(groups).endOr();
        List<Task> open = query.orderByDueDate().asc().orderByTaskCreateTime().asc().list();
        Map<String, String> leadIds = leadIds(open);
        return open.stream().map(t -> view(t, leadIds.get(t.getProcessInstanceId()))).toList();
    }

    /** An open task the caller may work on, with its form; {@code queued} when nobody has claimed it yet. */
    public record OpenTask(TaskView task, FormDefinition form, boolean queued) {
    }

    /** The open task for the caller's task page; 403 unless they may work on it (as for completing it). */
    public OpenTask openTask(String taskId) {
        Task task = open(taskId);
        checkMayWork(task, leads.get(leadId(task)));
        return new OpenTask(view(task, leadId(task)), form(task), task.getAssignee() == null);
    }

    /** The open task of the lead's handoff, if any. Callers check that the lead may be seen. */
    public Optional<TaskView> currentTaskOf(Lead lead) {
        if (lead.handoffId() == null) {
            return Optional.empty();
        }
        return tasks.createTaskQuery().processInstanceId(lead.handoffId()).active().orderByDueDate().asc().list()
                .stream().findFirst().map(t -> view(t, lead.id()));
    }

    /**
     * Takes a task offered to one of the caller's groups. Claiming a lead's offer makes the caller
     * its owner, so the lead is theirs from then on.
     */
    public void claim(String taskId) {
        Task task = open(taskId);
        String user = currentUser.name();
        if (user.equals(task.getAssignee())) {
            return;
        }
        if (task.getAssignee() != null) {
            throw new ConflictException("Task " + taskId + " was claimed by " + task.getAssignee() + " meanwhile");
        }
        if (!isCandidate(task, currentUser.groups())) {
            throw new AccessDeniedException("Task " + taskId + " is offered to another team's queue");
        }
        claimFor(task, user);
    }

    /**
     * Completes the task for the caller. Only the assignee, a member of the group it is offered
     * to, or a manager of the lead's team may; the values must satisfy the task's form. A task that
     * was open and is no longer is a conflict (409) to reload, not a task never heard of (404).
     */
    public void complete(String taskId, Map<String, Object> submitted) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null && history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0) {
            // lost the race by a moment (the SLA fired, someone else completed it): as when losing it mid-way
            throw changed(taskId);
        }
        if (task == null) {
            throw notOpen(taskId);
        }
        String user = currentUser.name();
        checkMayWork(task, leads.get(leadId(task)));
        FormValidator.Result result = FormValidator.validate(form(task), submitted);
        List<FieldProblem> problems = new ArrayList<>(result.problems());
        Object newAssignee = result.values().get(HandoffVariables.NEW_ASSIGNEE);
        if (newAssignee != null && router.teamOf(newAssignee.toString()).isEmpty()) {
            problems.add(new FieldProblem(HandoffVariables.NEW_ASSIGNEE, newAssignee, "is not a sales rep"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        identity.setAuthenticatedUserId(user);
        try {
            if (task.getAssignee() == null) {
                claimFor(task, user);
            }
            completeDespiteRaces(taskId, task.getAssignee() == null ? user : task.getAssignee(), result.values());
        } finally {
            identity.clearAuthentication();
        }
    }

    /**
     * Completes the task; when another transaction changed the handoff at the same moment (a
     * reminder firing, a notification step ending) the rolled-back completion is tried again while
     * the task is still open and still with the same assignee. When the task itself is gone (its SLA fired,
     * someone else completed it) the caller gets a conflict to reload.
     */
    private void completeDespiteRaces(String taskId, String assignee, Map<String, Object> values) {
        for (int attempt = 1; ; attempt++) {
            try {
                tasks.complete(taskId, values);
                return;
            } catch (OptimisticLockingException e) {
                if (attempt >= MAX_ATTEMPTS || !stillOpenFor(taskId, assignee)) {
                    throw changed(taskId);
                }
            } catch (ProcessEngineException e) {
                if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
                    throw changed(taskId);
                }
                throw e;
            }
        }
    }

    private boolean stillOpenFor(String taskId, String assignee) {
        Task now = tasks.createTaskQuery().taskId(taskId).singleResult();
        return now != null && assignee.equals(now.getAssignee());
    }

    private void checkMayWork(Task task, Lead lead) {
        String user = currentUser.name();
        boolean assignee = user.equals(task.getAssignee());
        boolean candidate = task.getAssignee() == null && isCandidate(task, currentUser.groups());
        if (!assignee && !candidate && !currentUser.isManagerOf(lead.team())) {
            throw new AccessDeniedException("Task " + task.getId() + " belongs to "
                    + (task.getAssignee() == null ? "another team's queue" : task.getAssignee()));
        }
    }

    private void claimFor(Task task, String user) {
        try {
            tasks.claim(task.getId(), user);
        } catch (TaskAlreadyClaimedException e) {
            throw changed(task.getId());
        }
        if (HandoffVariables.TASK_ACCEPT_LEAD.equals(task.getTaskDefinitionKey())) {
            leads.assigned(leadId(task), user);
        }
    }

    /** The form of an open task, as its {@code .form} file defines it. */
    public FormDefinition form(Task task) {
        try (InputStream in = forms.getDeployedTaskForm(task.getId())) {
            return FormDefinition.parse(in, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Task open(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw notOpen(taskId);
        }
        return task;
    }

    private static NotFoundException notOpen(String taskId) {
        return new NotFoundException("Task " + taskId + " is not open: it was completed, or its SLA fired and "
                + "the lead moved on");
    }

    private boolean isCandidate(Task task, List<String> groups) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> "candidate".equals(l.getType()))
                .map(IdentityLink::getGroupId)
                .anyMatch(groups::contains);
    }

    private String leadId(Task task) {
        Object value = runtime.getVariable(task.getExecutionId(), HandoffVariables.LEAD_ID);
        return value == null ? null : value.toString();
    }

    private Map<String, String> leadIds(List<Task> open) {
        if (open.isEmpty()) {
            return Map.of();
        }
        String[] instances = open.stream().map(Task::getProcessInstanceId).distinct().toArray(String[]::new);
        return runtime.createVariableInstanceQuery().variableName(HandoffVariables.LEAD_ID)
                .processInstanceIdIn(instances).list().stream()
                .collect(Collectors.toMap(VariableInstance::getProcessInstanceId, v -> String.valueOf(v.getValue()),
                        (a, b) -> a));
    }

    private static TaskView view(Task t, String leadId) {
        return new TaskView(t.getId(), t.getTaskDefinitionKey(), t.getName(), leadId, t.getAssignee(),
                t.getCreateTime().toInstant(), t.getDueDate() == null ? null : t.getDueDate().toInstant());
    }

    private static ConflictException changed(String taskId) {
        return new ConflictException("Task " + taskId + " changed meanwhile (completed elsewhere, or its SLA fired). "
                + "Reload to see where the lead is now.");
    }
}
