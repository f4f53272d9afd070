package org.leadhandoff.scoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scoring settings: the score at which a lead becomes a Marketing Qualified Lead, how long a
 * recycled lead rests before its score may qualify it again, and the re-scoring of fading
 * engagement (how often, how many leads per database round trip).
 */
@ConfigurationProperties("handoff.scoring")
public record ScoringProperties(
        @DefaultValue("100") int mqlThreshold,
        @DefaultValue("P30D") Duration recycleCoolDown,
        @DefaultValue Decay decay) {

    @ConstructorBinding
    public ScoringProperties {
    }

    public ScoringProperties(int mqlThreshold) {
        this(mqlThreshold, Duration.ofDays(30), new Decay(Duration.ofHours(1), 500));
    }

    /** The time-based re-scoring of leads whose engagement fades. */
    public record Decay(@DefaultValue("PT1H") Duration interval, @DefaultValue("500") int batchSize) {
    }
}
