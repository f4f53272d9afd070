package org.leadhandoff.reliability;

/** The races on H2, the zero-set-up database. */
class ConcurrencyH2Test extends ConcurrencyContract {

    @Override
    long blockedSessions() {
        return sql().queryForObject("select count(*) from information_schema.sessions where blocker_id is not null",
                Long.class);
    }
}
