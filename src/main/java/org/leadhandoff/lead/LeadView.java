package org.leadhandoff.lead;

import java.time.Instant;
import java.util.List;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.scoring.ScorePart;
import org.leadhandoff.sla.SlaStatus;

/** A lead as the API shows it: profile, score with its explanation and history, owner, SLA and stage history. */
public record LeadView(
        String id,
        String externalId,
        String email,
        String firstName,
        String lastName,
        String company,
        String jobTitle,
        Integer companySize,
        String industry,
        String country,
        String source,
        String phone,
        Stage stage,
        int score,
        int fitScore,
        int engagementScore,
        String grade,
        List<ScorePart> scoreBreakdown,
        String owner,
        String team,
        String priority,
        SlaStatus sla,
        List<HistoryEntry> history,
        Instant createdAt,
        Instant updatedAt,
        List<ScoreChange> scoreHistory) {

    /**
     * One change of the score, newest first: the new score, by how much it moved, why (the
     * activity that came in, a profile update, decay over time, new rules) and its explanation then.
     */
    public record ScoreChange(Instant at, int score, int change, String cause, ActivityType activity,
            String activityId, List<ScorePart> parts) {
    }

    /** One stage change: which stage, when, by whom, and why. */
    public record HistoryEntry(Stage stage, Instant at, String by, String reason) {
    }

    static LeadView of(Lead l, List<ScorePart> breakdown, SlaStatus sla, List<HistoryEntry> history,
            List<ScoreChange> scoreHistory) {
        return new LeadView(l.id(), l.externalId(), l.email(), l.firstName(), l.lastName(), l.company(),
                l.jobTitle(), l.companySize(), l.industry(), l.country(), l.source(), l.phone(), l.stage(),
                l.score(), l.fitScore(), l.engagementScore(), l.grade(), breakdown, l.owner(), l.team(),
                l.priority(), sla, history, l.createdAt(), l.updatedAt(), scoreHistory);
    }
}
