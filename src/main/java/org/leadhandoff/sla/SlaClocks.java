package org.leadhandoff.sla;

import static org.leadhandoff.support.Db.instant;
import static org.leadhandoff.support.Db.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Every SLA clock ever started: started, due, stopped or breached, by whom. */
@Repository
class SlaClocks {

    private final JdbcClient jdbc;

    SlaClocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long start(String leadId, String handoffId, ClockKind kind, String team, String assignee, String priority,
            Instant startedAt, Instant dueAt, Instant reminderAt, Duration duration, int reminderPercent,
            Integer attempt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into sla_clocks (lead_id, handoff_id, kind, team, assignee, priority, started_at, due_at,
                                        reminder_at, duration_millis, reminder_percent, attempt)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(leadId, handoffId, kind.name(), team, assignee, priority, ts(startedAt), ts(dueAt),
                        ts(reminderAt), duration.toMillis(), reminderPercent, attempt)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A running clock as started: what its due dates are recomputed from when its team's calendar changes. */
    record Running(long id, String leadId, String handoffId, ClockKind kind, Instant startedAt, Duration duration,
            int reminderPercent, Instant reminderAt) {
    }

    /** Clocks of the team still running and not yet breached (clocks from before V3 have no duration: skipped). */
    List<Running> runningOfTeam(String team) {
        return jdbc.sql("""
                select id, lead_id, handoff_id, kind, started_at, duration_millis, reminder_percent, reminder_at
                  from sla_clocks
                 where team = ? and ended_at is null and breached_at is null and duration_millis is not null
                 order by id""")
                .param(team)
                .query((rs, n) -> new Running(rs.getLong("id"), rs.getString("lead_id"), rs.getString("handoff_id"),
                        ClockKind.valueOf(rs.getString("kind")), instant(rs, "started_at"),
                        Duration.ofMillis(rs.getLong("duration_millis")), rs.getInt("reminder_percent"),
                        instant(rs, "reminder_at")))
                .list();
    }

    void reschedule(long id, Instant dueAt, Instant reminderAt) {
        jdbc.sql("update sla_clocks set due_at = ?, reminder_at = ? where id = ?")
                .params(ts(dueAt), ts(reminderAt), id).update();
    }

    /** The handoff's running clock. */
    record Open(long id, ClockKind kind, Integer attempt, String assignee, Instant dueAt, boolean breached) {
    }

    Optional<Open> open(String handoffId) {
        return jdbc.sql("""
                select id, kind, attempt, assignee, due_at, breached_at from sla_clocks
                 where handoff_id = ? and ended_at is null order by id desc""")
                .param(handoffId)
                .query((rs, n) -> new Open(rs.getLong("id"), ClockKind.valueOf(rs.getString("kind")),
                        (Integer) rs.getObject("attempt", Integer.class), rs.getString("assignee"),
                        instant(rs, "due_at"), rs.getObject("breached_at") != null))
                .list().stream().findFirst();
    }

    void reminded(long id, Instant at) {
        jdbc.sql("update sla_clocks set reminded_at = ? where id = ? and reminded_at is null")
                .params(ts(at), id).update();
    }

    /** Ends every clock of the handoff still running, without stopping it (superseded). */
    int endOpen(String handoffId, Instant at) {
        List<Long> ids = lockOpen(handoffId);
        if (ids.isEmpty()) {
            return 0;
        }
        int n = jdbc.sql("update sla_clocks set ended_at = :at where id in (:ids)")
                .param("at", ts(at)).param("ids", ids).update();
        queueForRollup(ids);
        return n;
    }

    int stopOpen(String handoffId, Instant at, String by, String outcome) {
        List<Long> ids = lockOpen(handoffId);
        if (ids.isEmpty()) {
            return 0;
        }
        int n = jdbc.sql("""
                update sla_clocks set stopped_at = :at, stopped_by = :by, ended_at = :at, outcome = :outcome
                 where id in (:ids)""")
                .param("at", ts(at)).param("by", by).param("outcome", outcome).param("ids", ids).update();
        queueForRollup(ids);
        return n;
    }

    /** The handoff's running clocks, locked: exactly these end, and exactly these are queued. */
    private List<Long> lockOpen(String handoffId) {
        return jdbc.sql("select id from sla_clocks where handoff_id = ? and ended_at is null for update")
                .param(handoffId).query(Long.class).list();
    }

    /** An ended clock never changes again: the dashboard's daily rollup (V6) counts it from its queue. */
    private void queueForRollup(List<Long> ids) {
        for (Long id : ids) {
            jdbc.sql("insert into sla_rollup_queue (clock_id) values (?)").param(id).update();
        }
    }

    int breachOpen(String handoffId, Instant at) {
        return jdbc.sql("update sla_clocks set breached_at = ? where handoff_id = ? and ended_at is null"
                + " and breached_at is null").params(ts(at), handoffId).update();
    }

    void setOutcomeOfLatest(String handoffId, ClockKind kind, String outcome) {
        jdbc.sql("""
                update sla_clocks set outcome = ? where id = (select max(id) from sla_clocks
                 where handoff_id = ? and kind = ?)""").params(outcome, handoffId, kind.name()).update();
    }

    Optional<SlaStatus> current(String leadId) {
        return jdbc.sql("""
                select kind, due_at, breached_at from sla_clocks
                 where lead_id = ? and ended_at is null order by id desc""")
                .param(leadId)
                .query((rs, n) -> new SlaStatus(ClockKind.valueOf(rs.getString("kind")), instant(rs, "due_at"),
                        rs.getObject("breached_at") != null))
                .list().stream().findFirst();
    }

    /** Reps who already had an accept or follow-up clock in this handoff. */
    List<String> assignees(String handoffId) {
        return jdbc.sql("""
                select distinct assignee from sla_clocks
                 where handoff_id = ? and kind in ('ACCEPT', 'FOLLOW_UP') and assignee is not null""")
                .param(handoffId).query(String.class).list();
    }

    List<String> teamsWithOutcome(String handoffId, String outcome) {
        return jdbc.sql("select distinct team from sla_clocks where handoff_id = ? and outcome = ? and team is not null")
                .params(handoffId, outcome).query(String.class).list();
    }
}
