package org.leadhandoff.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;

/**
 * The scoring rules as last deployed. Each decision is parsed once per deployed version and kept
 * by its decision-definition id; one small query per scoring run ({@link LatestDecisions}) finds out whether ops deployed
 * a newer version, so a redeploy changes the next score without a restart.
 */
@Component
class DeployedRules {

    private final RepositoryService repository;
    private final LatestDecisions latestDecisions;
    private volatile ScoringRules current;

    DeployedRules(RepositoryService repository, LatestDecisions latestDecisions) {
        this.repository = repository;
        this.latestDecisions = latestDecisions;
    }

    ScoringRules current() {
        Map<String, String> latest = latestDecisions.ids(ScoringRules.KEYS);
        ScoringRules known = current;
        if (known != null && known.versions().equals(latest)) {
            return known;
        }
        return refresh(latest);
    }

    private synchronized ScoringRules refresh(Map<String, String> latest) {
        ScoringRules known = current;
        if (known != null && known.versions().equals(latest)) {
            return known;
        }
        List<String> missing = ScoringRules.KEYS.stream().filter(k -> !latest.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Scoring decisions " + missing
                    + " are not deployed: bpmn/LeadFit.dmn and bpmn/EngagementPoints.dmn must hold them");
        }
        Map<String, DmnDecisions.Parsed> parsed = new HashMap<>();
        for (Map.Entry<String, String> e : latest.entrySet()) {
            String previous = known == null ? null : known.versions().get(e.getKey());
            parsed.put(e.getKey(), e.getValue().equals(previous) ? known.parsed(e.getKey())
                    : DmnDecisions.parse(e.getKey(), model(e.getValue())));
        }
        ScoringRules fresh = new ScoringRules(parsed, latest);
        current = fresh;
        return fresh;
    }

    private byte[] model(String definitionId) {
        try (InputStream in = repository.getDecisionModel(definitionId)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read decision " + definitionId, e);
        }
    }
}
