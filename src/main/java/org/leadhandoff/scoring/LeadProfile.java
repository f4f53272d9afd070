package org.leadhandoff.scoring;

/** The parts of a lead's profile that fit scoring reads. */
public record LeadProfile(String email, String jobTitle, Integer companySize, String industry, String country) {
}
