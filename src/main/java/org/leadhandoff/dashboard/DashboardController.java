package org.leadhandoff.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.leadhandoff.handoff.ManagerReassign;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadService;
import org.leadhandoff.routing.Rep;
import org.leadhandoff.routing.Reps;
import org.leadhandoff.security.CurrentUser;
import org.leadhandoff.tasks.HandoffTasks;
import org.leadhandoff.tasks.TaskView;
import org.leadhandoff.web.Flash;
import org.leadhandoff.web.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The manager's SLA dashboard: tiles, trend, per-rep table, leads at risk now (refreshed by htmx),
 * funnel with reasons and time in stage, for one team or all of theirs and a chosen period.
 */
@Controller
class DashboardController {

    /** The periods offered as one click; anything else is a custom from–to. */
    static final List<String> PERIODS = List.of("today", "7", "30", "90", "custom");

    private final SlaFigures figures;
    private final Dashboard dashboard;
    private final ManagedTeams teams;
    private final HandoffTasks tasks;
    private final ManagerReassign reassign;
    private final Reps reps;
    private final LeadService leads;
    private final CurrentUser currentUser;
    private final ObjectMapper json;
    private final Clock clock;

    DashboardController(SlaFigures figures, Dashboard dashboard, ManagedTeams teams, HandoffTasks tasks,
            ManagerReassign reassign, Reps reps, LeadService leads, CurrentUser currentUser, ObjectMapper json, Clock clock) {
        this.figures = figures;
        this.dashboard = dashboard;
        this.teams = teams;
        this.tasks = tasks;
        this.reassign = reassign;
        this.reps = reps;
        this.leads = leads;
        this.currentUser = currentUser;
        this.json = json;
        this.clock = clock;
    }

    /** What the manager asked to see. */
    record Filter(String team, String period, LocalDate from, LocalDate to) {
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestParam(required = false) String team, @RequestParam(required = false) String period,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model)
            throws JsonProcessingException {
        List<SlaFigures.TeamZone> mine = teams.all();
        List<SlaFigures.TeamZone> scope;
        ReportPeriod chosen;
        String choice = period != null && PERIODS.contains(period) ? period : (from != null || to != null ? "custom" : "30");
        LocalDate today = teams.today(mine, clock);
        try {
            scope = teams.select(team);
            chosen = switch (choice) {
                case "today" -> ReportPeriod.lastDays(1, today);
                case "7", "30", "90" -> ReportPeriod.lastDays(Integer.parseInt(choice), today);
                default -> ReportPeriod.parse(from, to, today);
            };
        } catch (InvalidInputException e) {
            model.addAttribute("problems", e.problems());
            scope = mine;
            chosen = ReportPeriod.lastDays(30, today);
            choice = "30";
        }
        List<String> ids = scope.stream().map(SlaFigures.TeamZone::team).toList();
        model.addAttribute("periods", PERIODS);
        model.addAttribute("teams", mine.stream().map(SlaFigures.TeamZone::team).toList());
        String selected = scope.size() == 1 && team != null && !team.isBlank() ? ids.get(0) : "";
        model.addAttribute("filter", new Filter(selected, choice, chosen.from(), chosen.to()));
        model.addAttribute("summary", figures.summary(chosen, scope));
        model.addAttribute("openHandoffs", dashboard.openHandoffs(ids));
        model.addAttribute("load", reps.mine().stream().filter(r -> ids.contains(r.team()))
                .collect(Collectors.toMap(Rep::user, Function.identity())));
        model.addAttribute("funnel", dashboard.funnel(chosen, scope));
        model.addAttribute("stageTimes", dashboard.timeInStage(chosen, scope));
        model.addAttribute("trend", json.writeValueAsString(dashboard.daily(chosen, scope).stream()
                .map(d -> Map.of("day", d.day().toString(), "handoffs", d.handoffs(), "met", d.met(),
                        "breached", d.breached()))
                .toList()));
        atRisk(ids, model);
        return "dashboard/dashboard";
    }

    /** The "at risk now" list alone, for the page's refresh every few seconds. */
    @GetMapping("/dashboard/at-risk")
    String atRisk(@RequestParam(required = false) String team, Model model) {
        atRisk(teams.select(team).stream().map(SlaFigures.TeamZone::team).toList(), model);
        return "dashboard/dashboard :: at-risk";
    }

    /** One click on an at-risk lead that waits for its rep: the next rep in rotation gets it, with a fresh clock. */
    @PostMapping("/dashboard/at-risk/{leadId}/reassign")
    String reassign(@PathVariable String leadId, @RequestParam(required = false) String team,
            RedirectAttributes redirect) {
        Lead lead = leads.get(leadId);
        if (!currentUser.isManagerOf(lead.team())) {
            throw new AccessDeniedException("You do not manage team " + lead.team());
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, reassign.reassign(leadId, currentUser.name())
                .map(r -> r.to().isPresent()
                        ? Flash.success("dashboard.reassigned", lead.displayName(), r.to().get())
                        : Flash.success("dashboard.reassigned.queue", lead.displayName(), lead.team()))
                .orElseGet(() -> Flash.warning("dashboard.reassign.gone", lead.displayName())));
        if (team != null && !team.isBlank()) {
            redirect.addAttribute("team", team);
        }
        return "redirect:/dashboard";
    }

    private void atRisk(List<String> ids, Model model) {
        Map<String, TaskView> openTaskByLead = tasks.openTasks().stream()
                .collect(Collectors.toMap(TaskView::leadId, Function.identity(), (a, b) -> a));
        model.addAttribute("atRisk", dashboard.atRisk(ids));
        model.addAttribute("taskByLead", openTaskByLead);
        model.addAttribute("atRiskTeam", ids.size() == 1 ? ids.get(0) : "");
    }
}
