package org.leadhandoff.lead;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.web.PlainText;

/** Something a lead did. An {@code id} makes re-sending it harmless. */
public record ActivityInput(
        @Size(max = 200) @PlainText String id,
        @NotNull ActivityType type,
        Instant occurredAt,
        @Size(max = 50) Map<String, String> properties) {
}
