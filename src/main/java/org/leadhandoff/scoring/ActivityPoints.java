package org.leadhandoff.scoring;

/**
 * What the engagement rules give one activity: its points, how fast they fade ({@code null}:
 * never) and how many such points count per day at most ({@code null}: no cap), with the rule's
 * name for the explanation.
 */
public record ActivityPoints(int points, Integer halfLifeDays, Integer dailyCap, String rule) {
}
