package org.leadhandoff.lead;

import java.time.Instant;
import org.leadhandoff.scoring.LeadProfile;

/** A lead as stored. */
public record Lead(
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
        String priority,
        String owner,
        String team,
        String handoffId,
        Instant createdAt,
        Instant updatedAt) {

    public LeadProfile profile() {
        return new LeadProfile(email, jobTitle, companySize, industry, country);
    }

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? email : name;
    }
}
