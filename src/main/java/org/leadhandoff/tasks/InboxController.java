package org.leadhandoff.tasks;

import java.util.List;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadService;
import org.leadhandoff.security.CurrentUser;
import org.leadhandoff.web.SlaRisk;
import org.leadhandoff.web.Times;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The rep's inbox: their own open tasks, earliest SLA due first, and their team's queue to claim
 * from; a manager's escalations. The task list refreshes itself through htmx every few seconds.
 */
@Controller
class InboxController {

    private final HandoffTasks tasks;
    private final LeadService leads;
    private final CurrentUser currentUser;
    private final Times times;

    InboxController(HandoffTasks tasks, LeadService leads, CurrentUser currentUser, Times times) {
        this.tasks = tasks;
        this.leads = leads;
        this.currentUser = currentUser;
        this.times = times;
    }

    /** One task as the inbox lists it, with the lead it is about and how close its deadline is. */
    record Item(TaskView task, Lead lead, SlaRisk risk) {

        boolean isEscalation() {
            return task.taskKey().startsWith("Task_Resolve");
        }
    }

    /** The caller's own tasks and the unclaimed ones offered to their teams. */
    record Inbox(List<Item> mine, List<Item> queue) {
    }

    @GetMapping("/inbox")
    String inbox(Model model) {
        model.addAttribute("inbox", inbox());
        return "tasks/inbox";
    }

    /** The task lists alone, for the page's htmx refresh. */
    @GetMapping("/inbox/tasks")
    String inboxTasks(Model model) {
        model.addAttribute("inbox", inbox());
        return "tasks/inbox :: tasks";
    }

    /** A manager's start page: the escalations of their teams, then the rest of their inbox. */
    @GetMapping("/escalations")
    String escalations(Model model) {
        List<Item> all = items();
        model.addAttribute("escalations", all.stream().filter(Item::isEscalation).toList());
        return "tasks/escalations";
    }

    private Inbox inbox() {
        String me = currentUser.name();
        List<Item> all = items();
        return new Inbox(all.stream().filter(i -> me.equals(i.task().assignee())).toList(),
                all.stream().filter(i -> i.task().assignee() == null).toList());
    }

    private List<Item> items() {
        return tasks.openTasks().stream()
                .map(t -> new Item(t, leads.get(t.leadId()), times.risk(t.createdAt(), t.dueAt())))
                .toList();
    }
}
