package org.leadhandoff.routing;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sales teams and their reps, with each team's round-robin position and each rep's leave. */
@Repository
class Teams {

    /** Leads a rep owns that still need them: routed to them but not yet a sales-qualified or closed lead. */
    static final String OPEN_STAGES = "('MQL', 'SAL')";

    private final JdbcClient jdbc;

    Teams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A team's round-robin state, read under its row lock. */
    record Position(long sequence, long floor, String timeZone) {
    }

    /** A rep as stored, with the leads they hold now. */
    record RepRow(String userId, String team, boolean active, int weight, int capacity, long pass, int openHandoffs) {
    }

    List<String> ids() {
        return jdbc.sql("select id from teams order by id").query(String.class).list();
    }

    Optional<String> manager(String team) {
        return jdbc.sql("select manager from teams where id = ?").param(team).query(String.class).optional();
    }

    /** Locks the team's round-robin position until the transaction ends and returns it. */
    Position lockPosition(String team) {
        return jdbc.sql("select rr_sequence, rr_floor, time_zone from teams where id = ? for update").param(team)
                .query((rs, n) -> new Position(rs.getLong("rr_sequence"), rs.getLong("rr_floor"),
                        rs.getString("time_zone")))
                .single();
    }

    List<RepRow> reps(String team) {
        return jdbc.sql(SELECT_REPS + " where r.team_id = ? order by r.user_id").param(team).query(REP).list();
    }

    List<RepRow> repsOf(Collection<String> teams) {
        if (teams.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT_REPS + " where r.team_id in (:teams) order by r.team_id, r.user_id")
                .param("teams", teams).query(REP).list();
    }

    Optional<RepRow> rep(String userId) {
        return jdbc.sql(SELECT_REPS + " where r.user_id = ?").param(userId).query(REP).optional();
    }

    private static final String SELECT_REPS = """
            select r.user_id, r.team_id, r.active, r.weight, r.capacity, r.rr_pass,
                   (select count(*) from leads l where l.owner = r.user_id and l.stage in %s) as open_handoffs
              from reps r""".formatted(OPEN_STAGES);

    private static final org.springframework.jdbc.core.RowMapper<RepRow> REP = Teams::rep;

    private static RepRow rep(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new RepRow(rs.getString("user_id"), rs.getString("team_id"), rs.getBoolean("active"),
                rs.getInt("weight"), rs.getInt("capacity"), rs.getLong("rr_pass"), rs.getInt("open_handoffs"));
    }

    /** Every rep's leave periods, oldest first. */
    Map<String, List<Leave>> leave(Collection<String> userIds) {
        Map<String, List<Leave>> byRep = new TreeMap<>();
        if (userIds.isEmpty()) {
            return byRep;
        }
        jdbc.sql("select user_id, first_day, last_day from rep_leave where user_id in (:reps) order by first_day, id")
                .param("reps", userIds)
                .query((rs, n) -> Map.entry(rs.getString("user_id"),
                        new Leave(rs.getDate("first_day").toLocalDate(), rs.getDate("last_day").toLocalDate())))
                .list()
                .forEach(e -> byRep.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return byRep;
    }

    /** Reps of the team away on that day. */
    List<String> onLeave(String team, LocalDate day) {
        return jdbc.sql("""
                select distinct v.user_id from rep_leave v join reps r on r.user_id = v.user_id
                 where r.team_id = ? and v.first_day <= ? and v.last_day >= ?""")
                .params(team, Date.valueOf(day), Date.valueOf(day)).query(String.class).list();
    }

    Optional<String> teamOf(String rep) {
        return jdbc.sql("select team_id from reps where user_id = ?").param(rep).query(String.class).optional();
    }

    void markAssigned(String team, String rep, long sequence, long floor, long pass) {
        jdbc.sql("update teams set rr_sequence = ?, rr_floor = ? where id = ?").params(sequence, floor, team).update();
        jdbc.sql("update reps set last_assigned = ?, rr_pass = ? where user_id = ?").params(sequence, pass, rep)
                .update();
    }

    void update(String rep, boolean active, int weight, int capacity) {
        jdbc.sql("update reps set active = ?, weight = ?, capacity = ? where user_id = ?")
                .params(active, weight, capacity, rep).update();
    }

    void replaceLeave(String rep, List<Leave> leave) {
        jdbc.sql("delete from rep_leave where user_id = ?").param(rep).update();
        for (Leave l : leave) {
            jdbc.sql("insert into rep_leave (user_id, first_day, last_day) values (?, ?, ?)")
                    .params(rep, Date.valueOf(l.from()), Date.valueOf(l.to())).update();
        }
    }

    /** Locks the rep's row, so two managers changing the same rep one after the other both count. */
    void lockRep(String rep) {
        jdbc.sql("select user_id from reps where user_id = ? for update").param(rep).query(String.class).single();
    }

    String timeZone(String team) {
        return jdbc.sql("select time_zone from teams where id = ?").param(team).query(String.class).single();
    }
}
