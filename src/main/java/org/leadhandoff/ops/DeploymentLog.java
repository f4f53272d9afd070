package org.leadhandoff.ops;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.leadhandoff.support.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who deployed which deployment and who migrated which handoffs: Camunda records neither. */
@Repository
class DeploymentLog {

    private final JdbcClient db;
    private final Clock clock;

    DeploymentLog(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void deployed(String deploymentId, String user, String source) {
        db.sql("insert into ops_deployments (deployment_id, deployed_by, deployed_at, source) values (?, ?, ?, ?)")
                .params(deploymentId, user, Db.ts(clock.instant()), source).update();
    }

    /** deployment id → who deployed it. */
    Map<String, String> deployers() {
        return db.sql("select deployment_id, deployed_by from ops_deployments")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    void migrated(String batchId, String sourceDefinitionId, String targetDefinitionId, List<String> instances,
            String user) {
        db.sql("insert into ops_migrations (batch_id, source_definition_id, target_definition_id, instances, "
                        + "migrated_by, migrated_at) values (?, ?, ?, ?, ?, ?)")
                .params(batchId, sourceDefinitionId, targetDefinitionId, instances.size(), user,
                        Db.ts(clock.instant())).update();
        for (String instance : instances) {
            db.sql("insert into ops_migrated_handoffs (batch_id, handoff_id) values (?, ?)")
                    .params(batchId, instance).update();
        }
    }

    /** A migration ops started: which batch, from which version to which, how many handoffs, by whom. */
    record Migration(String batchId, String sourceDefinitionId, String targetDefinitionId, int instances,
            String migratedBy, java.time.Instant migratedAt) {
    }

    List<Migration> recentMigrations(int limit) {
        return db.sql("select batch_id, source_definition_id, target_definition_id, instances, migrated_by, migrated_at "
                        + "from ops_migrations order by migrated_at desc, batch_id")
                .query((rs, n) -> new Migration(rs.getString("batch_id"), rs.getString("source_definition_id"),
                        rs.getString("target_definition_id"), rs.getInt("instances"), rs.getString("migrated_by"),
                        Db.instant(rs, "migrated_at")))
                .list().stream().limit(limit).toList();
    }

    List<String> migratedHandoffs(String batchId) {
        return db.sql("select handoff_id from ops_migrated_handoffs where batch_id = ? order by handoff_id")
                .param(batchId).query(String.class).list();
    }
}
