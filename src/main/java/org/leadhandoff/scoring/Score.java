package org.leadhandoff.scoring;

import java.util.List;

/** A lead's score with its explanation; the parts add up to {@link #total()}. */
public record Score(int fit, int engagement, char grade, Priority priority, List<ScorePart> parts) {

    public int total() {
        return fit + engagement;
    }
}
