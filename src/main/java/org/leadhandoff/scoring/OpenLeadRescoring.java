package org.leadhandoff.scoring;

/**
 * Re-scores open leads in bulk: all of them with the rules now deployed (after ops changed
 * them), or just those whose engagement fades with time. Implemented where the leads live.
 */
public interface OpenLeadRescoring {

    /** Re-evaluates every open lead's profile and activities with the current rules. */
    Rescored rescoreOpenLeads();

    /** Re-computes the decayed engagement of open leads holding fading activity. */
    Rescored rescoreDecaying();

    /** How many leads were re-scored and how many of those got a different score. */
    record Rescored(int rescored, int changed) {
    }
}
