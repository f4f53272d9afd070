package org.leadhandoff.handoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How many discovery-call attempts a lead gets, and who handles escalations a manager lets lapse. */
@ConfigurationProperties("handoff")
record HandoffProperties(@DefaultValue Discovery discovery, @DefaultValue Escalation escalation) {

    record Discovery(@DefaultValue("3") int maxAttempts) {
    }

    record Escalation(@DefaultValue("managers") String secondLevelGroup) {
    }
}
