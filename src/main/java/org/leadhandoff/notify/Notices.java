package org.leadhandoff.notify;

import static org.leadhandoff.support.Db.instant;
import static org.leadhandoff.support.Db.ts;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The in-app notifications of every person, read or not. */
@Repository
class Notices {

    private final JdbcClient jdbc;

    Notices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String recipient, Bell.Kind kind, String leadId, String leadName, Instant dueAt, Instant now) {
        jdbc.sql("""
                insert into notify (recipient, kind, lead_id, lead_name, due_at, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(recipient, kind.name(), leadId, leadName, ts(dueAt), ts(now))
                .update();
    }

    long unread(String recipient) {
        return jdbc.sql("select count(*) from notify where recipient = ? and read_at is null").param(recipient)
                .query(Long.class).single();
    }

    List<Bell.Notice> latest(String recipient, int limit) {
        return jdbc.sql("""
                select id, kind, lead_id, lead_name, due_at, created_at, read_at from notify
                 where recipient = ? order by id desc""")
                .param(recipient)
                .query((rs, n) -> new Bell.Notice(rs.getLong("id"), Bell.Kind.valueOf(rs.getString("kind")),
                        rs.getString("lead_id"), rs.getString("lead_name"), instant(rs, "due_at"),
                        instant(rs, "created_at"), rs.getObject("read_at") != null))
                .stream().limit(limit).toList();
    }

    int markAllRead(String recipient, Instant now) {
        return jdbc.sql("update notify set read_at = ? where recipient = ? and read_at is null")
                .params(ts(now), recipient).update();
    }
}
