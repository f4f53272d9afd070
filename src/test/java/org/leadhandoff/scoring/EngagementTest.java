package org.leadhandoff.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decay and cap arithmetic on its own, with made-up rules. */
class EngagementTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @ParameterizedTest(name = "half-life {0} d, age {1} d -> {2}")
    @CsvSource(nullValues = "-", textBlock = """
            10, 0,   1.0
            10, 5,   0.70710678
            10, 10,  0.5
            10, 20,  0.25
            30, 90,  0.125
            -,  400, 1.0
            0,  400, 1.0
            """)
    void decayHalvesOncePerHalfLife(Integer halfLife, int ageDays, double share) {
        assertThat(Engagement.decay(halfLife, T0, T0.plus(Duration.ofDays(ageDays)))).isCloseTo(share, within(1e-6));
    }

    @Test
    void anActivityFromTheFutureDoesNotGrow() {
        assertThat(Engagement.decay(10, T0, T0.minusSeconds(60))).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0} × {1} points, cap {2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            1,   5,   10, 5
            2,   5,   10, 10
            3,   5,   10, 10
            200, 2,   10, 10
            3,   4,   10, 10
            5,   -10, 25, -25
            5,   7,   -,  35
            """)
    void theDailyCapLimitsOneRulePerDay(int times, int points, Integer cap, int total) {
        List<ScoredActivity> list = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            list.add(new ScoredActivity(ActivityType.PAGE_VIEW, T0.plusSeconds(i), new ActivityPoints(points, null, cap,
                    "Rule")));
        }
        assertThat(Engagement.of(list, T0.plusSeconds(times)).points()).isEqualTo(total);
    }

    @Test
    void theCapStartsAfreshEachDayAndEachRuleHasItsOwn() {
        ActivityPoints view = new ActivityPoints(4, null, 10, "Page view");
        ActivityPoints pricing = new ActivityPoints(10, null, 30, "Pricing page");
        List<ScoredActivity> list = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 5; i++) {
                list.add(new ScoredActivity(ActivityType.PAGE_VIEW, T0.plus(Duration.ofDays(day)).plusSeconds(i), view));
            }
        }
        list.add(new ScoredActivity(ActivityType.PAGE_VIEW, T0, pricing));
        Engagement.Result r = Engagement.of(list, T0.plus(Duration.ofDays(3)));
        assertThat(r.points()).isEqualTo(40);
        assertThat(r.parts()).containsExactly(new ScorePart("Page view ×15 (daily cap reached)", 30),
                new ScorePart("Pricing page", 10));
    }

    @Test
    void roundedPartsStillAddUpToTheTotal() {
        List<ScoredActivity> list = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            list.add(new ScoredActivity(ActivityType.EMAIL_OPEN, T0.minus(Duration.ofDays(i * 3L)),
                    new ActivityPoints(3, 7, null, "Email " + (i % 3))));
        }
        Engagement.Result r = Engagement.of(list, T0);
        assertThat(r.parts().stream().mapToInt(ScorePart::points).sum()).isEqualTo(r.points());
        assertThat(r.handRaised()).isFalse();
    }
}
