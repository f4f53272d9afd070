package org.leadhandoff.support;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The indexes the job executor's acquisition query needs (Camunda's {@code selectNextJobsToExecute}
 * with {@code job-executor-acquire-by-due-date} and {@code job-executor-prefer-timer-jobs}) so that
 * one poll costs what is due, not what is open. With Camunda's own indexes PostgreSQL reads the
 * whole job table on every poll for the "no other job of this instance is locked" check, and
 * ordering by {@code (TYPE_, DUEDATE_)} walks every open timer before it reaches a due message:
 * <ul>
 *   <li>{@value #DUE} on {@code DUEDATE_}: the due jobs are found by range ({@code DUEDATE_ <= now});
 *       acquiring by due date makes Camunda give messages a due date too, and the query's
 *       {@code DUEDATE_ is null} branch is an index lookup as well;</li>
 *   <li>{@value #LOCKED} on {@code PROCESS_INSTANCE_ID_} of locked jobs only (PostgreSQL; H2 has no
 *       partial indexes): the lock check reads the few jobs running now.</li>
 * </ul>
 * Figures with 150,000 open timers, quiet and in a storm: README "Performance". The first version
 * of this class made {@value #EARLIER} on {@code (TYPE_ desc, DUEDATE_ asc)}, which the planner used
 * to walk all timers; it is dropped. Camunda creates its tables itself, after Flyway could run, so
 * the indexes are made here once the engine's schema exists; a start that finds them in place
 * issues no DDL.
 */
@Component
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    public static final String DUE = "IX_RU_JOB_DUE";
    public static final String LOCKED = "IX_RU_JOB_LOCKED";
    public static final String EARLIER = "IX_RU_JOB_ACQUIRE";
    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private final DataSource dataSource;

    JobAcquisitionIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        try (Connection connection = dataSource.getConnection()) {
            create(connection);
        } catch (SQLException e) {
            // acquisition works without them, only slower with many open timers
            log.warn("Could not create the job acquisition indexes: {}", e.getMessage());
        }
    }

    /** An index this class keeps on the job table: its name and what follows it in {@code create index}. */
    public record Index(String name, String definition) {

        public String createSql() {
            return "create index if not exists " + name + " " + definition;
        }
    }

    /** The indexes for this database. */
    public static List<Index> indexes(Connection connection) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                .contains("postgres");
        Index due = new Index(DUE, "on ACT_RU_JOB (DUEDATE_)");
        return postgres
                ? List.of(due, new Index(LOCKED, "on ACT_RU_JOB (PROCESS_INSTANCE_ID_) where LOCK_OWNER_ is not null"))
                : List.of(due);
    }

    /**
     * Drops the earlier index and creates the missing ones; a restart with all in place issues no
     * DDL, so it takes no lock on the job table that other nodes' running jobs would wait for.
     */
    public static void create(Connection connection) throws SQLException {
        Set<String> present = present(connection);
        try (Statement s = connection.createStatement()) {
            if (present.contains(EARLIER)) {
                s.execute("drop index " + EARLIER);
            }
            for (Index index : indexes(connection)) {
                if (!present.contains(index.name())) {
                    s.execute(index.createSql());
                }
            }
        }
    }

    /** Names (upper case) of the indexes on the job table of the connection's schema now. */
    public static Set<String> present(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        String table = meta.storesLowerCaseIdentifiers() ? "act_ru_job" : "ACT_RU_JOB";
        try (ResultSet index = meta.getIndexInfo(null, connection.getSchema(), table, false, true)) {
            while (index.next()) {
                if (index.getString("INDEX_NAME") != null) {
                    names.add(index.getString("INDEX_NAME").toUpperCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
