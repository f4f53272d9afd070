package org.leadhandoff.tasks;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.leadhandoff.lead.LeadService;
import org.leadhandoff.web.ConflictException;
import org.leadhandoff.web.FieldProblem;
import org.leadhandoff.web.Flash;
import org.leadhandoff.web.InvalidInputException;
import org.leadhandoff.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A task's page: its form rendered from the task's own {@code .form} file, checked by the same
 * {@link FormValidator} the API uses. The form is defined at run time by that file, so its values
 * bind to a map (with a {@link MapBindingResult}) instead of a form record.
 */
@Controller
class TaskPageController {

    static final String VIEW = "tasks/taskForm";
    static final String FORM = "taskForm";

    private final HandoffTasks tasks;
    private final LeadService leads;

    TaskPageController(HandoffTasks tasks, LeadService leads) {
        this.tasks = tasks;
        this.leads = leads;
    }

    @GetMapping("/tasks/{id}")
    String initTaskForm(@PathVariable String id, Model model, RedirectAttributes redirect) {
        HandoffTasks.OpenTask task;
        try {
            task = tasks.openTask(id);
        } catch (NotFoundException e) {
            return gone(redirect);
        }
        Map<String, String> values = new LinkedHashMap<>();
        show(model, task, values, new MapBindingResult(values, FORM));
        return VIEW;
    }

    @PostMapping("/tasks/{id}")
    String processTaskForm(@PathVariable String id, @RequestParam MultiValueMap<String, String> params, Model model,
            RedirectAttributes redirect) {
        HandoffTasks.OpenTask task;
        try {
            task = tasks.openTask(id);
        } catch (NotFoundException e) {
            return gone(redirect);
        }
        Map<String, String> values = values(task.form(), params);
        BindingResult result = new MapBindingResult(values, FORM);
        try {
            tasks.complete(id, new LinkedHashMap<>(values));
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> reject(result, p));
            show(model, task, values, result);
            return VIEW;
        } catch (NotFoundException | ConflictException e) {
            return gone(redirect);
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("task.done", task.task().name(),
                leads.get(task.task().leadId()).displayName()));
        return "redirect:/inbox";
    }

    /** The form's fields again for the values chosen so far: which ones show follows the form's conditions. */
    @PostMapping("/tasks/{id}/fields")
    String taskFields(@PathVariable String id, @RequestParam MultiValueMap<String, String> params, Model model) {
        HandoffTasks.OpenTask task = tasks.openTask(id);
        Map<String, String> values = values(task.form(), params);
        show(model, task, values, new MapBindingResult(values, FORM));
        return VIEW + " :: fields";
    }

    @PostMapping("/tasks/{id}/claim")
    String claim(@PathVariable String id, RedirectAttributes redirect) {
        try {
            tasks.claim(id);
        } catch (NotFoundException | ConflictException e) {
            return gone(redirect);
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("task.claimed"));
        return "redirect:/tasks/" + id;
    }

    private void show(Model model, HandoffTasks.OpenTask task, Map<String, String> values, BindingResult result) {
        FormDefinition form = task.form();
        Map<String, Object> context = new HashMap<>(values);
        List<FormDefinition.Field> visible = form.fields().stream()
                .filter(f -> !FormValidator.isHidden(f, context))
                .toList();
        model.addAttribute("task", task);
        model.addAttribute("lead", leads.view(task.task().leadId()));
        model.addAttribute("leadName", leads.get(task.task().leadId()).displayName());
        model.addAttribute("fields", visible);
        model.addAttribute("drivers", drivers(form));
        model.addAttribute(FORM, values);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, result);
    }

    /** The submitted values of the form's own fields (anything else in the request is not the form's). */
    private static Map<String, String> values(FormDefinition form, MultiValueMap<String, String> params) {
        Map<String, String> values = new LinkedHashMap<>();
        for (FormDefinition.Field field : form.inputs()) {
            String value = params.getFirst(field.key());
            if (value != null) {
                values.put(field.key(), value);
            }
        }
        return values;
    }

    /** Fields whose value decides whether another field shows: changing one refreshes the form. */
    static Set<String> drivers(FormDefinition form) {
        String conditions = form.fields().stream().map(FormDefinition.Field::hide).filter(h -> h != null)
                .collect(Collectors.joining(" "));
        return form.inputs().stream().map(FormDefinition.Field::key)
                .filter(k -> Pattern.compile("\\b" + Pattern.quote(k) + "\\b").matcher(conditions).find())
                .collect(Collectors.toSet());
    }

    private static void reject(BindingResult result, FieldProblem problem) {
        boolean blank = problem.value() == null || problem.value().toString().isBlank();
        if (problem.field() == null) {
            result.reject("task.invalid", new Object[] {problem.message()}, problem.message());
        } else if (blank) {
            result.rejectValue(problem.field(), "task.field.required", problem.message());
        } else {
            result.rejectValue(problem.field(), "task.field.invalid", new Object[] {problem.message()},
                    problem.message());
        }
    }

    private static String gone(RedirectAttributes redirect) {
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.warning("task.changed"));
        return "redirect:/inbox";
    }
}
