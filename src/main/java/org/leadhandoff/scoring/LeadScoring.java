package org.leadhandoff.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Scores a lead: fit from its profile ({@code LeadFit.dmn}), engagement from its activities
 * ({@code EngagementPoints.dmn}, capped per day and fading with age), a grade and a priority, with
 * an explanation line for every rule that gave points. The rules are the latest deployed version.
 */
@Service
public class LeadScoring {

    private final ScoringProperties properties;
    private final Supplier<ScoringRules> rules;

    @Autowired
    LeadScoring(ScoringProperties properties, DeployedRules rules) {
        this(properties, (Supplier<ScoringRules>) rules::current);
    }

    /** Scoring with rules from elsewhere, e.g. {@link ScoringRules#fromFolder} in tests. */
    public LeadScoring(ScoringProperties properties, Supplier<ScoringRules> rules) {
        this.properties = properties;
        this.rules = rules;
    }

    /** The rules now in force; hold on to them to score many leads with one version. */
    public ScoringRules rules() {
        return rules.get();
    }

    public ActivityPoints pointsFor(ActivityType type, Map<String, String> activityProperties) {
        return rules().activity(type, activityProperties);
    }

    /** True when a lead with this score (or a hand-raiser) should be handed to sales. */
    public boolean qualifies(Score score, boolean handRaised) {
        return handRaised || score.total() >= properties.mqlThreshold();
    }

    public Score score(LeadProfile profile, List<ScoredActivity> activities, Instant now) {
        return score(rules(), profile, activities, now);
    }

    public Score score(ScoringRules current, LeadProfile profile, List<ScoredActivity> activities, Instant now) {
        FitResult fit = current.fit(profile);
        Engagement.Result engaged = Engagement.of(activities, now);
        List<ScorePart> parts = new ArrayList<>(fit.parts().size() + engaged.parts().size());
        parts.addAll(fit.parts());
        parts.addAll(engaged.parts());
        Priority priority = current.priority(fit.grade(), engaged.points(), engaged.handRaised());
        return new Score(fit.fit(), engaged.points(), fit.grade(), priority, List.copyOf(parts));
    }
}
