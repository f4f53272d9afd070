package org.leadhandoff.ops;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code bpmn/} and {@code forms/} from the models folder (or the copy inside the jar when
 * the folder has none) as one deployment, after {@link ModelValidator} found nothing wrong with the
 * whole set. Resource names are relative to the folder, so Camunda's duplicate filtering recognises
 * unchanged files wherever the folder lives: an unchanged set makes no new version; a changed file
 * redeploys the whole set, keeping the forms beside their process. Who deployed is kept in
 * {@link DeploymentLog}.
 */
@Component
@Order(10)
public class ModelDeployer implements ApplicationRunner {

    static final String DEPLOYMENT_NAME = "lead-handoff-models";
    static final String SYSTEM = "system";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.(bpmn|dmn|form)");
    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

    private final RepositoryService repository;
    private final DeploymentLog deployments;
    private final FormDefinitions forms;
    private volatile Path dir;

    ModelDeployer(RepositoryService repository, ModelsProperties properties, DeploymentLog deployments,
            FormDefinitions forms) {
        this.repository = repository;
        this.deployments = deployments;
        this.forms = forms;
        this.dir = properties.dir();
    }

    /** A process, decision or form definition a deployment created. */
    public record DeployedModel(String key, int version) {
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            List<DeployedModel> deployed = deploy(SYSTEM, "start-up");
            log.info("Models from {}: {}", source(), deployed.isEmpty() ? "unchanged" : "deployed " + deployed);
        } catch (ModelInvalidException e) {
            throw new IllegalStateException("The models in " + source() + " are invalid: " + e.getMessage(), e);
        }
    }

    /** Deploys what changed in the folder; empty when every file is as last deployed. */
    public List<DeployedModel> deploy() {
        return deploy(SYSTEM, "redeploy");
    }

    /**
     * Validates the folder's files and deploys them when something changed.
     *
     * @throws ModelInvalidException listing every error; nothing is deployed then
     */
    public synchronized List<DeployedModel> deploy(String user, String source) {
        Map<String, byte[]> resources = currentFiles();
        if (resources.isEmpty()) {
            throw new IllegalStateException("No models found in " + source() + " (expected bpmn/*.bpmn and forms/*.form)");
        }
        check(resources);
        return deployResources(resources, user, source);
    }

    /**
     * Validates an edited file together with the rest of the folder, deploys the set and, when the
     * models live in a folder, writes the file there so the folder stays what is deployed.
     *
     * @throws ModelInvalidException listing every error; nothing is deployed or written then
     */
    public synchronized List<DeployedModel> upload(String fileName, byte[] content, String user) {
        String name = fileName == null ? "" : Path.of(fileName).getFileName().toString();
        if (!FILE_NAME.matcher(name).matches()) {
            throw new ModelInvalidException(List.of(new ModelError(fileName, null, null,
                    "Upload a .bpmn, .dmn or .form file (letters, digits, dot, dash or underscore in the name)")));
        }
        if (content == null || content.length == 0) {
            throw new ModelInvalidException(List.of(new ModelError(name, null, null, "The file is empty")));
        }
        String resource = folderFor(name) + "/" + name;
        Map<String, byte[]> resources = currentFiles();
        byte[] before = resources.put(resource, content);
        check(resources);
        List<DeployedModel> deployed = deployResources(resources, user, "upload " + name);
        if (onFileSystem() && !Arrays.equals(before, content)) {
            write(resource, content);
        }
        return deployed;
    }

    /** The model files as they are now: resource name (bpmn/X.bpmn, forms/Y.form) → content. */
    Map<String, byte[]> currentFiles() {
        Map<String, byte[]> resources = new TreeMap<>();
        try {
            if (onFileSystem()) {
                for (String folder : List.of("bpmn", "forms")) {
                    Path models = dir.resolve(folder);
                    if (!Files.isDirectory(models)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(models)) {
                        for (Path file : files.filter(ModelDeployer::isModel).sorted().toList()) {
                            resources.put(folder + "/" + file.getFileName(), Files.readAllBytes(file));
                        }
                    }
                }
            } else {
                var resolver = new PathMatchingResourcePatternResolver();
                for (String folder : List.of("bpmn", "forms")) {
                    for (Resource r : resolver.getResources("classpath*:models/" + folder + "/*")) {
                        if (r.getFilename() != null && isModel(Path.of(r.getFilename()))) {
                            try (InputStream in = r.getInputStream()) {
                                resources.put(folder + "/" + r.getFilename(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read models from " + source(), e);
        }
        return resources;
    }

    /** Points the deployer at another models folder (tests deploy edited copies from a temporary folder). */
    void moveTo(Path folder) {
        this.dir = folder;
    }

    Path folder() {
        return dir;
    }

    boolean onFileSystem() {
        return Files.isDirectory(dir.resolve("bpmn"));
    }

    String source() {
        return onFileSystem() ? dir.toAbsolutePath().normalize().toString() : "the application jar";
    }

    private static void check(Map<String, byte[]> resources) {
        List<ModelError> errors = ModelValidator.validate(resources);
        if (!errors.isEmpty()) {
            throw new ModelInvalidException(errors);
        }
    }

    private List<DeployedModel> deployResources(Map<String, byte[]> resources, String user, String source) {
        String previous = repository.createDeploymentQuery().deploymentName(DEPLOYMENT_NAME)
                .orderByDeploymentTime().desc().listPage(0, 1).stream().map(Deployment::getId).findFirst().orElse(null);
        DeploymentBuilder builder = repository.createDeployment().name(DEPLOYMENT_NAME).source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(false);
        resources.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
        DeploymentWithDefinitions deployment;
        try {
            deployment = builder.deployWithResult();
        } catch (ParseException e) {
            throw new ModelInvalidException(engineErrors(e));
        }
        List<DeployedModel> deployed = new ArrayList<>();
        // Unchanged: Camunda hands back the deployment that already holds these files, which may be one
        // another node made a moment ago (its definitions are not loaded then); only the node that made
        // it records it
        if (deployment.getId().equals(previous) || deployment.getDeployedProcessDefinitions() == null
                && deployment.getDeployedDecisionDefinitions() == null) {
            return deployed;
        }
        if (deployment.getDeployedProcessDefinitions() != null) {
            deployment.getDeployedProcessDefinitions()
                    .forEach(d -> deployed.add(new DeployedModel(d.getKey(), d.getVersion())));
        }
        if (deployment.getDeployedDecisionDefinitions() != null) {
            deployment.getDeployedDecisionDefinitions()
                    .forEach(d -> deployed.add(new DeployedModel(d.getKey(), d.getVersion())));
        }
        forms.ofDeployment(deployment.getId())
                .forEach(f -> deployed.add(new DeployedModel(f.key(), f.version())));
        deployments.deployed(deployment.getId(), user == null ? SYSTEM : user, source);
        log.info("{} deployed {} ({}): {}", user, deployment.getId(), source, deployed);
        return deployed;
    }

    /** What the engine's own parser found, for anything the validator does not check. */
    private static List<ModelError> engineErrors(ParseException e) {
        List<ModelError> errors = new ArrayList<>();
        e.getResorceReports().forEach(report -> report.getErrors().forEach(problem -> errors.add(new ModelError(
                report.getResourceName(), problem.getMainElementId(), problem.getLine() > 0 ? problem.getLine() : null,
                problem.getMessage()))));
        if (errors.isEmpty()) {
            errors.add(new ModelError(null, null, null, e.getMessage()));
        }
        return errors;
    }

    private void write(String resource, byte[] content) {
        try {
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".upload", ".tmp");
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Deployed, but could not write " + resource + " to " + source(), e);
        }
    }

    private static String folderFor(String name) {
        return name.endsWith(".form") ? "forms" : "bpmn";
    }

    private static boolean isModel(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form");
    }
}
