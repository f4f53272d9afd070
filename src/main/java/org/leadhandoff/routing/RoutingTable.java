package org.leadhandoff.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.scoring.DmnDecisions;
import org.leadhandoff.scoring.LatestDecisions;
import org.leadhandoff.scoring.Priority;
import org.springframework.stereotype.Component;

/**
 * Evaluates {@code bpmn/LeadRouting.dmn}: always the latest deployed version, so an ops redeploy
 * changes routing without a restart. Each version is parsed once and evaluated by
 * {@link DmnDecisions} (the same engine as scoring) instead of the engine's {@code DecisionService},
 * which re-parsed the table's cells on every lead; one small query per lead finds the latest
 * version ({@link LatestDecisions}), as the {@code DecisionService} does. Decisions evaluated here write no decision
 * history (the routed team and priority are kept on the lead).
 */
@Component
class RoutingTable {

    static final String DECISION_KEY = "LeadRouting";

    private final RepositoryService repository;
    private final LatestDecisions latestDecisions;
    private volatile Version parsed;

    RoutingTable(RepositoryService repository, LatestDecisions latestDecisions) {
        this.repository = repository;
        this.latestDecisions = latestDecisions;
    }

    /** What the table says for a lead: its team and priority. */
    record Answer(String team, Priority priority) {
    }

    /** One deployed version of the table, parsed. */
    private record Version(String definitionId, DmnDecisions.Parsed decision) {
    }

    Answer evaluate(Lead lead) {
        return evaluate(lead.country(), lead.companySize(), lead.industry(), lead.source(), lead.priority());
    }

    /** Any input may be null; a missing scoring priority counts as NORMAL. */
    Answer evaluate(String country, Integer companySize, String industry, String source, String scoringPriority) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("country", country);
        variables.put("companySize", companySize);
        variables.put("industry", industry);
        variables.put("source", source);
        variables.put("scoringPriority", scoringPriority == null ? Priority.NORMAL.name() : scoringPriority);
        Map<String, Object> first = DmnDecisions.evaluate(latest(), variables).firstRow();
        if (first == null || first.get("team") == null) {
            throw new IllegalStateException(DECISION_KEY + " has no rule for country " + country
                    + "; add a last rule that matches every lead");
        }
        Object priority = first.get("priority");
        try {
            return new Answer(first.get("team").toString(),
                    priority == null ? Priority.valueOf(variables.get("scoringPriority").toString())
                            : Priority.valueOf(priority.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(DECISION_KEY + " gave priority " + priority + "; use HIGH, NORMAL or LOW",
                    e);
        }
    }

    private DmnDecisions.Parsed latest() {
        String definitionId = latestDecisions.id(DECISION_KEY);
        if (definitionId == null) {
            throw new IllegalStateException("Decision " + DECISION_KEY + " is not deployed: bpmn/LeadRouting.dmn must hold it");
        }
        Version known = parsed;
        if (known != null && known.definitionId().equals(definitionId)) {
            return known.decision();
        }
        try (InputStream in = repository.getDecisionModel(definitionId)) {
            Version fresh = new Version(definitionId, DmnDecisions.parse(DECISION_KEY, in.readAllBytes()));
            parsed = fresh;
            return fresh.decision();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read decision " + definitionId, e);
        }
    }
}
