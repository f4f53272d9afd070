package org.leadhandoff.perf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What handoffs really write, read back from PostgreSQL: every row of every table (ours and
 * Camunda's runtime and history tables) whose current version was written by a transaction
 * since a given one ({@code xmin}), plus the server's own insert/update/delete counters. The
 * baseline inserts copies of exactly those rows, with fresh values in every column of a unique
 * index, into tables of the same shape and indexes, by plain batched JDBC in one transaction.
 */
final class HandoffRows {

    static final String BASELINE_SCHEMA = "perf_baseline";

    /** The captured rows of one table. */
    record TableRows(String table, List<String> columns, int[] sqlTypes, boolean[] unique, List<Object[]> rows) {
    }

    /** Server counters of one table between two snapshots. */
    record Writes(String table, long inserts, long updates, long deletes) {
    }

    private HandoffRows() {
    }

    static long txid(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select txid_current()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, long[]> counters(DataSource ds) throws SQLException {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables"
                    + " where schemaname = 'public' order by relname")) {
                while (rs.next()) {
                    out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return out;
    }

    static List<Writes> writes(Map<String, long[]> before, Map<String, long[]> after) {
        List<Writes> out = new ArrayList<>();
        after.forEach((table, a) -> {
            long[] b = before.getOrDefault(table, new long[3]);
            if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2]) {
                out.add(new Writes(table, a[0] - b[0], a[1] - b[1], a[2] - b[2]));
            }
        });
        return out;
    }

    static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select tablename from pg_tables where schemaname = 'public' and tablename <> 'flyway_schema_history'"
                        + " order by tablename")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Every row written (inserted or last updated, not deleted since) by transactions from {@code sinceTxid} on. */
    static List<TableRows> capture(DataSource ds, long sinceTxid) throws SQLException {
        List<TableRows> out = new ArrayList<>();
        long xid = sinceTxid & 0xffffffffL;
        try (Connection c = ds.getConnection()) {
            for (String table : tables(c)) {
                Set<String> uniqueColumns = uniqueColumns(c, table);
                try (PreparedStatement ps = c.prepareStatement(
                        "select * from public." + table + " where xmin::text::bigint >= ?")) {
                    ps.setLong(1, xid);
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        int n = md.getColumnCount();
                        List<String> columns = new ArrayList<>();
                        int[] types = new int[n];
                        boolean[] unique = new boolean[n];
                        for (int i = 0; i < n; i++) {
                            columns.add(md.getColumnName(i + 1));
                            types[i] = md.getColumnType(i + 1);
                            unique[i] = uniqueColumns.contains(md.getColumnName(i + 1));
                        }
                        List<Object[]> rows = new ArrayList<>();
                        while (rs.next()) {
                            Object[] row = new Object[n];
                            for (int i = 0; i < n; i++) {
                                row[i] = rs.getObject(i + 1);
                            }
                            rows.add(row);
                        }
                        if (!rows.isEmpty()) {
                            out.add(new TableRows(table, columns, types, unique, rows));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> uniqueColumns(Connection c, String table) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attname from pg_index i"
                + " join pg_class t on t.oid = i.indrelid join pg_attribute a on a.attrelid = t.oid"
                + " and a.attnum = any(i.indkey) where t.relname = ? and t.relnamespace = 'public'::regnamespace"
                + " and i.indisunique")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** Empty tables shaped like ours and Camunda's, with the same indexes (no foreign keys). */
    static void createBaselineTables(DataSource ds, List<TableRows> captured) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("create schema if not exists " + BASELINE_SCHEMA);
            for (TableRows t : captured) {
                s.execute("drop table if exists " + BASELINE_SCHEMA + "." + t.table());
                s.execute("create table " + BASELINE_SCHEMA + "." + t.table() + " (like public." + t.table()
                        + " including defaults including constraints including indexes)");
            }
        }
    }

    static void truncateBaseline(DataSource ds, List<TableRows> captured) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (TableRows t : captured) {
                s.execute("truncate " + BASELINE_SCHEMA + "." + t.table());
            }
        }
    }

    /**
     * Inserts {@code copies} copies of the captured rows in one transaction, batched per table;
     * the elapsed seconds including the commit.
     */
    static double insertBaseline(DataSource ds, List<TableRows> captured, int copies) throws SQLException {
        long fresh = 1_000_000;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (TableRows t : captured) {
                String sql = "insert into " + BASELINE_SCHEMA + "." + t.table() + " (" + String.join(", ", t.columns())
                        + ") values (" + "?, ".repeat(t.columns().size() - 1) + "?)";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int batched = 0;
                    for (int copy = 0; copy < copies; copy++) {
                        for (Object[] row : t.rows()) {
                            for (int i = 0; i < row.length; i++) {
                                Object value = row[i];
                                if (t.unique()[i] && value != null) {
                                    value = freshValue(t.sqlTypes()[i], value, fresh++);
                                }
                                if (value == null) {
                                    ps.setNull(i + 1, t.sqlTypes()[i]);
                                } else {
                                    ps.setObject(i + 1, value);
                                }
                            }
                            ps.addBatch();
                            if (++batched % 500 == 0) {
                                ps.executeBatch();
                            }
                        }
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static Object freshValue(int sqlType, Object original, long n) {
        return switch (sqlType) {
            case Types.INTEGER, Types.SMALLINT -> (int) (n % Integer.MAX_VALUE);
            case Types.BIGINT, Types.NUMERIC, Types.DECIMAL -> n;
            case Types.VARCHAR, Types.CHAR, Types.NVARCHAR, Types.LONGVARCHAR -> "b" + Long.toString(n, 36);
            default -> original;
        };
    }

    static int rowCount(List<TableRows> captured) {
        return captured.stream().mapToInt(t -> t.rows().size()).sum();
    }
}
