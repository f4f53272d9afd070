package org.leadhandoff.scoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Scoring settings: the score at which a lead becomes a Marketing Qualified Lead. */
@ConfigurationProperties("handoff.scoring")
public record ScoringProperties(@DefaultValue("100") int mqlThreshold) {
}
