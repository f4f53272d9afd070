package org.leadhandoff.lead;

import static org.leadhandoff.support.Db.instant;
import static org.leadhandoff.support.Db.integer;
import static org.leadhandoff.support.Db.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.scoring.EngagementTotal;
import org.leadhandoff.scoring.Score;
import org.leadhandoff.scoring.ScorePart;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The leads, their activities, score parts and stage history. */
@Repository
class Leads {

    private final JdbcClient jdbc;

    Leads(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    void saveScore(String id, Score score, Instant now) {
        jdbc.sql("""
                update leads set score = ?, fit_score = ?, engagement_score = ?, grade = ?, priority = ?,
                       updated_at = ? where id = ?""")
                .params(score.total(), score.fit(), score.engagement(), String.valueOf(score.grade()),
                        score.priority().name(), ts(now), id)
                .update();
        jdbc.sql("delete from lead_score_parts where lead_id = ?").param(id).update();
        List<ScorePart> parts = score.parts();
        for (int i = 0; i < parts.size(); i++) {
            jdbc.sql("insert into lead_score_parts (lead_id, position, rule, points) values (?, ?, ?, ?)")
                    .params(id, i, parts.get(i).rule(), parts.get(i).points())
                    .update();
        }
    }

    List<ScorePart> scoreParts(String id) {
        return jdbc.sql("select rule, points from lead_score_parts where lead_id = ? order by position")
                .param(id)
                .query((rs, n) -> new ScorePart(rs.getString("rule"), rs.getInt("points")))
                .list();
    }

    boolean hasActivity(String leadId, String activityKey) {
        return jdbc.sql("select count(*) from lead_activities where lead_id = ? and activity_key = ?")
                .params(leadId, activityKey).query(Long.class).single() > 0;
    }

    void insertActivity(String leadId, ActivityInput in, int points, String properties, Instant occurredAt,
            Instant now) {
        jdbc.sql("""
                insert into lead_activities (lead_id, activity_key, type, occurred_at, received_at, points, properties)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(leadId, in.id(), in.type().name(), ts(occurredAt), ts(now), points, properties)
                .update();
    }

    List<EngagementTotal> engagement(String leadId) {
        return jdbc.sql("""
                select type, count(*) as n, sum(points) as points from lead_activities
                 where lead_id = ? group by type order by min(id)""")
                .param(leadId)
                .query((rs, n) -> new EngagementTotal(ActivityType.valueOf(rs.getString("type")), rs.getInt("n"),
                        rs.getInt("points")))
                .list();
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

    void appendHistory(String id, Stage stage, Instant at, String by, String reason) {
        jdbc.sql("insert into lead_stage_history (lead_id, stage, at, by_user, reason) values (?, ?, ?, ?, ?)")
                .params(id, stage.name(), ts(at), by, reason)
                .update();
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
