package org.leadhandoff.lead;

import java.time.Instant;
import java.util.List;
import org.leadhandoff.scoring.ScorePart;
import org.leadhandoff.sla.SlaStatus;

/** A lead as the API shows it: profile, score with its explanation, owner, SLA and history. */
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
        Instant updatedAt) {

    /** One stage change: which stage, when, by whom, and why. */
    public record HistoryEntry(Stage stage, Instant at, String by, String reason) {
    }

    static LeadView of(Lead l, List<ScorePart> breakdown, SlaStatus sla, List<HistoryEntry> history) {
        return new LeadView(l.id(), l.externalId(), l.email(), l.firstName(), l.lastName(), l.company(),
                l.jobTitle(), l.companySize(), l.industry(), l.country(), l.source(), l.phone(), l.stage(),
                l.score(), l.fitScore(), l.engagementScore(), l.grade(), breakdown, l.owner(), l.team(),
                l.priority(), sla, history, l.createdAt(), l.updatedAt());
    }
}
