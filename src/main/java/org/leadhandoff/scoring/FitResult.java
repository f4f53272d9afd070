package org.leadhandoff.scoring;

import java.util.List;

/** Fit points from the profile, the grade they make and the rules that gave them. */
public record FitResult(int fit, char grade, List<ScorePart> parts) {
}
