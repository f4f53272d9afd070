package org.leadhandoff.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time start on a shared PostgreSQL database. Camunda creates its schema
 * without a lock, so two nodes starting at once on an empty database collide (duplicate table),
 * and the demo data and model deployment that follow would race as well. The lock (a PostgreSQL
 * session advisory lock) is taken before the engine touches its schema and released once the
 * application is ready, or when start-up fails; a node that dies holding it loses it with its
 * connection. Other databases (the single-process H2 default) need none.
 */
@Component
public class StartupLock extends AbstractProcessEnginePlugin implements DisposableBean {

    /** Any constant shared by every node; {@code hashtext('lead-handoff start-up')} would do as well. */
    private static final long KEY = 0x4c48_5354_4152_5455L;
    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

    private final DataSource dataSource;
    private Connection held;

    StartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return;
            }
            log.info("Waiting for any other node's start-up on the same database");
            try (Statement s = connection.createStatement()) {
                s.execute("select pg_advisory_lock(" + KEY + ")");
            }
            held = connection;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the start-up lock", e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection connection = held) {
            try (Statement s = connection.createStatement()) {
                s.execute("select pg_advisory_unlock(" + KEY + ")");
            }
        } catch (SQLException e) {
            log.warn("Could not release the start-up lock; dropping its connection releases it", e);
            try {
                held.abort(Runnable::run);
            } catch (SQLException ignored) {
                // the connection is gone either way
            }
        } finally {
            held = null;
        }
    }

    @Override
    public void destroy() {
        release();
    }
}
