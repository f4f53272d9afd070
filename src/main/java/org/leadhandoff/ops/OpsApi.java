package org.leadhandoff.ops;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.leadhandoff.security.CurrentUser;
import org.leadhandoff.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The operations API: deployed models, redeploy and upload, the live diagram's figures, migration, incidents. */
@RestController
@RequestMapping("/api/ops")
class OpsApi {

    private final ModelDeployer deployer;
    private final DeployedModels models;
    private final LiveDiagram diagram;
    private final HandoffMigrations migrations;
    private final OpenIncidents incidents;
    private final CurrentUser user;

    OpsApi(ModelDeployer deployer, DeployedModels models, LiveDiagram diagram, HandoffMigrations migrations,
            OpenIncidents incidents, CurrentUser user) {
        this.deployer = deployer;
        this.models = models;
        this.diagram = diagram;
        this.migrations = migrations;
        this.incidents = incidents;
        this.user = user;
    }

    /** The answer of a deploy or upload: what got a new version (empty when nothing changed). */
    record Deployed(List<ModelDeployer.DeployedModel> deployed) {
    }

    /** Which version to migrate from. */
    record MigrationRequest(String sourceDefinitionId) {
    }

    /** The migration section of the page: handoffs on older versions, and the latest batches. */
    record MigrationOverview(List<HandoffMigrations.Candidates> candidates, List<HandoffMigrations.Progress> batches) {
    }

    @GetMapping("/models")
    List<DeployedModels.Model> models() {
        return models.all();
    }

    @PostMapping("/deploy")
    Deployed deploy() {
        return new Deployed(deployer.deploy(user.name(), "redeploy"));
    }

    @PostMapping(path = "/models", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Deployed upload(@RequestPart("file") MultipartFile file) throws IOException {
        return new Deployed(deployer.upload(file.getOriginalFilename(), file.getBytes(), user.name()));
    }

    @GetMapping(path = "/diagram/{definitionId}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    String xml(@PathVariable String definitionId) {
        return diagram.xml(definitionId);
    }

    @GetMapping("/diagram/{definitionId}/counts")
    LiveDiagram.Counts counts(@PathVariable String definitionId) {
        return diagram.counts(definitionId);
    }

    @GetMapping("/migrations")
    MigrationOverview migrations() {
        return new MigrationOverview(migrations.candidates(ModelValidator.PROCESS_ID), migrations.recent(10));
    }

    @PostMapping("/migrations")
    HandoffMigrations.Progress migrate(@RequestBody MigrationRequest request) {
        if (request.sourceDefinitionId() == null || request.sourceDefinitionId().isBlank()) {
            throw new InvalidInputException("sourceDefinitionId", null, "is required");
        }
        return migrations.migrate(request.sourceDefinitionId(), user.name());
    }

    @GetMapping("/incidents")
    List<OpenIncidents.OpenIncident> incidents() {
        return incidents.all();
    }

    @PostMapping("/incidents/{id}/retry")
    OpenIncidents.OpenIncident retry(@PathVariable String id) {
        return incidents.retry(id);
    }

    /** 400 with one entry per model error: file, element id, line and message. Nothing was deployed. */
    @ExceptionHandler(ModelInvalidException.class)
    ProblemDetail invalid(ModelInvalidException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid model");
        problem.setProperty("errors", e.errors().stream().map(OpsApi::asMap).toList());
        return problem;
    }

    /** Keeps null fields in the answer, so every error has the same four keys. */
    private static Map<String, Object> asMap(ModelError e) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("file", e.file());
        m.put("elementId", e.elementId());
        m.put("line", e.line());
        m.put("message", e.message());
        return m;
    }
}
