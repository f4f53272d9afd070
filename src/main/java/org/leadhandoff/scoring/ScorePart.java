package org.leadhandoff.scoring;

/** One line of a score's explanation: which rule gave how many points. */
public record ScorePart(String rule, int points) {
}
