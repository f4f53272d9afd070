package org.leadhandoff.sla;

import java.time.Duration;
import java.util.Map;
import org.leadhandoff.scoring.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SLA durations and reminder percentages per priority, with global overrides ({@code
 * handoff.sla.accept} and friends) that apply to every priority when set, and the calendar the
 * durations count in: {@code team} (each team's business hours) or {@code 24x7} (wall-clock time).
 */
@ConfigurationProperties("handoff.sla")
public record SlaProperties(
        @DefaultValue(TEAM) String calendar,
        Map<Priority, Policy> policies,
        Duration accept,
        Duration followUp,
        Duration escalation,
        Duration nextAttempt,
        @DefaultValue("75") int reminderPercent) {

    /** Every SLA counts in the business hours of the team that owns the lead. */
    public static final String TEAM = "team";
    /** Every SLA counts wall-clock time. */
    public static final String TWENTY_FOUR_SEVEN = "24x7";

    public SlaProperties {
        checkPercent("handoff.sla.reminder-percent", reminderPercent);
        if (!TEAM.equals(calendar) && !TWENTY_FOUR_SEVEN.equals(calendar)) {
            throw new IllegalArgumentException("handoff.sla.calendar must be 'team' or '24x7', was " + calendar);
        }
        policies = policies == null ? Map.of() : Map.copyOf(policies);
        policies.forEach((p, policy) -> {
            if (policy.reminderPercent() != null) {
                checkPercent("handoff.sla.policies." + p + ".reminder-percent", policy.reminderPercent());
            }
        });
    }

    /** How long each clock of one priority may run, and when (in % of it) its owner is reminded. */
    public record Policy(Duration accept, Duration followUp, Duration escalation, Integer reminderPercent) {
    }

    boolean wallClock() {
        return TWENTY_FOUR_SEVEN.equals(calendar);
    }

    Duration duration(ClockKind kind, Priority priority, boolean laterAttempt) {
        Policy policy = policy(priority);
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

    /** The priority's reminder percentage, else the global one. */
    int reminderPercent(Priority priority) {
        Policy policy = policy(priority);
        return policy != null && policy.reminderPercent() != null ? policy.reminderPercent() : reminderPercent;
    }

    private Policy policy(Priority priority) {
        return policies.getOrDefault(priority, policies.get(Priority.NORMAL));
    }

    static void checkPercent(String name, int percent) {
        if (percent < 1 || percent > 99) {
            throw new IllegalArgumentException(name + " must be between 1 and 99, was " + percent);
        }
    }

    private static Duration first(Duration override, Duration policy) {
        return override != null ? override : policy;
    }
}
