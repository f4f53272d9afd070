package org.leadhandoff.lead;

import static org.leadhandoff.support.Db.instant;
import static org.leadhandoff.support.Db.integer;
import static org.leadhandoff.support.Db.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadhandoff.scoring.ActivityPoints;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.scoring.Score;
import org.leadhandoff.scoring.ScorePart;
import org.leadhandoff.scoring.ScoredActivity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The leads, their activities, score parts and stage history. */
@Repository
class Leads {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    Leads(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    Optional<Lead> byId(String id) {
        return jdbc.sql("select * from leads where id = ?").param(id).query(Leads::map).optional();
    }

    /** Reads the lead and locks its row until the transaction ends, so activities of one lead queue up. */
    Optional<Lead> lock(String id) {
        return jdbc.sql("select * from leads where id = ? for update").param(id).query(Leads::map).optional();
    }

    Optional<Lead> byExternalId(String externalId) {
        return jdbc.sql("select * from leads where external_id = ?").param(externalId).query(Leads::map).optional();
    }

    Optional<Lead> byEmail(String email) {
        return jdbc.sql("select * from leads where email = ?").param(email).query(Leads::map).optional();
    }

    void insert(String id, LeadInput in, Instant now) {
        jdbc.sql("""
                insert into leads (id, external_id, email, first_name, last_name, company, job_title, company_size,
                                   industry, country, source, phone, stage, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, in.externalId(), in.email(), in.firstName(), in.lastName(), in.company(), in.jobTitle(),
                        in.companySize(), in.industry(), in.country(), in.source(), in.phone(), Stage.LEAD.name(),
                        ts(now), ts(now))
                .update();
    }

    /** Overwrites the profile with every field the input carries; absent fields keep their value. */
    void updateProfile(String id, LeadInput in, Instant now) {
        jdbc.sql("""
                update leads set external_id = coalesce(?, external_id), email = ?,
                       first_name = coalesce(?, first_name), last_name = coalesce(?, last_name),
                       company = coalesce(?, company), job_title = coalesce(?, job_title),
                       company_size = coalesce(?, company_size), industry = coalesce(?, industry),
                       country = coalesce(?, country), source = coalesce(?, source), phone = coalesce(?, phone),
                       updated_at = ?
                 where id = ?""")
                .params(in.externalId(), in.email(), in.firstName(), in.lastName(), in.company(), in.jobTitle(),
                        in.companySize(), in.industry(), in.country(), in.source(), in.phone(), ts(now), id)
                .update();
    }

    /** A lead's new score, its previous total and what caused the change, for the score history. */
    record ScoreChange(String leadId, Score score, int previous, String cause, ActivityType activityType,
            String activityKey, String partsJson) {
    }

    /**
     * Stores new scores with their explanations and one score-history row each, in a few batched
     * statements however many leads change at once.
     */
    void saveScores(List<ScoreChange> changes, Instant now) {
        // a lead in handoff keeps the priority routing gave it (LeadRouting may raise it), which its SLA runs on
        if (changes.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                update leads set score = ?, fit_score = ?, engagement_score = ?, grade = ?,
                       priority = case when stage in ('MQL', 'SAL') and priority is not null then priority else ? end,
                       scored_at = ?, updated_at = ? where id = ?""",
                changes.stream().map(c -> new Object[] {c.score().total(), c.score().fit(), c.score().engagement(),
                        String.valueOf(c.score().grade()), c.score().priority().name(), ts(now), ts(now), c.leadId()})
                        .toList());
        batch.batchUpdate("delete from lead_score_parts where lead_id = ?",
                changes.stream().map(c -> new Object[] {c.leadId()}).toList());
        List<Object[]> parts = new ArrayList<>();
        for (ScoreChange c : changes) {
            for (int i = 0; i < c.score().parts().size(); i++) {
                ScorePart part = c.score().parts().get(i);
                parts.add(new Object[] {c.leadId(), i, part.rule(), part.points()});
            }
        }
        if (!parts.isEmpty()) {
            batch.batchUpdate("insert into lead_score_parts (lead_id, position, rule, points) values (?, ?, ?, ?)",
                    parts);
        }
        batch.batchUpdate("""
                insert into lead_score_history (lead_id, at, score, score_change, fit_score, engagement_score, grade,
                                                priority, cause, activity_type, activity_key, parts)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                changes.stream().map(c -> new Object[] {c.leadId(), ts(now), c.score().total(),
                        c.score().total() - c.previous(), c.score().fit(), c.score().engagement(),
                        String.valueOf(c.score().grade()), c.score().priority().name(), c.cause(),
                        c.activityType() == null ? null : c.activityType().name(), c.activityKey(), c.partsJson()})
                        .toList());
    }

    /** Notes that leads were re-scored without their score changing. */
    void markScored(Collection<String> ids, Instant now) {
        if (!ids.isEmpty()) {
            jdbc.sql("update leads set scored_at = :now where id in (:ids)").param("now", ts(now))
                    .param("ids", List.copyOf(ids)).update();
        }
    }

    List<ScorePart> scoreParts(String id) {
        return jdbc.sql("select rule, points from lead_score_parts where lead_id = ? order by position")
                .param(id)
                .query((rs, n) -> new ScorePart(rs.getString("rule"), rs.getInt("points")))
                .list();
    }

    /** The current explanation of each of these leads (leads without parts are absent). */
    Map<String, List<ScorePart>> scoreParts(Collection<String> ids) {
        Map<String, List<ScorePart>> parts = new LinkedHashMap<>();
        jdbc.sql("select lead_id, rule, points from lead_score_parts where lead_id in (:ids) order by lead_id, position")
                .param("ids", List.copyOf(ids))
                .query(rs -> {
                    parts.computeIfAbsent(rs.getString("lead_id"), k -> new ArrayList<>())
                            .add(new ScorePart(rs.getString("rule"), rs.getInt("points")));
                });
        return parts;
    }

    /** A score change as the history shows it; {@code parts} is the explanation as JSON. */
    record HistoryRow(Instant at, int score, int change, String cause, String activityType, String activityKey,
            String parts) {
    }

    /** The lead's score changes, newest first (at most {@code limit}). */
    List<HistoryRow> scoreHistory(String id, int limit) {
        return jdbc.sql("""
                select at, score, score_change, cause, activity_type, activity_key, parts from lead_score_history
                 where lead_id = ? order by id desc""")
                .param(id)
                .query((rs, n) -> new HistoryRow(instant(rs, "at"), rs.getInt("score"), rs.getInt("score_change"),
                        rs.getString("cause"), rs.getString("activity_type"), rs.getString("activity_key"),
                        rs.getString("parts")))
                .stream().limit(limit).toList();
    }

    /**
     * The next {@code limit} leads after {@code afterId} (by id) in one of {@code stages}; with
     * {@code decayingOnly} just those holding an activity whose points fade.
     */
    List<String> leadIdsAfter(String afterId, List<Stage> stages, boolean decayingOnly, int limit) {
        String decaying = decayingOnly
                ? " and exists (select 1 from lead_activities a where a.lead_id = l.id and a.half_life_days is not null)"
                : "";
        return jdbc.sql("select l.id from leads l where l.stage in (:stages) and l.id > :after" + decaying
                        + " order by l.id limit :limit")
                .param("stages", stages.stream().map(Stage::name).toList())
                .param("after", afterId)
                .param("limit", limit)
                .query(String.class).list();
    }

    /** Reads and locks these leads, so no activity changes them while they are re-scored. */
    List<Lead> lockAll(Collection<String> ids) {
        return jdbc.sql("select * from leads where id in (:ids) order by id for update").param("ids", List.copyOf(ids))
                .query(Leads::map).list();
    }

    /** When the lead was last recycled, if ever. */
    Optional<Instant> recycledAt(String id) {
        return jdbc.sql("select max(at) as at from lead_stage_history where lead_id = ? and stage = ?")
                .params(id, Stage.RECYCLED.name())
                .query((rs, n) -> instant(rs, "at")).optional();
    }

    boolean hasActivity(String leadId, String activityKey) {
        return jdbc.sql("select count(*) from lead_activities where lead_id = ? and activity_key = ?")
                .params(leadId, activityKey).query(Long.class).single() > 0;
    }

    void insertActivity(String leadId, ActivityInput in, ActivityPoints points, String properties,
            Instant occurredAt, Instant now) {
        jdbc.sql("""
                insert into lead_activities (lead_id, activity_key, type, occurred_at, received_at, points,
                                             half_life_days, daily_cap, rule, properties)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(leadId, in.id(), in.type().name(), ts(occurredAt), ts(now), points.points(),
                        points.halfLifeDays(), points.dailyCap(), points.rule(), properties)
                .update();
    }

    /** An activity as stored, with the properties the engagement rules read (JSON). */
    record StoredActivity(long id, String leadId, ScoredActivity scored, String properties) {
    }

    List<ScoredActivity> scoredActivities(String leadId) {
        return storedActivities(List.of(leadId)).getOrDefault(leadId, List.of()).stream()
                .map(StoredActivity::scored).toList();
    }

    /** The activities of these leads, each lead's in the order they happened. */
    Map<String, List<StoredActivity>> storedActivities(Collection<String> leadIds) {
        Map<String, List<StoredActivity>> byLead = new LinkedHashMap<>();
        jdbc.sql("""
                select id, lead_id, type, occurred_at, points, half_life_days, daily_cap, rule, properties
                  from lead_activities where lead_id in (:ids) order by lead_id, occurred_at, id""")
                .param("ids", List.copyOf(leadIds))
                .query(rs -> {
                    ActivityType type = ActivityType.valueOf(rs.getString("type"));
                    String rule = rs.getString("rule");
                    ActivityPoints points = new ActivityPoints(rs.getInt("points"), integer(rs, "half_life_days"),
                            integer(rs, "daily_cap"), rule == null ? type.name() : rule);
                    byLead.computeIfAbsent(rs.getString("lead_id"), k -> new ArrayList<>())
                            .add(new StoredActivity(rs.getLong("id"), rs.getString("lead_id"),
                                    new ScoredActivity(type, instant(rs, "occurred_at"), points),
                                    rs.getString("properties")));
                });
        return byLead;
    }

    /** Stores what the current engagement rules give these activities. */
    void updateActivityPoints(Map<Long, ActivityPoints> points) {
        if (points.isEmpty()) {
            return;
        }
        batch.batchUpdate("update lead_activities set points = ?, half_life_days = ?, daily_cap = ?, rule = ? where id = ?",
                points.entrySet().stream().map(e -> new Object[] {e.getValue().points(), e.getValue().halfLifeDays(),
                        e.getValue().dailyCap(), e.getValue().rule(), e.getKey()}).toList());
    }

    /** Moves the lead to {@code to} only from one of {@code from}; false when it was elsewhere. */
    boolean changeStage(String id, List<Stage> from, Stage to, Instant now) {
        return jdbc.sql("update leads set stage = :to, updated_at = :now where id = :id and stage in (:from)")
                .param("to", to.name())
                .param("now", ts(now))
                .param("id", id)
                .param("from", from.stream().map(Stage::name).toList())
                .update() == 1;
    }

    /** Records a stage change, queued in the same transaction for the dashboard's stage rollup (V9). */
    void appendHistory(String id, Stage stage, Instant at, String by, String reason) {
        org.springframework.jdbc.support.KeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into lead_stage_history (lead_id, stage, at, by_user, reason) values (?, ?, ?, ?, ?)")
                .params(id, stage.name(), ts(at), by, reason)
                .update(key, "id");
        jdbc.sql("insert into stage_rollup_queue (history_id) values (?)").param(key.getKey().longValue()).update();
    }

    List<LeadView.HistoryEntry> history(String id) {
        return jdbc.sql("select stage, at, by_user, reason from lead_stage_history where lead_id = ? order by id")
                .param(id)
                .query((rs, n) -> new LeadView.HistoryEntry(Stage.valueOf(rs.getString("stage")), instant(rs, "at"),
                        rs.getString("by_user"), rs.getString("reason")))
                .list();
    }

    void setHandoff(String id, String handoffId) {
        jdbc.sql("update leads set handoff_id = ? where id = ?").params(handoffId, id).update();
    }

    void setTeam(String id, String team) {
        jdbc.sql("update leads set team = ? where id = ?").params(team, id).update();
    }

    void setTeamAndPriority(String id, String team, String priority) {
        jdbc.sql("update leads set team = ?, priority = ? where id = ?").params(team, priority, id).update();
    }

    void setOwner(String id, String owner) {
        jdbc.sql("update leads set owner = ? where id = ?").params(owner, id).update();
    }

    void insertCall(String leadId, String handoffId, int attempt, String outcome, DiscoveryNotes notes, Instant at,
            String by) {
        jdbc.sql("""
                insert into discovery_calls (lead_id, handoff_id, attempt, outcome, budget, authority, need, timeline,
                                             notes, at, by_user)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(leadId, handoffId, attempt, outcome, notes.budget(), notes.authority(), notes.need(),
                        notes.timeline(), notes.notes(), ts(at), by)
                .update();
    }

    List<LeadService.Activity> activities(String leadId, int limit) {
        return jdbc.sql("""
                select type, occurred_at, points from lead_activities
                 where lead_id = ? order by occurred_at desc, id desc""")
                .param(leadId)
                .query((rs, n) -> new LeadService.Activity(ActivityType.valueOf(rs.getString("type")),
                        instant(rs, "occurred_at"), rs.getInt("points")))
                .stream().limit(limit).toList();
    }

    List<LeadService.Call> calls(String leadId) {
        return jdbc.sql("""
                select attempt, outcome, budget, authority, need, timeline, notes, at, by_user from discovery_calls
                 where lead_id = ? order by at desc, id desc""")
                .param(leadId)
                .query((rs, n) -> new LeadService.Call(rs.getInt("attempt"), rs.getString("outcome"),
                        new DiscoveryNotes(rs.getString("budget"), rs.getString("authority"), rs.getString("need"),
                                rs.getString("timeline"), rs.getString("notes")),
                        instant(rs, "at"), rs.getString("by_user")))
                .list();
    }

    private static Lead map(ResultSet rs, int row) throws SQLException {
        return new Lead(rs.getString("id"), rs.getString("external_id"), rs.getString("email"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("company"),
                rs.getString("job_title"), integer(rs, "company_size"), rs.getString("industry"),
                rs.getString("country"), rs.getString("source"), rs.getString("phone"),
                Stage.valueOf(rs.getString("stage")), rs.getInt("score"), rs.getInt("fit_score"),
                rs.getInt("engagement_score"), rs.getString("grade"), rs.getString("priority"),
                rs.getString("owner"), rs.getString("team"), rs.getString("handoff_id"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
