package org.leadhandoff.routing;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.scoring.Priority;
import org.springframework.stereotype.Component;

/**
 * Evaluates {@code bpmn/LeadRouting.dmn} through the engine: always the latest deployed version (the
 * engine caches the parsed table), so an ops redeploy changes routing without a restart.
 */
@Component
class RoutingTable {

    static final String DECISION_KEY = "LeadRouting";

    private final DecisionService decisions;

    RoutingTable(DecisionService decisions) {
        this.decisions = decisions;
    }

    /** What the table says for a lead: its team and priority. */
    record Answer(String team, Priority priority) {
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
        DmnDecisionResult result = decisions.evaluateDecisionByKey(DECISION_KEY).variables(variables).evaluate();
        DmnDecisionResultEntries first = result.getFirstResult();
        if (first == null || first.getEntry("team") == null) {
            throw new IllegalStateException(DECISION_KEY + " has no rule for country " + country
                    + "; add a last rule that matches every lead");
        }
        Object priority = first.getEntry("priority");
        try {
            return new Answer(first.getEntry("team").toString(),
                    priority == null ? Priority.valueOf(variables.get("scoringPriority").toString())
                            : Priority.valueOf(priority.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(DECISION_KEY + " gave priority " + priority + "; use HIGH, NORMAL or LOW",
                    e);
        }
    }
}
