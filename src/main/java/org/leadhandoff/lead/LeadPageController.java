package org.leadhandoff.lead;

import org.leadhandoff.handoff.HandoffVariables;
import org.leadhandoff.security.CurrentUser;
import org.leadhandoff.security.Roles;
import org.leadhandoff.tasks.HandoffTasks;
import org.leadhandoff.tasks.TaskView;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The lead's page for the people working it: profile, score and why, what the lead did, its
 * handoff history, calls, and the task and SLA now running.
 */
@Controller
class LeadPageController {

    private static final int TIMELINE = 50;

    private final LeadService leads;
    private final HandoffTasks tasks;
    private final CurrentUser currentUser;

    LeadPageController(LeadService leads, HandoffTasks tasks, CurrentUser currentUser) {
        this.leads = leads;
        this.tasks = tasks;
        this.currentUser = currentUser;
    }

    @GetMapping("/leads/{id}")
    String showLead(@PathVariable String id, Model model) {
        Lead lead = leads.get(id);
        if (!mayView(lead)) {
            throw new AccessDeniedException("Lead " + id + " is neither yours nor in your team's queue");
        }
        model.addAttribute("lead", leads.view(id));
        model.addAttribute("leadName", lead.displayName());
        model.addAttribute("timeline", leads.timeline(id, TIMELINE));
        model.addAttribute("calls", leads.calls(id));
        TaskView task = tasks.currentTaskOf(lead).orElse(null);
        model.addAttribute("currentTask", task);
        model.addAttribute("mayOpenTask", task != null && mayOpen(task, lead));
        return "leads/leadDetails";
    }

    private boolean mayOpen(TaskView task, Lead lead) {
        boolean offered = task.assignee() == null && HandoffVariables.TASK_ACCEPT_LEAD.equals(task.taskKey());
        return currentUser.name().equals(task.assignee()) || offered || currentUser.isManagerOf(lead.team());
    }

    /** Its owner, a manager of its team, or a rep of its team while it waits unclaimed in the team queue. */
    private boolean mayView(Lead lead) {
        boolean queued = lead.owner() == null && lead.stage() == Stage.MQL;
        return currentUser.mayView(lead.owner(), lead.team())
                || queued && currentUser.hasRole(Roles.REP) && currentUser.inTeam(lead.team());
    }
}
