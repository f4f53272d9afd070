package org.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadhandoff.support.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The round robin on the real schema (Flyway migrations) of H2 and of a real PostgreSQL, without a
 * Spring context: capacity holds under concurrent assignments, the position survives a restart,
 * leave counts in the team's time zone. Each test builds its own team, so the databases can be shared.
 */
class RepRouterDatabaseTest {

    /** 11:00 UTC on 23 November 2026: already 24 November in Auckland. */
    private static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");
    private static final AtomicInteger TEAMS = new AtomicInteger();
    private static final Map<String, HikariDataSource> DATABASES = new java.util.concurrent.ConcurrentHashMap<>();

    /** One database, migrated once, and a router over it as the application would build it. */
    private record Db(JdbcClient jdbc, TransactionTemplate tx, HikariDataSource dataSource) {

        RepRouter router() {
            return new RepRouter(new Teams(jdbc), null, Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }

    private static Db db(String kind) {
        HikariDataSource ds = DATABASES.computeIfAbsent(kind, k -> {
            HikariConfig config = new HikariConfig();
            if (k.equals("postgres")) {
                config.setJdbcUrl(EmbeddedPostgres.url("routing"));
                config.setUsername("postgres");
                config.setPassword("postgres");
            } else {
                config.setJdbcUrl("jdbc:h2:mem:routing;MODE=LEGACY;DB_CLOSE_DELAY=-1");
                config.setUsername("sa");
            }
            config.setMaximumPoolSize(8);
            HikariDataSource created = new HikariDataSource(config);
            Flyway.configure().dataSource(created).load().migrate();
            return created;
        });
        return new Db(JdbcClient.create(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)), ds);
    }

    @AfterAll
    static void close() {
        DATABASES.values().forEach(HikariDataSource::close);
        DATABASES.clear();
    }

    private static String team(Db db, String timeZone, Object[]... reps) {
        String team = "t" + TEAMS.incrementAndGet() + "-" + System.nanoTime() % 100000;
        SalesTeams teams = new SalesTeams(db.jdbc());
        teams.defineTeam(team, team, timeZone, "maria");
        for (Object[] rep : reps) {
            teams.defineRep(team + "-" + rep[0], team, (Integer) rep[1], (Integer) rep[2]);
        }
        return team;
    }

    private static Object[] rep(String name, int weight, int capacity) {
        return new Object[] {name, weight, capacity};
    }

    private static String newLead(Db db) {
        String id = UUID.randomUUID().toString();
        db.jdbc().sql("""
                insert into leads (id, email, stage, created_at, updated_at) values (?, ?, 'MQL', ?, ?)""")
                .params(id, id + "@acme.example", NOW.atOffset(ZoneOffset.UTC), NOW.atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    /** What Task_AssignRep does in one transaction: pick the rep and make them the owner. */
    private static Optional<String> assign(Db db, RepRouter router, String team, String lead) {
        return db.tx().execute(s -> {
            Optional<String> rep = router.nextRep(team, Set.of());
            rep.ifPresent(r -> db.jdbc().sql("update leads set owner = ? where id = ?").params(r, lead).update());
            return rep;
        });
    }

    private static Map<String, Long> owned(Db db, String team) {
        return db.jdbc().sql("""
                select l.owner from leads l join reps r on r.user_id = l.owner
                 where r.team_id = ? and l.stage in ('MQL', 'SAL')""")
                .param(team).query(String.class).list().stream()
                .collect(Collectors.groupingBy(o -> o.substring(o.lastIndexOf('-') + 1), Collectors.counting()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void concurrentAssignmentsNeverExceedCapacity(String kind) throws Exception {
        Db db = db(kind);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                String team = team(db, "UTC", rep("alice", 1, 1), rep("bob", 1, 1));
                List<String> leads = List.of(newLead(db), newLead(db), newLead(db), newLead(db));
                CyclicBarrier start = new CyclicBarrier(leads.size());
                List<Future<Optional<String>>> results = new ArrayList<>();
                for (String lead : leads) {
                    RepRouter router = db.router(); // as if on four application nodes
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return assign(db, router, team, lead);
                    }));
                }
                List<String> assigned = new ArrayList<>();
                for (Future<Optional<String>> f : results) {
                    f.get(30, TimeUnit.SECONDS).ifPresent(assigned::add);
                }
                // two reps with room for one lead each: two leads placed, two left for the team queue
                assertThat(assigned).as("round %d", round).hasSize(2).doesNotHaveDuplicates();
                assertThat(owned(db, team)).as("round %d", round).containsOnly(Map.entry("alice", 1L),
                        Map.entry("bob", 1L));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void thePositionSurvivesARestart(String kind) {
        Db db = db(kind);
        String team = team(db, "UTC", rep("a", 1, 50), rep("b", 1, 50), rep("c", 1, 50));
        RepRouter before = db.router();
        assertThat(assign(db, before, team, newLead(db))).contains(team + "-a");
        assertThat(assign(db, before, team, newLead(db))).contains(team + "-b");

        // a new node (or the same one restarted): fresh objects, only the database remembers
        Db restarted = new Db(JdbcClient.create(db.dataSource()), db.tx(), db.dataSource());
        RepRouter after = restarted.router();
        assertThat(assign(restarted, after, team, newLead(restarted))).contains(team + "-c");
        assertThat(assign(restarted, after, team, newLead(restarted))).contains(team + "-a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void repsOnLeaveInTheTeamsTimeZoneInactiveFullOrExcludedAreSkipped(String kind) {
        Db db = db(kind);
        // 11:00 UTC on 23 November is 24 November in Auckland: leave on the 24th counts, on the 23rd not
        String team = team(db, "Pacific/Auckland", rep("away", 5, 50), rep("back", 1, 50), rep("off", 5, 50),
                rep("full", 5, 1), rep("had", 5, 50), rep("free", 1, 50));
        db.jdbc().sql("insert into rep_leave (user_id, first_day, last_day) values (?, ?, ?)")
                .params(team + "-away", Date.valueOf(LocalDate.of(2026, 11, 24)), Date.valueOf(LocalDate.of(2026, 12, 2)))
                .update();
        db.jdbc().sql("insert into rep_leave (user_id, first_day, last_day) values (?, ?, ?)")
                .params(team + "-back", Date.valueOf(LocalDate.of(2026, 11, 16)), Date.valueOf(LocalDate.of(2026, 11, 23)))
                .update();
        db.jdbc().sql("update reps set active = false where user_id = ?").param(team + "-off").update();
        String held = newLead(db);
        db.jdbc().sql("update leads set owner = ? where id = ?").params(team + "-full", held).update();

        RepRouter router = db.router();
        List<String> got = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            String lead = newLead(db);
            got.add(db.tx().execute(s -> {
                Optional<String> rep = router.nextRep(team, Set.of(team + "-had"));
                rep.ifPresent(r -> db.jdbc().sql("update leads set owner = ? where id = ?").params(r, lead).update());
                return rep.orElseThrow();
            }));
        }
        assertThat(got).containsOnly(team + "-back", team + "-free");
        assertThat(got.stream().filter((team + "-back")::equals).count()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void nobodyFreeMeansTheTeamQueue(String kind) {
        Db db = db(kind);
        String team = team(db, "UTC", rep("only", 1, 0));
        assertThat(assign(db, db.router(), team, newLead(db))).isEmpty();
    }
}
