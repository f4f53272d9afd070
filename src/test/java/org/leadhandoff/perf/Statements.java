package org.leadhandoff.perf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Where PostgreSQL's time goes during the engine runs ({@code -Dperf.statements=true}): the
 * server's own per-statement figures (pg_stat_statements), reset before the runs and read after,
 * per handoff. Execution and planning time are the server's, so they sit inside its CPU figure.
 */
final class Statements {

    private Statements() {
    }

    static Statements start(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
        return new Statements();
    }

    String report(DataSource dataSource, int handoffs, int top) throws SQLException {
        StringBuilder s = new StringBuilder("**Where PostgreSQL's time goes** in these runs (pg_stat_statements, "
                + "the " + top + " statements with most execution + planning time; per handoff over " + handoffs
                + " handoffs):\n\n| ms per handoff | calls per handoff | ms per call | statement |\n|---|---|---|---|\n");
        String sql = "select total_exec_time + total_plan_time as ms, calls, query, "
                + "sum(total_exec_time + total_plan_time) over () as all_ms, sum(calls) over () as all_calls "
                + "from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) "
                + "order by 1 desc limit ?";
        double allMs = 0;
        double allCalls = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, top);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    double ms = rs.getDouble(1);
                    long calls = rs.getLong(2);
                    allMs = rs.getDouble(4);
                    allCalls = rs.getDouble(5);
                    String query = rs.getString(3).replaceAll("\\s+", " ").replace("|", "\\|");
                    s.append(String.format(java.util.Locale.ROOT, "| %.3f | %.2f | %.3f | `%s` |%n", ms / handoffs,
                            calls / (double) handoffs, calls == 0 ? 0 : ms / calls,
                            query.length() > 160 ? query.substring(0, 160) + "…" : query));
                }
            }
        }
        s.append(String.format(java.util.Locale.ROOT, "| **%.3f** | **%.2f** | | all statements |%n%n",
                allMs / handoffs, allCalls / handoffs));
        return s.toString();
    }
}
