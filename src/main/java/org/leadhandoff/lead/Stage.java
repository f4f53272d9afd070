package org.leadhandoff.lead;

/** Where a lead stands between marketing and sales. */
public enum Stage {
    /** In marketing's nurture. */
    LEAD,
    /** Marketing qualified: handed to sales, waiting for a rep to accept. */
    MQL,
    /** Sales accepted: a rep owns it and must call. */
    SAL,
    /** Sales qualified: discovery call done, handed to the CRM. */
    SQL,
    /** Back to nurture, with a reason; may qualify again. */
    RECYCLED,
    /** Not a prospect, with a reason. */
    DISQUALIFIED
}
