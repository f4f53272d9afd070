package org.leadhandoff.lead;

import java.time.Instant;
import org.leadhandoff.scoring.ActivityType;

/** A new activity of a lead was recorded (never for a repeated activity id); published inside its transaction. */
public record ActivityLogged(String leadId, ActivityType type, Instant occurredAt) {
}
