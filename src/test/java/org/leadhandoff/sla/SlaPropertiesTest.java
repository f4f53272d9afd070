package org.leadhandoff.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadhandoff.scoring.Priority;

class SlaPropertiesTest {

    private static final Map<Priority, SlaProperties.Policy> POLICIES = Map.of(
            Priority.HIGH, new SlaProperties.Policy(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(1), 50),
            Priority.NORMAL, new SlaProperties.Policy(Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(4),
                    null));

    @Test
    void eachPriorityHasItsOwnDurations() {
        SlaProperties sla = new SlaProperties("24x7", POLICIES, null, null, null, null, 75);
        assertThat(sla.duration(ClockKind.ACCEPT, Priority.HIGH, false)).isEqualTo(Duration.ofHours(1));
        assertThat(sla.duration(ClockKind.ACCEPT, Priority.NORMAL, false)).isEqualTo(Duration.ofHours(4));
        // a priority without a policy falls back to NORMAL
        assertThat(sla.duration(ClockKind.FOLLOW_UP, Priority.LOW, false)).isEqualTo(Duration.ofHours(24));
        // later call attempts use the follow-up duration unless next-attempt is set
        assertThat(sla.duration(ClockKind.FOLLOW_UP, Priority.HIGH, true)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void aPolicysReminderPercentBeatsTheGlobalOne() {
        SlaProperties sla = new SlaProperties("team", POLICIES, null, null, null, null, 75);
        assertThat(sla.reminderPercent(Priority.HIGH)).isEqualTo(50);
        assertThat(sla.reminderPercent(Priority.NORMAL)).isEqualTo(75);
        assertThat(sla.reminderPercent(Priority.LOW)).isEqualTo(75);
        assertThat(sla.wallClock()).isFalse();
    }

    @Test
    void overridesApplyToEveryPriority() {
        SlaProperties sla = new SlaProperties("24x7", POLICIES, Duration.ofSeconds(5), Duration.ofSeconds(6),
                Duration.ofSeconds(7), Duration.ofMinutes(30), 75);
        assertThat(sla.wallClock()).isTrue();
        for (Priority p : Priority.values()) {
            assertThat(sla.duration(ClockKind.ACCEPT, p, false)).isEqualTo(Duration.ofSeconds(5));
            assertThat(sla.duration(ClockKind.FOLLOW_UP, p, false)).isEqualTo(Duration.ofSeconds(6));
            assertThat(sla.duration(ClockKind.ESCALATION, p, false)).isEqualTo(Duration.ofSeconds(7));
            assertThat(sla.duration(ClockKind.FOLLOW_UP, p, true)).isEqualTo(Duration.ofMinutes(30));
        }
    }

    @Test
    void reminderOutsideTheSlaOrAnUnknownCalendarIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new SlaProperties("24x7", POLICIES, null, null, null, null, 100))
                .hasMessageContaining("reminder-percent");
        assertThatThrownBy(() -> new SlaProperties("24x7", Map.of(Priority.LOW, new SlaProperties.Policy(null, null,
                null, 0)), null, null, null, null, 75)).hasMessageContaining("policies.LOW.reminder-percent");
        assertThatThrownBy(() -> new SlaProperties("business", POLICIES, null, null, null, null, 75))
                .hasMessageContaining("'team' or '24x7'");
    }
}
