package org.leadhandoff.handoff;

import static org.leadhandoff.handoff.HandoffVariables.*;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.leadhandoff.lead.DiscoveryNotes;

/** Reads the discovery-call form fields from the process. */
final class DelegateNotes {

    private DelegateNotes() {
    }

    static DiscoveryNotes of(VariableScope scope) {
        return new DiscoveryNotes(string(scope, BUDGET), string(scope, AUTHORITY), string(scope, NEED),
                string(scope, TIMELINE), string(scope, NOTES));
    }
}
