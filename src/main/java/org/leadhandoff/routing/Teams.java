package org.leadhandoff.routing;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sales teams and their reps, with each team's round-robin position. */
@Repository
class Teams {

    private final JdbcClient jdbc;

    Teams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Candidate(String userId, long lastAssigned, int openHandoffs, int capacity) {
    }

    List<String> ids() {
        return jdbc.sql("select id from teams order by id").query(String.class).list();
    }

    Optional<String> manager(String team) {
        return jdbc.sql("select manager from teams where id = ?").param(team).query(String.class).optional();
    }

    /** Locks the team's round-robin position until the transaction ends and returns it. */
    long lockSequence(String team) {
        return jdbc.sql("select rr_sequence from teams where id = ? for update").param(team).query(Long.class)
                .single();
    }

    List<Candidate> activeReps(String team) {
        return jdbc.sql("""
                select r.user_id, r.last_assigned, r.capacity,
                       (select count(*) from leads l where l.owner = r.user_id and l.stage in ('MQL', 'SAL')) as open
                  from reps r where r.team_id = ? and r.active order by r.last_assigned, r.user_id""")
                .param(team)
                .query((rs, n) -> new Candidate(rs.getString("user_id"), rs.getLong("last_assigned"),
                        rs.getInt("open"), rs.getInt("capacity")))
                .list();
    }

    Optional<String> teamOf(String rep) {
        return jdbc.sql("select team_id from reps where user_id = ?").param(rep).query(String.class).optional();
    }

    void markAssigned(String team, String rep, long sequence) {
        jdbc.sql("update teams set rr_sequence = ? where id = ?").params(sequence, team).update();
        jdbc.sql("update reps set last_assigned = ? where user_id = ?").params(sequence, rep).update();
    }
}
