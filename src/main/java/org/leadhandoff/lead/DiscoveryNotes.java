package org.leadhandoff.lead;

/** What a rep captured on a discovery call: BANT (budget, authority, need, timeline) and notes. */
public record DiscoveryNotes(String budget, String authority, String need, String timeline, String notes) {

    public static final DiscoveryNotes NONE = new DiscoveryNotes(null, null, null, null, null);
}
