package org.leadhandoff.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

/** Every deployed process, decision and form with its versions, who deployed it and the handoffs still on it. */
@Service
class DeployedModels {

    private final RepositoryService repository;
    private final ManagementService management;
    private final FormDefinitions forms;
    private final DeploymentLog deployments;

    DeployedModels(RepositoryService repository, ManagementService management, FormDefinitions forms,
            DeploymentLog deployments) {
        this.repository = repository;
        this.management = management;
        this.forms = forms;
        this.deployments = deployments;
    }

    /** One version of one model, as {@code GET /api/ops/models} lists it. */
    record Model(String key, String type, int version, Instant deployedAt, String deployedBy, long running,
            String definitionId) {
    }

    /** Processes, then decisions, then forms; by key; the latest version of each key first. */
    List<Model> all() {
        Map<String, Deployment> byId = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, Function.identity()));
        Map<String, String> deployers = deployments.deployers();
        Map<String, Integer> running = management.createProcessDefinitionStatisticsQuery().list().stream()
                .collect(Collectors.toMap(ProcessDefinitionStatistics::getId, ProcessDefinitionStatistics::getInstances));
        List<Model> models = new ArrayList<>();
        for (ProcessDefinition p : repository.createProcessDefinitionQuery().list()) {
            models.add(new Model(p.getKey(), "process", p.getVersion(), at(byId, p.getDeploymentId()),
                    deployers.get(p.getDeploymentId()), running.getOrDefault(p.getId(), 0), p.getId()));
        }
        repository.createDecisionDefinitionQuery().list().forEach(d -> models.add(new Model(d.getKey(), "decision",
                d.getVersion(), at(byId, d.getDeploymentId()), deployers.get(d.getDeploymentId()), 0, d.getId())));
        forms.all().forEach(f -> models.add(new Model(f.key(), "form", f.version(), f.deployment().getDeploymentTime()
                .toInstant(), deployers.get(f.deployment().getId()), 0, null)));
        models.sort(Comparator.comparing((Model m) -> List.of("process", "decision", "form").indexOf(m.type()))
                .thenComparing(Model::key).thenComparing(Model::version, Comparator.reverseOrder()));
        return models;
    }

    private static Instant at(Map<String, Deployment> deployments, String id) {
        Deployment d = deployments.get(id);
        return d == null || d.getDeploymentTime() == null ? null : d.getDeploymentTime().toInstant();
    }
}
