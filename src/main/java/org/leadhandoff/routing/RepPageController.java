package org.leadhandoff.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.leadhandoff.web.Flash;
import org.leadhandoff.web.InvalidInputException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The manager's page of their teams' reps: load against capacity, weight, active and leave, and a
 * page per rep to change them. Same rules as PATCH /api/reps (the same {@link Reps} service).
 */
@Controller
class RepPageController {

    static final String LIST = "reps/repList";
    static final String FORM = "reps/repForm";

    private final Reps reps;

    RepPageController(Reps reps) {
        this.reps = reps;
    }

    /** A rep as the list shows them: with whether they are away today. */
    record Row(Rep rep, boolean away) {
    }

    /** The rep's settings; an unticked box sends nothing, which means inactive. */
    record RepForm(Boolean active, @NotNull @Min(1) @Max(Reps.MAX_WEIGHT) Integer weight,
            @NotNull @Min(0) @Max(Reps.MAX_CAPACITY) Integer capacity) {
    }

    /** A new leave period, both days included. */
    record LeaveForm(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    }

    @GetMapping("/reps")
    String list(Model model) {
        model.addAttribute("rows", reps.mine().stream().map(r -> new Row(r, reps.awayToday(r))).toList());
        return LIST;
    }

    @GetMapping("/reps/{user}")
    String initRepForm(@PathVariable String user, Model model) {
        Rep rep = reps.get(user);
        model.addAttribute("repForm", new RepForm(rep.active(), rep.weight(), rep.capacity()));
        model.addAttribute("leaveForm", new LeaveForm(null, null));
        return show(model, rep);
    }

    @PostMapping("/reps/{user}")
    String processRepForm(@PathVariable String user, @Valid @ModelAttribute("repForm") RepForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        Rep rep = reps.get(user);
        if (result.hasErrors()) {
            model.addAttribute("leaveForm", new LeaveForm(null, null));
            return show(model, rep);
        }
        reps.change(user, new RepChange(Boolean.TRUE.equals(form.active()), form.weight(), form.capacity(), null));
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("reps.saved", user));
        return "redirect:/reps";
    }

    @PostMapping("/reps/{user}/leave")
    String processLeaveForm(@PathVariable String user, @Valid @ModelAttribute("leaveForm") LeaveForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        Rep rep = reps.get(user);
        if (!result.hasErrors() && form.to().isBefore(form.from())) {
            result.rejectValue("to", "reps.leave.beforeFrom");
        }
        if (result.hasErrors()) {
            model.addAttribute("repForm", new RepForm(rep.active(), rep.weight(), rep.capacity()));
            return show(model, rep);
        }
        List<Leave> leave = new ArrayList<>(rep.leave());
        leave.add(new Leave(form.from(), form.to()));
        try {
            reps.change(user, new RepChange(null, null, null, leave));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.warning("reps.leave.tooMany", Reps.MAX_LEAVE_PERIODS));
            return "redirect:/reps/" + user;
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("reps.leave.added", user, form.from(), form.to()));
        return "redirect:/reps/" + user;
    }

    @PostMapping("/reps/{user}/leave/remove")
    String removeLeave(@PathVariable String user, @ModelAttribute("leaveForm") LeaveForm form,
            RedirectAttributes redirect) {
        Rep rep = reps.get(user);
        List<Leave> leave = new ArrayList<>(rep.leave());
        if (leave.remove(new Leave(form.from(), form.to()))) {
            reps.change(user, new RepChange(null, null, null, leave));
            redirect.addFlashAttribute(Flash.ATTRIBUTE,
                    Flash.success("reps.leave.removed", user, form.from(), form.to()));
        }
        return "redirect:/reps/" + user;
    }

    private String show(Model model, Rep rep) {
        model.addAttribute("rep", rep);
        model.addAttribute("away", reps.awayToday(rep));
        model.addAttribute("maxWeight", Reps.MAX_WEIGHT);
        model.addAttribute("maxCapacity", Reps.MAX_CAPACITY);
        return FORM;
    }
}
