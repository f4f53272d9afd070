package org.leadhandoff.demo;

import static org.leadhandoff.support.Db.ts;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.leadhandoff.dashboard.SlaRollup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds 90 days of finished handoffs (leads, stage history and SLA clocks, no engine instances)
 * so the manager's dashboard tells a story on first run: most leads worked in time, bob a little
 * slow, dave often late, escalations reassigned or taken over by maria. The same story every
 * time (fixed random seed), and only once: a database that has it already is left alone.
 */
@Component
@Order(1)
class DemoHistory implements ApplicationRunner {

    static final String EMAIL_DOMAIN = ".history.example";
    static final int DAYS = 90;
    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

    /** How fast a rep answers: median minutes to accept and hours to first contact, and their spread. */
    private record Pace(double acceptMinutes, double contactHours, double spread) {
    }

    private record Team(String id, ZoneId zone, LocalTime opens, LocalTime closes, List<String> reps,
            List<String> countries) {
    }

    private static final Map<String, Pace> PACE = Map.of(
            "alice", new Pace(12, 2, 0.8),
            "bob", new Pace(28, 5, 1.0),
            "carol", new Pace(15, 3, 0.8),
            "dave", new Pace(110, 14, 1.2),
            "maria", new Pace(10, 1, 0.5));
    private static final List<Team> TEAMS = List.of(
            new Team("emea", ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0), LocalTime.of(18, 0),
                    List.of("alice", "bob"), List.of("DE", "FR", "GB", "NL", "SE", "ES", "ZA", "AE")),
            new Team("amer", ZoneId.of("America/New_York"), LocalTime.of(9, 0), LocalTime.of(17, 0),
                    List.of("carol", "dave"), List.of("US", "US", "US", "CA", "BR", "MX")));
    private static final String[] FIRST = {"Ana", "Ben", "Chloe", "Diego", "Emma", "Farid", "Greta", "Hugo", "Ines",
        "Jonas", "Kara", "Liam", "Mia", "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara"};
    private static final String[] LAST = {"Alvarez", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen",
        "Ivanova", "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Olsen", "Petrov", "Rossi", "Schmidt"};
    private static final String[] COMPANY = {"Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella",
        "Hooli", "Vandelay", "Wayne Tech", "Stark Labs", "Acme", "Tyrell", "Soylent", "Cyberdyne", "Wonka"};
    private static final String[] TITLE = {"VP Sales", "Head of Marketing", "CTO", "Director of Operations",
        "Sales Manager", "Marketing Lead", "CEO", "RevOps Manager"};

    private final DemoProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final SlaRollup rollup;

    DemoHistory(DemoProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
            SlaRollup rollup) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.rollup = rollup;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled() || !properties.history()) {
            return;
        }
        Long seeded = jdbc.queryForObject("select count(*) from leads where email like ?", Long.class,
                "%" + EMAIL_DOMAIN);
        if (seeded != null && seeded > 0) {
            return;
        }
        Batch batch = tx.execute(status -> {
            Batch b = generate(clock.instant(), new Random(20261201L));
            jdbc.batchUpdate("""
                    insert into leads (id, email, first_name, last_name, company, job_title, company_size, industry,
                                       country, source, stage, score, fit_score, engagement_score, grade, priority,
                                       owner, team, handoff_id, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, 'Software', ?, 'demo history', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    b.leads);
            jdbc.batchUpdate("insert into lead_score_parts (lead_id, position, rule, points) values (?, ?, ?, ?)",
                    b.scoreParts);
            jdbc.batchUpdate("insert into lead_stage_history (lead_id, stage, at, by_user, reason) values (?, ?, ?, ?, ?)",
                    b.history);
            jdbc.batchUpdate("""
                    insert into sla_clocks (lead_id, handoff_id, kind, team, assignee, priority, started_at, due_at,
                                            reminder_at, stopped_at, stopped_by, breached_at, ended_at, outcome)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", b.clocks);
            // written straight into sla_clocks and lead_stage_history, so queued for the dashboard's daily rollups by hand
            jdbc.update("""
                    insert into sla_rollup_queue (clock_id)
                    select c.id from sla_clocks c join leads l on l.id = c.lead_id
                     where l.email like ? and c.ended_at is not null
                       and not exists (select 1 from sla_rollup_queue q where q.clock_id = c.id)""",
                    "%" + EMAIL_DOMAIN);
            jdbc.update("""
                    insert into stage_rollup_queue (history_id)
                    select h.id from lead_stage_history h join leads l on l.id = h.lead_id
                     where l.email like ?
                       and not exists (select 1 from stage_rollup_queue q where q.history_id = h.id)""",
                    "%" + EMAIL_DOMAIN);
            return b;
        });
        rollup.catchUp();
        log.info("Demo history: {} finished handoffs over the last {} days", batch.leads.size(), DAYS);
    }

    /** Rows to insert, as JDBC parameters. */
    static final class Batch {
        final List<Object[]> leads = new ArrayList<>();
        final List<Object[]> history = new ArrayList<>();
        final List<Object[]> clocks = new ArrayList<>();
        final List<Object[]> scoreParts = new ArrayList<>();

        void add(Batch other) {
            leads.addAll(other.leads);
            history.addAll(other.history);
            clocks.addAll(other.clocks);
            scoreParts.addAll(other.scoreParts);
        }
    }

    static Batch generate(Instant now, Random random) {
        Batch batch = new Batch();
        int n = 0;
        for (Team team : TEAMS) {
            LocalDate today = now.atZone(team.zone()).toLocalDate();
            int turn = 0;
            for (LocalDate day = today.minusDays(DAYS); day.isBefore(today); day = day.plusDays(1)) {
                boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
                int count = weekend ? random.nextInt(3) : 12 + random.nextInt(10);
                for (int i = 0; i < count; i++) {
                    long open = Duration.between(team.opens(), team.closes()).toSeconds();
                    Instant start = day.atTime(team.opens()).atZone(team.zone()).toInstant()
                            .plusSeconds((long) (random.nextDouble() * open));
                    String rep = team.reps().get(turn++ % team.reps().size());
                    Batch one = new Batch();
                    Handoff handoff = new Handoff(one, random, team, ++n, start);
                    handoff.run(rep);
                    // history only: a handoff that would still be running now is left out
                    if (handoff.latest.isBefore(now)) {
                        batch.add(one);
                    }
                }
            }
        }
        return batch;
    }

    /** One lead's handoff from MQL to its end, written as the process would have recorded it. */
    private static final class Handoff {
        private final Batch batch;
        private final Random random;
        private final Team team;
        private final String leadId = UUID.randomUUID().toString();
        private final String handoffId = UUID.randomUUID().toString();
        private final Instant qualifiedAt;
        private final String priority;
        private final int number;
        private String stage = "MQL";
        private String owner;
        private Instant last;
        private Instant latest;

        Handoff(Batch batch, Random random, Team team, int number, Instant qualifiedAt) {
            this.batch = batch;
            this.random = random;
            this.team = team;
            this.number = number;
            this.qualifiedAt = qualifiedAt;
            double p = random.nextDouble();
            this.priority = p < 0.25 ? "HIGH" : p < 0.8 ? "NORMAL" : "LOW";
            this.last = qualifiedAt;
            this.latest = qualifiedAt;
        }

        void run(String rep) {
            history("MQL", qualifiedAt, null, "HIGH".equals(priority) ? "Hand-raiser: DEMO_REQUESTED"
                    : "Score " + (100 + random.nextInt(60)) + " reached the MQL bar");
            offer(rep, qualifiedAt, false);
            lead();
        }

        private void offer(String rep, Instant at, boolean secondTry) {
            owner = rep;
            Duration window = accept();
            Instant due = at.plus(window);
            Instant decided = at.plus(minutes(pace(rep).acceptMinutes() * (secondTry ? 0.3 : 1), pace(rep).spread()));
            if (!secondTry && decided.isAfter(due)) {
                clock("ACCEPT", rep, at, due, null, due, due, null);
                Instant resolved = due.plus(minutes(35, 0.7));
                boolean takeOver = random.nextDouble() < 0.25;
                clock("ESCALATION", "maria", due, due.plus(escalation()), resolved, null, resolved,
                        takeOver ? "TAKE_OVER" : "REASSIGN");
                if (takeOver) {
                    owner = "maria";
                    accepted("maria", resolved);
                } else {
                    offer(team.reps().stream().filter(r -> !r.equals(rep)).findFirst().orElse(rep), resolved, true);
                }
                return;
            }
            if (decided.isAfter(due)) {
                decided = due.minusSeconds(60);
            }
            double r = random.nextDouble();
            String outcome = r < 0.05 ? "NOT_A_FIT" : r < 0.09 ? "NOT_READY" : r < 0.11 ? "DUPLICATE" : "ACCEPTED";
            clock("ACCEPT", rep, at, due, decided, null, decided, outcome);
            switch (outcome) {
                case "ACCEPTED" -> accepted(rep, decided);
                case "NOT_READY" -> end("RECYCLED", decided, rep, "NOT_READY");
                default -> end("DISQUALIFIED", decided, rep, outcome);
            }
        }

        private void accepted(String rep, Instant at) {
            history("SAL", at, rep, null);
            stage = "SAL";
            Instant due = at.plus(followUp());
            Instant contact = at.plus(hours(pace(rep).contactHours(), pace(rep).spread()));
            double r = random.nextDouble();
            String outcome = r < 0.5 ? "QUALIFIED" : r < 0.72 ? "NOT_READY" : r < 0.87 ? "UNQUALIFIED" : "NO_ANSWER";
            clock("FOLLOW_UP", rep, at, due, contact, contact.isAfter(due) ? due : null, contact, outcome);
            Instant end = contact.plus(minutes(20, 0.5));
            switch (outcome) {
                case "QUALIFIED" -> end("SQL", end, rep, null);
                case "UNQUALIFIED" -> end("DISQUALIFIED", end, rep, "UNQUALIFIED");
                case "NO_ANSWER" -> end("RECYCLED", end.plus(Duration.ofDays(2)), rep, "NO_ANSWER");
                default -> end("RECYCLED", end, rep, "NOT_READY");
            }
        }

        private void end(String to, Instant at, String by, String reason) {
            history(to, at, by, reason);
            stage = to;
        }

        private Duration accept() {
            return switch (priority) {
                case "HIGH" -> Duration.ofHours(1);
                case "NORMAL" -> Duration.ofHours(4);
                default -> Duration.ofHours(24);
            };
        }

        private Duration followUp() {
            return switch (priority) {
                case "HIGH" -> Duration.ofHours(4);
                case "NORMAL" -> Duration.ofHours(24);
                default -> Duration.ofHours(72);
            };
        }

        private Duration escalation() {
            return "LOW".equals(priority) ? Duration.ofHours(8) : Duration.ofHours("HIGH".equals(priority) ? 1 : 4);
        }

        private static Instant later(Instant a, Instant b) {
            return b == null || a.isAfter(b) ? a : b;
        }

        private static Pace pace(String rep) {
            return PACE.get(rep);
        }

        /** A log-normal duration around {@code median}: most answers quick, a long tail of slow ones. */
        private Duration minutes(double median, double spread) {
            return Duration.ofSeconds((long) (median * 60 * Math.exp(spread * random.nextGaussian())) + 30);
        }

        private Duration hours(double median, double spread) {
            return minutes(median * 60, spread);
        }

        private void clock(String kind, String assignee, Instant start, Instant due, Instant stopped, Instant breached,
                Instant ended, String outcome) {
            Instant reminder = start.plus(Duration.between(start, due).multipliedBy(3).dividedBy(4));
            latest = later(latest, later(due, ended));
            batch.clocks.add(new Object[] {leadId, handoffId, kind, team.id(), assignee, priority, ts(start), ts(due),
                ts(reminder), ts(stopped), stopped == null ? null : assignee, ts(breached), ts(ended), outcome});
        }

        private void history(String to, Instant at, String by, String reason) {
            batch.history.add(new Object[] {leadId, to, ts(at), by, reason});
            last = at;
            latest = later(latest, at);
        }

        private void lead() {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            String company = COMPANY[random.nextInt(COMPANY.length)];
            String country = team.countries().get(random.nextInt(team.countries().size()));
            int fit = 40 + random.nextInt(50);
            int engagement = 60 + random.nextInt(80);
            String grade = fit >= 60 ? "A" : fit >= 35 ? "B" : "C";
            String email = (first + "." + last + number).toLowerCase(java.util.Locale.ROOT) + "@"
                    + company.toLowerCase(java.util.Locale.ROOT).replace(" ", "") + EMAIL_DOMAIN;
            batch.leads.add(new Object[] {leadId, email, first, last, company, TITLE[random.nextInt(TITLE.length)],
                50 + random.nextInt(4000), country, stage, fit + engagement, fit, engagement, grade, priority, owner,
                team.id(), handoffId, ts(qualifiedAt.minus(Duration.ofDays(1 + random.nextInt(30)))), ts(this.last)});
            batch.scoreParts.add(new Object[] {leadId, 0, "Profile fit (demo history)", fit});
            batch.scoreParts.add(new Object[] {leadId, 1, "Engagement (demo history)", engagement});
        }
    }
}
