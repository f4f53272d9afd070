package org.leadhandoff.dashboard;

import static org.leadhandoff.support.Db.instant;
import static org.leadhandoff.support.Db.ts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The daily pre-aggregated stage changes ({@code stage_daily_entries} and friends, V9) behind the
 * funnel and time in stage. {@code Leads.appendHistory} queues each new row of
 * {@code lead_stage_history} in the transaction that writes it; {@link SlaRollup} calls
 * {@link #step()} under its lock row, so the stage rollup is caught up, rebuilt and scheduled with
 * the SLA rollup. Per team and local day (in the team's zone) it keeps how many changes entered a
 * stage and how many of those were the lead's first entry into it; later entries into MQL, SAL or
 * SQL are kept one by one, so a period's distinct leads stay exact. A change also ends the lead's
 * previous stage: the minutes spent in MQL or SAL go into a histogram on the day that stage began.
 * Rows still queued are counted by {@link #pending}, so a change shows on the dashboard at once.
 */
final class StageRollup {

    /** The stages the funnel counts distinct leads of. */
    static final List<String> FUNNEL = List.of("MQL", "SAL", "SQL");
    /** The stages whose time the dashboard shows. */
    static final List<String> TIMED = List.of("MQL", "SAL");
    static final List<String> TABLES = List.of("stage_daily_entries", "stage_daily_minutes", "stage_monthly_minutes",
            "stage_rollup_repeats", "stage_rollup_teams");

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    StageRollup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** One stage change, with the lead's team as it is now. */
    record Change(long id, String leadId, String stage, Instant at, String reason, String team) {
    }

    /** What some changes add to the rollup's tables. */
    static final class Contribution {
        /** (team, day, stage, reason) to {entries, firsts}. */
        final Map<List<Object>, long[]> entries = new LinkedHashMap<>();
        /** (team, day, stage, bucket) to histogram bucket; the day is when the timed stage began. */
        final Map<List<Object>, MinutesHistogram.Bucket> minutes = new LinkedHashMap<>();
        final List<Repeat> repeats = new ArrayList<>();
        /** For the live part: each timed stage's minutes with the instant the stage began. */
        final List<Timed> timed = new ArrayList<>();
    }

    record Repeat(long id, String leadId, String stage, String team, Instant at, Instant firstAt) {
    }

    record Timed(String team, String stage, Instant began, double minutes) {
    }

    /** Forgets the stage rollup; the next step queues every team's changes afresh. Call under the lock. */
    void clear() {
        for (String table : TABLES) {
            jdbc.update("delete from " + table);
        }
        jdbc.update("delete from stage_rollup_queue");
    }

    /** Rolls up one batch of queued changes; returns how many were taken from the queue. Call under the lock. */
    int step() {
        Map<String, ZoneId> zones = syncTeams();
        List<Long> taken = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        // changes of leads without a team yet stay queued until the lead is routed
        jdbc.query("""
                select q.history_id as queued, h.id, h.lead_id, h.stage, h.at, h.reason, l.team
                  from stage_rollup_queue q left join lead_stage_history h on h.id = q.history_id
                  left join leads l on l.id = h.lead_id
                 where h.id is null or l.team is not null
                 order by q.history_id fetch first %d rows only""".formatted(SlaRollup.BATCH), rs -> {
                    taken.add(rs.getLong("queued"));
                    if (rs.getObject("id") != null && zones.containsKey(rs.getString("team"))) {
                        changes.add(change(rs));
                    }
                });
        if (taken.isEmpty()) {
            return 0;
        }
        Contribution c = contribution(changes, zones);
        upsert(jdbc, "team = ? and local_day = ? and stage = ? and reason = ?",
                "update stage_daily_entries set entries = entries + ?, firsts = firsts + ?",
                "insert into stage_daily_entries (entries, firsts, team, local_day, stage, reason) values (?, ?, ?, ?, ?, ?)",
                c.entries, v -> new Object[] {v[0], v[1]});
        Map<List<Object>, MinutesHistogram.Bucket> months = new LinkedHashMap<>();
        c.minutes.forEach((k, b) -> months.merge(List.of(k.get(0), ((LocalDate) k.get(1)).withDayOfMonth(1), k.get(2),
                k.get(3)), b, MinutesHistogram.Bucket::merge));
        upsertMinutes("stage_daily_minutes", "local_day", c.minutes);
        upsertMinutes("stage_monthly_minutes", "month_start", months);
        jdbc.batchUpdate("insert into stage_rollup_repeats (history_id, lead_id, stage, team, at, first_at)"
                + " values (?, ?, ?, ?, ?, ?)", c.repeats.stream().map(r -> new Object[] {r.id(), r.leadId(), r.stage(),
                    r.team(), ts(r.at()), ts(r.firstAt())}).toList());
        for (List<Long> part : SlaRollup.chunks(taken)) {
            named.update("delete from stage_rollup_queue where history_id in (:ids)", Map.of("ids", part));
        }
        return taken.size();
    }

    /** The changes still queued whose lead belongs to one of these teams. */
    List<Change> pending(List<String> teams) {
        if (teams.isEmpty()) {
            return List.of();
        }
        return named.query("""
                select h.id, h.lead_id, h.stage, h.at, h.reason, l.team
                  from stage_rollup_queue q join lead_stage_history h on h.id = q.history_id
                  join leads l on l.id = h.lead_id
                 where l.team in (:teams) order by h.id""", Map.of("teams", teams), (rs, n) -> change(rs));
    }

    /** Every change of this team's leads from {@code since} on (for a team whose rollup is not built). */
    List<Change> changesSince(String team, Instant since) {
        return named.query("""
                select h.id, h.lead_id, h.stage, h.at, h.reason, l.team
                  from lead_stage_history h join leads l on l.id = h.lead_id
                 where l.team = :team and h.at >= :since order by h.id""",
                Map.of("team", team, "since", ts(since)), (rs, n) -> change(rs));
    }

    /**
     * What these changes add: entries and firsts on the change's day, repeats, and the minutes of
     * the stage each change ends (the lead's change just before it, by time and id).
     */
    Contribution contribution(List<Change> changes, Map<String, ZoneId> zones) {
        Contribution c = new Contribution();
        Map<String, List<Change>> histories = historiesOf(changes.stream().map(Change::leadId).toList());
        for (Change ch : changes) {
            ZoneId zone = zones.get(ch.team());
            if (zone == null) {
                continue;
            }
            List<Change> history = histories.getOrDefault(ch.leadId(), List.of());
            Change first = history.stream().filter(e -> e.stage().equals(ch.stage()))
                    .min(Comparator.comparingLong(Change::id)).orElse(ch);
            boolean isFirst = first.id() >= ch.id();
            LocalDate day = ch.at().atZone(zone).toLocalDate();
            long[] v = c.entries.computeIfAbsent(List.of(ch.team(), day, ch.stage(), ch.reason() == null ? ""
                    : ch.reason()), k -> new long[2]);
            v[0]++;
            v[1] += isFirst ? 1 : 0;
            if (!isFirst && FUNNEL.contains(ch.stage())) {
                c.repeats.add(new Repeat(ch.id(), ch.leadId(), ch.stage(), ch.team(), ch.at(), first.at()));
            }
            Change previous = null;
            for (Change e : history) {
                if (e.id() == ch.id()) {
                    break;
                }
                previous = e;
            }
            if (previous != null && TIMED.contains(previous.stage())) {
                double m = Duration.between(previous.at(), ch.at()).toNanos() / 60e9;
                LocalDate began = previous.at().atZone(zone).toLocalDate();
                c.minutes.merge(List.of(ch.team(), began, previous.stage(), MinutesHistogram.bucket(m)),
                        new MinutesHistogram.Bucket(1, m, m), MinutesHistogram.Bucket::merge);
                c.timed.add(new Timed(ch.team(), previous.stage(), previous.at(), m));
            }
        }
        return c;
    }

    /** Every change of these leads, each lead's in the order of time and id. */
    private Map<String, List<Change>> historiesOf(List<String> leads) {
        Map<String, List<Change>> byLead = new HashMap<>();
        for (List<String> part : SlaRollup.chunks(new ArrayList<>(new TreeSet<>(leads)))) {
            named.query("select h.id, h.lead_id, h.stage, h.at, h.reason, null as team from lead_stage_history h"
                    + " where h.lead_id in (:ids) order by h.lead_id, h.at, h.id", Map.of("ids", part), rs -> {
                        Change c = change(rs);
                        byLead.computeIfAbsent(c.leadId(), k -> new ArrayList<>()).add(c);
                    });
        }
        return byLead;
    }

    /** The teams whose rollup is built in their current zone. */
    Map<String, ZoneId> builtTeams() {
        Map<String, ZoneId> built = new HashMap<>();
        jdbc.query("select r.team, r.time_zone from stage_rollup_teams r join teams t on t.id = r.team"
                + " and t.time_zone = r.time_zone", rs -> {
                    built.put(rs.getString("team"), ZoneId.of(rs.getString("time_zone")));
                });
        return built;
    }

    /**
     * The teams and the zone their days are counted in. A team seen for the first time, or whose
     * zone changed, starts afresh: its rows are dropped and all its leads' changes queued.
     */
    private Map<String, ZoneId> syncTeams() {
        Map<String, String> rolled = new HashMap<>();
        jdbc.query("select team, time_zone from stage_rollup_teams", rs -> {
            rolled.put(rs.getString("team"), rs.getString("time_zone"));
        });
        Map<String, ZoneId> zones = new HashMap<>();
        jdbc.query("select id, time_zone from teams", rs -> {
            zones.put(rs.getString("id"), ZoneId.of(rs.getString("time_zone")));
        });
        zones.forEach((team, zone) -> {
            if (!zone.getId().equals(rolled.get(team))) {
                for (String table : TABLES) {
                    jdbc.update("delete from " + table + " where team = ?", team);
                }
                jdbc.update("insert into stage_rollup_teams (team, time_zone) values (?, ?)", team, zone.getId());
                jdbc.update("delete from stage_rollup_queue where history_id in (select h.id from lead_stage_history h"
                        + " join leads l on l.id = h.lead_id where l.team = ?)", team);
                // not the ids queued meanwhile: a stage change committed between the delete and this
                // insert queued itself (Leads.appendHistory), and inserting it again broke the catch-up.
                // Only this team's queue rows are compared, none or a few since the delete, whatever
                // the other teams' backlog (a large "not in" list would not be hashed)
                jdbc.update("insert into stage_rollup_queue (history_id) select h.id from lead_stage_history h"
                        + " join leads l on l.id = h.lead_id where l.team = ? and h.id not in (select q.history_id"
                        + " from stage_rollup_queue q join lead_stage_history qh on qh.id = q.history_id"
                        + " join leads ql on ql.id = qh.lead_id where ql.team = ?)", team, team);
            }
        });
        return zones;
    }

    private void upsertMinutes(String table, String dayColumn, Map<List<Object>, MinutesHistogram.Bucket> minutes) {
        upsert(jdbc, "team = ? and " + dayColumn + " = ? and stage = ? and bucket = ?",
                "update " + table + " set n = n + ?, min_minutes = least(min_minutes, ?),"
                        + " max_minutes = greatest(max_minutes, ?)",
                "insert into " + table + " (n, min_minutes, max_minutes, team, " + dayColumn + ", stage, bucket)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                minutes, b -> new Object[] {b.n(), b.min(), b.max()});
    }

    /** Adds each value to its row, inserting the rows the update found missing. */
    static <V> void upsert(JdbcTemplate jdbc, String where, String update, String insert, Map<List<Object>, V> rows,
            java.util.function.Function<V, Object[]> values) {
        List<Object[]> args = new ArrayList<>();
        List<List<Object>> keys = new ArrayList<>(rows.keySet());
        for (List<Object> k : keys) {
            Object[] v = values.apply(rows.get(k));
            Object[] a = new Object[v.length + k.size()];
            System.arraycopy(v, 0, a, 0, v.length);
            for (int i = 0; i < k.size(); i++) {
                a[v.length + i] = k.get(i);
            }
            args.add(a);
        }
        int[] updated = jdbc.batchUpdate(update + " where " + where, args);
        List<Object[]> missing = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                missing.add(args.get(i));
            }
        }
        jdbc.batchUpdate(insert, missing);
    }

    private static Change change(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Change(rs.getLong("id"), rs.getString("lead_id"), rs.getString("stage"), instant(rs, "at"),
                rs.getString("reason"), rs.getString("team"));
    }
}
