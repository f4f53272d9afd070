package org.leadhandoff.dashboard;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A race made deterministic on PostgreSQL: the given PL/pgSQL statements run once, right after the
 * first {@code delete} on a table, inside the deleting transaction, as another transaction that
 * committed at that moment would have acted.
 */
final class AfterFirstDelete {

    private final JdbcClient jdbc;

    private AfterFirstDelete(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Arms the trigger; {@code declare} may be empty, {@code statements} end with a semicolon. */
    static AfterFirstDelete on(JdbcClient jdbc, String table, String declare, String statements) {
        jdbc.sql("create table race_armed (armed boolean)").update();
        jdbc.sql("insert into race_armed values (true)").update();
        jdbc.sql("create function race_meanwhile() returns trigger language plpgsql as $$ " + declare
                + " begin if exists (select 1 from race_armed) then delete from race_armed; " + statements
                + " end if; return null; end $$").update();
        jdbc.sql("create trigger race_meanwhile after delete on " + table
                + " for each statement execute function race_meanwhile()").update();
        return new AfterFirstDelete(jdbc);
    }

    boolean fired() {
        return jdbc.sql("select count(*) from race_armed").query(Integer.class).single() == 0;
    }
}
