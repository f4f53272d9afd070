package org.leadhandoff.perf;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL the benchmark runs on: an embedded PostgreSQL 17 server (its binary from a Maven
 * artifact) with PostgreSQL's own durability defaults, or the server behind {@code -Dperf.jdbcUrl}
 * ({@code perf.jdbcUser}, {@code perf.jdbcPassword}), on which one database per part is created.
 */
final class PerfDatabase implements AutoCloseable {

    private final String givenUrl = System.getProperty("perf.jdbcUrl");
    private final String user = System.getProperty("perf.jdbcUser", "postgres");
    private final String password = System.getProperty("perf.jdbcPassword", "postgres");
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** A fresh database of that name (dropped first if it exists); its JDBC URL. */
    String url(String database) throws IOException, SQLException {
        String admin = adminUrl();
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        }
        return admin.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    }

    private String adminUrl() throws IOException {
        if (givenUrl != null) {
            return givenUrl;
        }
        if (server == null) {
            server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    // the embedded server's test-speed default is off; production runs with PostgreSQL's default
                    .setServerConfig("synchronous_commit", System.getProperty("perf.synchronousCommit", "on"))
                    .setServerConfig("max_connections", "300")
                    // -Dperf.statements=true: the report lists where PostgreSQL's time goes per handoff
                    .setServerConfig("shared_preload_libraries", statements() ? "pg_stat_statements" : "")
                    .start();
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    /** Whether the server keeps per-statement figures (pg_stat_statements, must be preloaded). */
    static boolean statements() {
        return Boolean.getBoolean("perf.statements");
    }

    /** Version and the settings that matter for the figures. */
    String describe() throws IOException, SQLException {
        StringBuilder s = new StringBuilder();
        try (Connection c = DriverManager.getConnection(adminUrl(), user, password); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select version()")) {
                rs.next();
                s.append(rs.getString(1).replaceAll(" on .*", ""));
            }
            s.append(givenUrl == null ? ", embedded (same machine)" : ", " + givenUrl.replaceAll("\\?.*", ""));
            for (String setting : new String[] {"synchronous_commit", "fsync", "shared_buffers", "work_mem",
                    "max_connections"}) {
                try (ResultSet rs = st.executeQuery("show " + setting)) {
                    rs.next();
                    s.append("; ").append(setting).append(" ").append(rs.getString(1));
                }
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
