package org.leadhandoff.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
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
 * the folder has none) as one deployment. Resource names are relative to the folder, so Camunda's
 * duplicate filtering recognises unchanged files wherever the folder lives: an unchanged set makes
 * no new version; a changed file redeploys the whole set, keeping the forms beside their process.
 */
@Component
@Order(10)
public class ModelDeployer implements ApplicationRunner {

    static final String DEPLOYMENT_NAME = "lead-handoff-models";
    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

    private final RepositoryService repository;
    private final ModelsProperties properties;

    ModelDeployer(RepositoryService repository, ModelsProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    /** A process or decision definition a deployment created. */
    public record DeployedModel(String key, int version) {
    }

    @Override
    public void run(ApplicationArguments args) {
        List<DeployedModel> deployed = deploy();
        log.info("Models from {}: {}", source(), deployed.isEmpty() ? "unchanged" : "deployed " + deployed);
    }

    /** Deploys what changed; empty when every file is as last deployed. */
    public synchronized List<DeployedModel> deploy() {
        Map<String, byte[]> resources = read();
        if (resources.isEmpty()) {
            throw new IllegalStateException("No models found in " + source() + " (expected bpmn/*.bpmn and forms/*.form)");
        }
        DeploymentBuilder builder = repository.createDeployment().name(DEPLOYMENT_NAME).source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(false);
        resources.forEach((name, bytes) -> builder.addInputStream(name, new java.io.ByteArrayInputStream(bytes)));
        DeploymentWithDefinitions deployment = builder.deployWithResult();
        List<DeployedModel> deployed = new ArrayList<>();
        if (deployment.getDeployedProcessDefinitions() != null) {
            deployment.getDeployedProcessDefinitions()
                    .forEach(d -> deployed.add(new DeployedModel(d.getKey(), d.getVersion())));
        }
        if (deployment.getDeployedDecisionDefinitions() != null) {
            deployment.getDeployedDecisionDefinitions()
                    .forEach(d -> deployed.add(new DeployedModel(d.getKey(), d.getVersion())));
        }
        return deployed;
    }

    private boolean onFileSystem() {
        return Files.isDirectory(properties.dir().resolve("bpmn"));
    }

    private String source() {
        return onFileSystem() ? properties.dir().toAbsolutePath().normalize().toString() : "the application jar";
    }

    private Map<String, byte[]> read() {
        Map<String, byte[]> resources = new TreeMap<>();
        try {
            if (onFileSystem()) {
                for (String folder : List.of("bpmn", "forms")) {
                    Path dir = properties.dir().resolve(folder);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(dir)) {
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

    private static boolean isModel(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form");
    }
}
