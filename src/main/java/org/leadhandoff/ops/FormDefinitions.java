package org.leadhandoff.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.stereotype.Component;

/**
 * The Camunda form definitions and their versions. The engine's public API has no query for them,
 * so they are read from the deployments' {@code .form} resources: the engine gives a form key a new
 * version with every deployment that contains it, in deployment order, and so does this.
 */
@Component
class FormDefinitions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RepositoryService repository;
    /** deployment id → the form keys it holds; deployments never change. */
    private final Map<String, List<String>> keysByDeployment = new ConcurrentHashMap<>();

    FormDefinitions(RepositoryService repository) {
        this.repository = repository;
    }

    /** One version of a form: its key, version and the deployment that made it. */
    record FormVersion(String key, int version, Deployment deployment) {
    }

    List<FormVersion> all() {
        List<FormVersion> versions = new ArrayList<>();
        Map<String, Integer> counters = new HashMap<>();
        for (Deployment deployment : repository.createDeploymentQuery().orderByDeploymentTime().asc().list()) {
            for (String key : keysByDeployment.computeIfAbsent(deployment.getId(), this::formKeys)) {
                versions.add(new FormVersion(key, counters.merge(key, 1, Integer::sum), deployment));
            }
        }
        return versions;
    }

    List<FormVersion> ofDeployment(String deploymentId) {
        return all().stream().filter(f -> f.deployment().getId().equals(deploymentId)).toList();
    }

    private List<String> formKeys(String deploymentId) {
        List<String> keys = new ArrayList<>();
        for (String name : repository.getDeploymentResourceNames(deploymentId)) {
            if (!name.endsWith(".form")) {
                continue;
            }
            try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
                String key = JSON.readTree(in).path("id").asText("");
                if (!key.isBlank()) {
                    keys.add(key);
                }
            } catch (IOException | RuntimeException unreadable) {
                // a resource the engine accepted but that is no form for us: not listed
            }
        }
        return keys;
    }
}
