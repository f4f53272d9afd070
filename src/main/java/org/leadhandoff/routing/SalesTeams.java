package org.leadhandoff.routing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Defines teams and their reps (used by demo data now, by the managers' pages later). */
@Service
public class SalesTeams {

    private final JdbcClient jdbc;

    SalesTeams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the team unless it exists. */
    @Transactional
    public void defineTeam(String id, String name, String timeZone, String manager) {
        if (jdbc.sql("select count(*) from teams where id = ?").param(id).query(Long.class).single() == 0) {
            jdbc.sql("insert into teams (id, name, time_zone, manager) values (?, ?, ?, ?)")
                    .params(id, name, timeZone, manager).update();
        }
    }

    /** Creates the rep unless they exist. */
    @Transactional
    public void defineRep(String userId, String team, int weight, int capacity) {
        if (jdbc.sql("select count(*) from reps where user_id = ?").param(userId).query(Long.class).single() == 0) {
            jdbc.sql("insert into reps (user_id, team_id, weight, capacity) values (?, ?, ?, ?)")
                    .params(userId, team, weight, capacity).update();
        }
    }
}
