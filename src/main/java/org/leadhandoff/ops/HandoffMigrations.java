package org.leadhandoff.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.leadhandoff.web.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * Moves running handoffs from an older version of the process to the latest with a plan the engine
 * generates (equal activity ids map onto each other, timers are re-created from the new model). Shows
 * beforehand which handoffs can move and why the others cannot, runs the move as a batch and records
 * who started it.
 */
@Service
class HandoffMigrations {

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final HistoryService history;
    private final DeploymentLog log;

    HandoffMigrations(RepositoryService repository, RuntimeService runtime, ManagementService management,
            HistoryService history, DeploymentLog log) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
        this.history = history;
        this.log = log;
    }

    /** A running handoff and where it waits. */
    record Handoff(String instanceId, String leadId, List<String> activities) {
    }

    /** A handoff that cannot move, and why. */
    record Blocked(String instanceId, String leadId, List<String> activities, String reason) {
    }

    /** Handoffs on an older version: who can move to the target version and who cannot. */
    record Candidates(String sourceDefinitionId, int sourceVersion, String targetDefinitionId, int targetVersion,
            List<Handoff> movable, List<Blocked> blocked, List<String> planErrors) {
    }

    /** Progress of a migration batch. */
    record Progress(String batchId, String sourceDefinitionId, int sourceVersion, String targetDefinitionId,
            int targetVersion, int instances, String migratedBy, java.time.Instant migratedAt, int total,
            int completed, int failed, int remaining, boolean done) {
    }

    /** Every older version of {@code key} that still has running handoffs. */
    List<Candidates> candidates(String key) {
        ProcessDefinition target = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult();
        if (target == null) {
            return List.of();
        }
        List<Candidates> result = new ArrayList<>();
        for (ProcessDefinition source : repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list()) {
            if (source.getId().equals(target.getId())
                    || runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).count() == 0) {
                continue;
            }
            result.add(candidates(source, target));
        }
        return result;
    }

    /**
     * Starts moving every movable handoff of {@code sourceDefinitionId} to the latest version.
     *
     * @return the batch's progress
     */
    Progress migrate(String sourceDefinitionId, String user) {
        ProcessDefinition source = definition(sourceDefinitionId);
        ProcessDefinition target = repository.createProcessDefinitionQuery().processDefinitionKey(source.getKey())
                .latestVersion().singleResult();
        if (source.getId().equals(target.getId())) {
            throw new InvalidInputException("sourceDefinitionId", sourceDefinitionId,
                    "is the latest version already: nothing to migrate");
        }
        Candidates candidates = candidates(source, target);
        if (candidates.movable().isEmpty()) {
            throw new InvalidInputException("sourceDefinitionId", sourceDefinitionId,
                    "has no handoff that can move to version " + target.getVersion()
                            + (candidates.planErrors().isEmpty() ? "" : ": " + String.join("; ", candidates.planErrors())));
        }
        MigrationPlan plan = plan(source, target);
        List<String> ids = candidates.movable().stream().map(Handoff::instanceId).toList();
        Batch batch = runtime.newMigration(plan).processInstanceIds(ids).executeAsync();
        log.migrated(batch.getId(), source.getId(), target.getId(), ids, user);
        return progress(log.recentMigrations(Integer.MAX_VALUE).stream().filter(m -> m.batchId().equals(batch.getId()))
                .findFirst().orElseThrow());
    }

    /** The latest migrations, newest first, with how far each batch got. */
    List<Progress> recent(int limit) {
        return log.recentMigrations(limit).stream().map(this::progress).toList();
    }

    private Progress progress(DeploymentLog.Migration m) {
        int sourceVersion = version(m.sourceDefinitionId());
        int targetVersion = version(m.targetDefinitionId());
        BatchStatistics stats = management.createBatchStatisticsQuery().batchId(m.batchId()).singleResult();
        if (stats != null) {
            int total = stats.getTotalJobs();
            int completed = stats.getCompletedJobs();
            int failed = stats.getFailedJobs();
            return new Progress(m.batchId(), m.sourceDefinitionId(), sourceVersion, m.targetDefinitionId(),
                    targetVersion, m.instances(), m.migratedBy(), m.migratedAt(), total, completed, failed,
                    stats.getRemainingJobs(), total > 0 && completed >= total);
        }
        // the batch finished and the engine removed it; count the handoffs that are on the target now or ended
        List<String> moved = log.migratedHandoffs(m.batchId());
        long stillOnSource = moved.isEmpty() ? 0 : runtime.createProcessInstanceQuery()
                .processInstanceIds(new LinkedHashSet<>(moved)).processDefinitionId(m.sourceDefinitionId()).count();
        HistoricBatch done = history.createHistoricBatchQuery().batchId(m.batchId()).singleResult();
        int completed = m.instances() - (int) stillOnSource;
        return new Progress(m.batchId(), m.sourceDefinitionId(), sourceVersion, m.targetDefinitionId(), targetVersion,
                m.instances(), m.migratedBy(), m.migratedAt(), m.instances(), completed, (int) stillOnSource, 0,
                done == null || done.getEndTime() != null || stillOnSource == 0);
    }

    private Candidates candidates(ProcessDefinition source, ProcessDefinition target) {
        List<Handoff> movable = new ArrayList<>();
        List<Blocked> blocked = new ArrayList<>();
        List<String> planErrors = new ArrayList<>();
        Set<String> mapped = Set.of();
        try {
            mapped = plan(source, target).getInstructions().stream().map(MigrationInstruction::getSourceActivityId)
                    .collect(Collectors.toSet());
        } catch (MigrationPlanValidationException e) {
            e.getValidationReport().getInstructionReports().forEach(r -> r.getFailures().forEach(f -> planErrors.add(
                    r.getMigrationInstruction().getSourceActivityId() + " → "
                            + r.getMigrationInstruction().getTargetActivityId() + ": " + f)));
            e.getValidationReport().getVariableReports().forEach((name, r) -> r.getFailures().forEach(f -> planErrors.add(
                    name + ": " + f)));
            if (planErrors.isEmpty()) {
                planErrors.add(e.getMessage());
            }
        }
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionId(source.getId())
                .orderByProcessInstanceId().asc().list()) {
            List<String> at = waitingAt(instance.getId());
            if (!planErrors.isEmpty()) {
                blocked.add(new Blocked(instance.getId(), instance.getBusinessKey(), at,
                        "The engine cannot map version " + source.getVersion() + " onto version " + target.getVersion()));
                continue;
            }
            Set<String> unmapped = new LinkedHashSet<>(at);
            unmapped.removeAll(mapped);
            if (unmapped.isEmpty()) {
                movable.add(new Handoff(instance.getId(), instance.getBusinessKey(), at));
            } else {
                blocked.add(new Blocked(instance.getId(), instance.getBusinessKey(), at, "Waits at "
                        + String.join(", ", unmapped) + ", which version " + target.getVersion()
                        + " has no equal activity for (same id and type)"));
            }
        }
        return new Candidates(source.getId(), source.getVersion(), target.getId(), target.getVersion(), movable,
                blocked, planErrors);
    }

    private MigrationPlan plan(ProcessDefinition source, ProcessDefinition target) {
        return runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().updateEventTriggers()
                .build();
    }

    /** Every activity the handoff is in (tasks, waiting jobs and their enclosing scopes). */
    private List<String> waitingAt(String instanceId) {
        ActivityInstance root = runtime.getActivityInstance(instanceId);
        Set<String> activities = new LinkedHashSet<>();
        if (root != null) {
            collect(root, activities, true);
        }
        return List.copyOf(activities);
    }

    private static void collect(ActivityInstance instance, Set<String> activities, boolean root) {
        if (!root) {
            activities.add(instance.getActivityId());
        }
        for (TransitionInstance t : instance.getChildTransitionInstances()) {
            activities.add(t.getActivityId());
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            collect(child, activities, false);
        }
    }

    private ProcessDefinition definition(String id) {
        ProcessDefinition d = repository.createProcessDefinitionQuery().processDefinitionId(id).singleResult();
        if (d == null) {
            throw new InvalidInputException("sourceDefinitionId", id, "is no deployed process version");
        }
        return d;
    }

    private int version(String definitionId) {
        ProcessDefinition d = repository.createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult();
        return d == null ? 0 : d.getVersion();
    }
}
