package org.leadhandoff.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.management.IncidentStatistics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.leadhandoff.support.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the live diagram shows on each activity of a process version: handoffs waiting there, how
 * many of them are at risk (their SLA clock is due within the hour) or breached, and open incidents.
 * Risk comes from our own SLA clocks, the rest from the engine's statistics.
 */
@Service
class LiveDiagram {

    static final Duration AT_RISK = Duration.ofHours(1);

    private final RepositoryService repository;
    private final ManagementService management;
    private final TaskService tasks;
    private final JdbcClient db;
    private final Clock clock;

    LiveDiagram(RepositoryService repository, ManagementService management, TaskService tasks, JdbcClient db,
            Clock clock) {
        this.repository = repository;
        this.management = management;
        this.tasks = tasks;
        this.db = db;
        this.clock = clock;
    }

    /** The figures on one activity. */
    record ActivityCounts(String activityId, int waiting, int atRisk, int breached, int incidents) {
    }

    /** The figures of one process version, as of {@code at}. */
    record Counts(String definitionId, String key, int version, Instant at, List<ActivityCounts> activities) {
    }

    private record OpenClock(Instant dueAt, Instant breachedAt) {
    }

    /** The latest version of the handoff process, the one new leads start on. */
    ProcessDefinition latest(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    String xml(String definitionId) {
        definition(definitionId);
        try (InputStream in = repository.getProcessModel(definitionId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Counts counts(String definitionId) {
        ProcessDefinition definition = definition(definitionId);
        Instant now = clock.instant();
        Map<String, int[]> figures = new TreeMap<>();
        for (ActivityStatistics s : management.createActivityStatisticsQuery(definitionId).includeIncidents().list()) {
            int[] f = figures.computeIfAbsent(s.getId(), id -> new int[4]);
            f[0] = s.getInstances();
            f[3] = s.getIncidentStatistics().stream().mapToInt(IncidentStatistics::getIncidentCount).sum();
        }
        Map<String, OpenClock> clocks = openClocks();
        for (Task task : tasks.createTaskQuery().processDefinitionId(definitionId).list()) {
            OpenClock c = clocks.get(task.getProcessInstanceId());
            if (c == null) {
                continue;
            }
            int[] f = figures.computeIfAbsent(task.getTaskDefinitionKey(), id -> new int[4]);
            if (c.breachedAt() != null || !c.dueAt().isAfter(now)) {
                f[2]++;
            } else if (!c.dueAt().isAfter(now.plus(AT_RISK))) {
                f[1]++;
            }
        }
        List<ActivityCounts> activities = figures.entrySet().stream()
                .map(e -> new ActivityCounts(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                        e.getValue()[3]))
                .toList();
        return new Counts(definitionId, definition.getKey(), definition.getVersion(), now, activities);
    }

    /** handoff id → its newest running SLA clock. */
    private Map<String, OpenClock> openClocks() {
        Map<String, OpenClock> clocks = new HashMap<>();
        db.sql("select handoff_id, due_at, breached_at from sla_clocks where ended_at is null order by started_at, id")
                .query(rs -> {
                    clocks.put(rs.getString("handoff_id"),
                            new OpenClock(Db.instant(rs, "due_at"), Db.instant(rs, "breached_at")));
                });
        return clocks;
    }

    private ProcessDefinition definition(String definitionId) {
        try {
            return repository.getProcessDefinition(definitionId);
        } catch (NotFoundException | org.camunda.bpm.engine.exception.NullValueException e) {
            throw new org.leadhandoff.web.NotFoundException("No process definition " + definitionId);
        }
    }
}
