package org.leadhandoff.sla;

import java.time.Duration;
import java.util.Map;
import org.leadhandoff.scoring.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SLA durations per priority, with global overrides ({@code handoff.sla.accept} and friends)
 * that apply to every priority when set.
 */
@ConfigurationProperties("handoff.sla")
public record SlaProperties(
        @DefaultValue("24x7") String calendar,
        Map<Priority, Policy> policies,
        Duration accept,
        Duration followUp,
        Duration escalation,
        Duration nextAttempt,
        @DefaultValue("75") int reminderPercent) {

    public SlaProperties {
        if (reminderPercent < 1 || reminderPercent > 99) {
            throw new IllegalArgumentException("handoff.sla.reminder-percent must be between 1 and 99, was "
                    + reminderPercent);
        }
        policies = policies == null ? Map.of() : Map.copyOf(policies);
    }

    /** How long each clock of one priority may run. */
    public record Policy(Duration accept, Duration followUp, Duration escalation) {
    }

    Duration duration(ClockKind kind, Priority priority, boolean laterAttempt) {
        Policy policy = policies.getOrDefault(priority, policies.get(Priority.NORMAL));
        Duration d = switch (kind) {
            case ACCEPT -> first(accept, policy == null ? null : policy.accept());
            case FOLLOW_UP -> laterAttempt && nextAttempt != null
                    ? nextAttempt : first(followUp, policy == null ? null : policy.followUp());
            case ESCALATION -> first(escalation, policy == null ? null : policy.escalation());
        };
        if (d == null || d.isNegative()) {
            throw new IllegalStateException("No SLA duration configured for " + kind + " at priority " + priority
                    + ": set handoff.sla.policies." + priority + " or handoff.sla." + kind.name().toLowerCase());
        }
        return d;
    }

    private static Duration first(Duration override, Duration policy) {
        return override != null ? override : policy;
    }
}
