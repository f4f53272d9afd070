package org.leadhandoff.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the daily pre-aggregated SLA figures ({@code sla_daily_rollup} and friends, V6) that let
 * the dashboard read a year without scanning every clock. Only ended clocks are rolled up, because
 * an ended clock never changes again; {@code SlaClocks} queues each clock in the transaction that
 * ends it, and {@link #catchUp()} moves the queue into the daily rows. Every write holds the lock
 * row, so two nodes (or a restart half-way) never count a clock twice: a batch's rows and its
 * queue entries commit together. Running clocks are not here at all: {@link SlaFigures} reads them
 * live, with the queued ones, so a new breach shows at once.
 */
@Service
@EnableScheduling
public class SlaRollup {

    /** Clocks per catch-up transaction. */
    static final int BATCH = 10_000;
    private static final int IN_LIST = 1_000;
    private static final Logger log = LoggerFactory.getLogger(SlaRollup.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final StageRollup stages;

    public SlaRollup(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = new TransactionTemplate(transactions);
        this.stages = new StageRollup(jdbc);
    }

    @Scheduled(initialDelayString = "${handoff.dashboard.rollup-interval:PT1M}",
            fixedDelayString = "${handoff.dashboard.rollup-interval:PT1M}")
    void scheduled() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.warn("SLA rollup catch-up failed, retried on the next run: {}", e.toString());
        }
    }

    /**
     * Rolls up every queued clock and, in the same transactions, every queued stage change
     * ({@link StageRollup}); returns how many clocks were taken from the queue.
     */
    public long catchUp() {
        long total = 0;
        int[] n;
        do {
            n = tx.execute(s -> new int[] {step(), stages.step()});
            total += n[0];
        } while (n[0] > 0 || n[1] > 0);
        return total;
    }

    /**
     * Forgets the rollup and builds it again from every ended clock and every stage change: for data
     * written straight into {@code sla_clocks} or {@code lead_stage_history} (demo history, the
     * benchmark's loader, tests).
     */
    public long rebuild() {
        tx.executeWithoutResult(s -> {
            lock();
            for (String table : List.of("sla_daily_rollup", "sla_daily_accept_minutes", "sla_monthly_accept_minutes",
                    "sla_rollup_repeats", "sla_daily_rejections", "sla_rollup_teams", "sla_rollup_queue")) {
                jdbc.update("delete from " + table);
            }
            stages.clear();
        });
        return catchUp();
    }

    /** The stage rollup this one catches up with. */
    StageRollup stages() {
        return stages;
    }

    private void lock() {
        jdbc.queryForObject("select id from sla_rollup_lock where id = 1 for update", Integer.class);
    }

    private int step() {
        lock();
        Map<String, ZoneId> zones = syncTeams();
        List<Long> taken = new ArrayList<>();
        List<ClockFacts> clocks = new ArrayList<>();
        jdbc.query("select q.clock_id as queued, " + ClockFacts.COLUMNS
                + " from sla_rollup_queue q left join sla_clocks c on c.id = q.clock_id order by q.clock_id"
                + " fetch first " + BATCH + " rows only", rs -> {
                    taken.add(rs.getLong("queued"));
                    if (rs.getObject("id") != null && rs.getObject("ended_at") != null && rs.getString("team") != null
                            && zones.containsKey(rs.getString("team"))) {
                        clocks.add(ClockFacts.of(rs));
                    }
                });
        if (taken.isEmpty()) {
            return 0;
        }
        Map<String, List<ClockFacts>> history = acceptClocksOf(
                clocks.stream().filter(ClockFacts::accept).map(ClockFacts::handoffId).toList());

        Map<List<Object>, long[]> counters = new LinkedHashMap<>();
        Map<List<Object>, MinutesHistogram.Bucket> minutes = new LinkedHashMap<>();
        Map<List<Object>, MinutesHistogram.Bucket> months = new LinkedHashMap<>();
        List<Object[]> repeats = new ArrayList<>();
        Map<List<Object>, long[]> rejections = new LinkedHashMap<>();
        for (ClockFacts c : clocks) {
            LocalDate day = c.startedAt().atZone(zones.get(c.team())).toLocalDate();
            String assignee = c.assignee() == null ? "" : c.assignee();
            ClockFacts.Firsts f = c.firsts(history.getOrDefault(c.handoffId(), List.of()));
            long[] v = counters.computeIfAbsent(List.of(c.team(), day, assignee, c.kind(), c.laterAttempt()),
                    k -> new long[8]);
            v[0]++;
            v[1] += c.met() ? 1 : 0;
            // an ended clock: "now" is never reached
            v[2] += c.breached(Instant.MAX) ? 1 : 0;
            v[3] += f.handoff() ? 1 : 0;
            v[4] += f.accepted() ? 1 : 0;
            v[5] += f.acceptedInTime() ? 1 : 0;
            v[6] += f.repHandoff() ? 1 : 0;
            v[7] += f.repAccepted() ? 1 : 0;
            Double m = c.minutesToAccept();
            if (m != null) {
                minutes.merge(List.of(c.team(), day, assignee, MinutesHistogram.bucket(m)),
                        new MinutesHistogram.Bucket(1, m, m), MinutesHistogram.Bucket::merge);
                months.merge(List.of(c.team(), day.withDayOfMonth(1), assignee, MinutesHistogram.bucket(m)),
                        new MinutesHistogram.Bucket(1, m, m), MinutesHistogram.Bucket::merge);
            }
            if (c.accept() && c.outcome() != null && SlaFigures.REJECTIONS.contains(c.outcome())) {
                rejections.computeIfAbsent(List.of(c.team(), day, c.outcome()), k -> new long[1])[0]++;
            }
            if (c.accept() && !f.handoff()) {
                repeats.add(new Object[] {c.id(), c.handoffId(), c.team(), day});
            }
        }
        upsertCounters(counters);
        StageRollup.upsert(jdbc, "team = ? and local_day = ? and outcome = ?",
                "update sla_daily_rejections set n = n + ?",
                "insert into sla_daily_rejections (n, team, local_day, outcome) values (?, ?, ?, ?)", rejections,
                v -> new Object[] {v[0]});
        upsertMinutes("sla_daily_accept_minutes", "local_day", minutes);
        upsertMinutes("sla_monthly_accept_minutes", "month_start", months);
        jdbc.batchUpdate("insert into sla_rollup_repeats (clock_id, handoff_id, team, local_day) values (?, ?, ?, ?)",
                repeats);
        for (List<Long> part : chunks(taken)) {
            named.update("delete from sla_rollup_queue where clock_id in (:ids)", Map.of("ids", part));
        }
        jdbc.update("update sla_rollup_lock set rolled_at = ? where id = 1",
                org.leadhandoff.support.Db.ts(Instant.now()));
        return taken.size();
    }

    /**
     * The teams and the zone their days are counted in. A team seen for the first time, or whose
     * zone changed, starts afresh: its rows are dropped and all its ended clocks queued.
     */
    private Map<String, ZoneId> syncTeams() {
        Map<String, String> rolled = new HashMap<>();
        jdbc.query("select team, time_zone from sla_rollup_teams",
                rs -> {
                    rolled.put(rs.getString("team"), rs.getString("time_zone"));
                });
        Map<String, String> current = new HashMap<>();
        jdbc.query("select id, time_zone from teams", rs -> {
            current.put(rs.getString("id"), rs.getString("time_zone"));
        });
        Map<String, ZoneId> zones = new HashMap<>();
        current.forEach((team, zone) -> {
            zones.put(team, ZoneId.of(zone));
            if (!zone.equals(rolled.get(team))) {
                for (String table : List.of("sla_daily_rollup", "sla_daily_accept_minutes",
                        "sla_monthly_accept_minutes", "sla_rollup_repeats", "sla_daily_rejections", "sla_rollup_teams")) {
                    jdbc.update("delete from " + table + " where team = ?", team);
                }
                jdbc.update("insert into sla_rollup_teams (team, time_zone) values (?, ?)", team, zone);
                // no "not exists" here: the planner's statistics of a queue that just grew make that a crawl
                jdbc.update("delete from sla_rollup_queue where clock_id in (select c.id from sla_clocks c where c.team = ?)",
                        team);
                // not the clocks queued meanwhile: one that ended between the delete and this insert
                // queued itself (SlaClocks), and inserting it again broke the catch-up. Only this team's
                // queue rows are compared, none or a few since the delete, whatever the other teams' backlog
                jdbc.update("insert into sla_rollup_queue (clock_id) select c.id from sla_clocks c"
                        + " where c.team = ? and c.ended_at is not null and c.id not in (select q.clock_id"
                        + " from sla_rollup_queue q join sla_clocks qc on qc.id = q.clock_id where qc.team = ?)",
                        team, team);
            }
        });
        return zones;
    }

    /** Every accept clock of these handoffs, per handoff in id order. */
    Map<String, List<ClockFacts>> acceptClocksOf(List<String> handoffs) {
        Map<String, List<ClockFacts>> byHandoff = new HashMap<>();
        Set<String> distinct = new TreeSet<>(handoffs);
        for (List<String> part : chunks(new ArrayList<>(distinct))) {
            named.query("select " + ClockFacts.COLUMNS + " from sla_clocks c where c.kind = 'ACCEPT'"
                    + " and c.handoff_id in (:ids) order by c.id", Map.of("ids", part), rs -> {
                        ClockFacts c = ClockFacts.of(rs);
                        byHandoff.computeIfAbsent(c.handoffId(), k -> new ArrayList<>()).add(c);
                    });
        }
        return byHandoff;
    }

    /**
     * The keys of these rows already in the table (the same team, day and assignee leading the key),
     * so a batch updates those and inserts the rest instead of trying an update for every row.
     */
    private Set<List<Object>> existing(String table, String dayColumn, String keyColumns, Set<List<Object>> keys) {
        Map<String, LocalDate[]> ranges = new HashMap<>();
        for (List<Object> k : keys) {
            LocalDate day = (LocalDate) k.get(1);
            ranges.merge((String) k.get(0), new LocalDate[] {day, day}, (a, b) -> new LocalDate[] {
                a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
        }
        Set<List<Object>> found = new java.util.HashSet<>();
        int width = keyColumns.split(",").length;
        ranges.forEach((team, range) -> jdbc.query("select " + keyColumns + " from " + table
                + " where team = ? and " + dayColumn + " >= ? and " + dayColumn + " <= ?", rs -> {
                    List<Object> k = new ArrayList<>(width);
                    k.add(rs.getString(1));
                    k.add(rs.getObject(2, LocalDate.class));
                    k.add(rs.getString(3));
                    for (int i = 4; i <= width; i++) {
                        k.add(rs.getObject(i) instanceof Boolean b ? b : rs.getObject(i) instanceof String str ? str
                                : Integer.valueOf(rs.getInt(i)));
                    }
                    if (keys.contains(k)) {
                        found.add(k);
                    }
                }, team, range[0], range[1]));
        return found;
    }

    private void upsertCounters(Map<List<Object>, long[]> counters) {
        Set<List<Object>> present = existing("sla_daily_rollup", "local_day", "team, local_day, assignee, kind, later_attempt",
                counters.keySet());
        List<List<Object>> keys = new ArrayList<>(present);
        List<Object[]> updates = new ArrayList<>();
        for (List<Object> k : keys) {
            long[] v = counters.get(k);
            updates.add(new Object[] {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], k.get(0), k.get(1), k.get(2),
                k.get(3), k.get(4)});
        }
        jdbc.batchUpdate("""
                update sla_daily_rollup set clocks = clocks + ?, met = met + ?, breached = breached + ?,
                       handoffs = handoffs + ?, accepted = accepted + ?, accepted_in_time = accepted_in_time + ?,
                       rep_handoffs = rep_handoffs + ?, rep_accepted = rep_accepted + ?
                 where team = ? and local_day = ? and assignee = ? and kind = ? and later_attempt = ?""", updates);
        List<Object[]> inserts = new ArrayList<>();
        for (List<Object> k : counters.keySet()) {
            if (!present.contains(k)) {
                long[] v = counters.get(k);
                inserts.add(new Object[] {k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), v[0], v[1], v[2], v[3],
                    v[4], v[5], v[6], v[7]});
            }
        }
        jdbc.batchUpdate("""
                insert into sla_daily_rollup (team, local_day, assignee, kind, later_attempt, clocks, met, breached,
                                              handoffs, accepted, accepted_in_time, rep_handoffs, rep_accepted)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
    }

    private void upsertMinutes(String table, String dayColumn, Map<List<Object>, MinutesHistogram.Bucket> minutes) {
        Set<List<Object>> present = existing(table, dayColumn, "team, " + dayColumn + ", assignee, bucket",
                minutes.keySet());
        List<List<Object>> keys = new ArrayList<>(present);
        List<Object[]> updates = new ArrayList<>();
        for (List<Object> k : keys) {
            MinutesHistogram.Bucket b = minutes.get(k);
            updates.add(new Object[] {b.n(), b.min(), b.max(), k.get(0), k.get(1), k.get(2), k.get(3)});
        }
        jdbc.batchUpdate("update " + table + " set n = n + ?, min_minutes = least(min_minutes, ?),"
                + " max_minutes = greatest(max_minutes, ?)"
                + " where team = ? and " + dayColumn + " = ? and assignee = ? and bucket = ?", updates);
        List<Object[]> inserts = new ArrayList<>();
        for (List<Object> k : minutes.keySet()) {
            if (!present.contains(k)) {
                MinutesHistogram.Bucket b = minutes.get(k);
                inserts.add(new Object[] {k.get(0), k.get(1), k.get(2), k.get(3), b.n(), b.min(), b.max()});
            }
        }
        jdbc.batchUpdate("insert into " + table + " (team, " + dayColumn + ", assignee, bucket, n, min_minutes,"
                + " max_minutes) values (?, ?, ?, ?, ?, ?, ?)", inserts);
    }

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> parts = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIST) {
            parts.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
        }
        return parts;
    }
}
