package org.leadhandoff.ops;

import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.leadhandoff.security.CurrentUser;
import org.leadhandoff.web.Flash;
import org.leadhandoff.web.InvalidInputException;
import org.leadhandoff.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operations page: models and versions, the live diagram, redeploy and upload, migration, incidents. */
@Controller
class OpsPageController {

    static final String MODEL_ERRORS = "modelErrors";

    private final ModelDeployer deployer;
    private final DeployedModels models;
    private final LiveDiagram diagram;
    private final HandoffMigrations migrations;
    private final OpenIncidents incidents;
    private final CurrentUser user;

    OpsPageController(ModelDeployer deployer, DeployedModels models, LiveDiagram diagram,
            HandoffMigrations migrations, OpenIncidents incidents, CurrentUser user) {
        this.deployer = deployer;
        this.models = models;
        this.diagram = diagram;
        this.migrations = migrations;
        this.incidents = incidents;
        this.user = user;
    }

    @GetMapping("/ops")
    String ops(Model model) {
        ProcessDefinition latest = diagram.latest(ModelValidator.PROCESS_ID);
        model.addAttribute("latest", latest);
        model.addAttribute("counts", latest == null ? null : diagram.counts(latest.getId()));
        model.addAttribute("models", models.all());
        model.addAttribute("candidates", migrations.candidates(ModelValidator.PROCESS_ID));
        model.addAttribute("batches", migrations.recent(10));
        model.addAttribute("incidents", incidents.all());
        model.addAttribute("modelsSource", deployer.source());
        model.addAttribute("modelsOnDisk", deployer.onFileSystem());
        return "ops/ops";
    }

    @PostMapping("/ops/deploy")
    String deploy(RedirectAttributes redirect) {
        try {
            deployed(deployer.deploy(user.name(), "redeploy"), redirect);
        } catch (ModelInvalidException e) {
            invalid(e, redirect);
        }
        return "redirect:/ops";
    }

    @PostMapping("/ops/models")
    String upload(@RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.warning("ops.upload.none"));
            return "redirect:/ops";
        }
        try {
            deployed(deployer.upload(file.getOriginalFilename(), file.getBytes(), user.name()), redirect);
        } catch (ModelInvalidException e) {
            invalid(e, redirect);
        }
        return "redirect:/ops";
    }

    @PostMapping("/ops/migrations")
    String migrate(@RequestParam String sourceDefinitionId, RedirectAttributes redirect) {
        try {
            HandoffMigrations.Progress started = migrations.migrate(sourceDefinitionId, user.name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("ops.migration.started", started.instances(),
                    started.sourceVersion(), started.targetVersion()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.warning("ops.migration.refused",
                    e.problems().get(0).message()));
        }
        return "redirect:/ops#migration";
    }

    @PostMapping("/ops/incidents/{id}/retry")
    String retry(@PathVariable String id, RedirectAttributes redirect) {
        try {
            OpenIncidents.OpenIncident retried = incidents.retry(id);
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("ops.incident.retried", retried.activityId()));
        } catch (NotFoundException | InvalidInputException e) {
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.warning("ops.incident.gone"));
        }
        return "redirect:/ops#incidents";
    }

    private static void deployed(List<ModelDeployer.DeployedModel> deployed, RedirectAttributes redirect) {
        redirect.addFlashAttribute(Flash.ATTRIBUTE, deployed.isEmpty() ? Flash.success("ops.deploy.unchanged")
                : Flash.success("ops.deploy.done", String.join(", ", deployed.stream()
                        .map(d -> d.key() + " v" + d.version()).toList())));
    }

    private static void invalid(ModelInvalidException e, RedirectAttributes redirect) {
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.warning("ops.deploy.invalid", e.errors().size()));
        redirect.addFlashAttribute(MODEL_ERRORS, e.errors());
    }
}
