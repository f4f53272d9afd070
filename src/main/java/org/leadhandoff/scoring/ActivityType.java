package org.leadhandoff.scoring;

/** What a lead did, as reported by marketing systems. */
public enum ActivityType {
    PAGE_VIEW,
    PRICING_PAGE_VIEW,
    CONTENT_DOWNLOAD,
    EMAIL_OPEN,
    EMAIL_CLICK,
    NEWSLETTER_SIGNUP,
    WEBINAR_ATTENDED,
    FORM_SUBMITTED,
    TRIAL_STARTED,
    DEMO_REQUESTED,
    CONTACT_SALES,
    CAREERS_PAGE_VIEW,
    UNSUBSCRIBED,
    EMAIL_BOUNCED,
    MEETING_BOOKED;

    /** Hand-raisers ask for sales themselves: the lead becomes an MQL whatever its score. */
    public boolean isHandRaiser() {
        return this == DEMO_REQUESTED || this == CONTACT_SALES;
    }
}
