package org.leadhandoff.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
 *   <li>{@value #DUE} on {@code DUEDATE_}: the due jobs are found by range ({@code DUEDATE_ <= now})
 *       and the null due dates of messages by {@code is null}, both index lookups;</li>
 *   <li>{@value #LOCKED} on {@code PROCESS_INSTANCE_ID_} of locked jobs only (PostgreSQL; H2 has no
 *       partial indexes): the lock check reads the few jobs running now.</li>
 * </ul>
 * Figures with 150,000 open timers, quiet and in a storm: README "Performance". The first version
 * of this class made {@value #EARLIER} on {@code (TYPE_ desc, DUEDATE_ asc)}, which the planner used
 * to walk all timers; it is dropped. Camunda creates its tables itself, after Flyway could run, so
 * the indexes are made here once the engine's schema exists; {@code if not exists} makes that a
 * no-op on every later start.
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

    /** The statements for this database, in order. */
    public static List<String> statements(Connection connection) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        return postgres
                ? List.of("drop index if exists " + EARLIER,
                        "create index if not exists " + DUE + " on ACT_RU_JOB (DUEDATE_)",
                        "create index if not exists " + LOCKED + " on ACT_RU_JOB (PROCESS_INSTANCE_ID_)"
                                + " where LOCK_OWNER_ is not null")
                : List.of("drop index if exists " + EARLIER,
                        "create index if not exists " + DUE + " on ACT_RU_JOB (DUEDATE_)");
    }

    public static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements(connection)) {
                s.execute(sql);
            }
        }
    }
}
