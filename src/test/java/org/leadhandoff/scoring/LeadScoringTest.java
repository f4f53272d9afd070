package org.leadhandoff.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadScoringTest {

    private final LeadScoring scoring = new LeadScoring(new ScoringProperties(100));

    @ParameterizedTest(name = "{0}, {1} employees, {2}, {3}, {4} -> {5}")
    @CsvSource(nullValues = "-", textBlock = """
            VP Sales,          500,  Software,  DE, ana@acme.com,      A
            Chief Revenue Officer, 2000, Software, US, cro@acme.com,   A
            Director of IT,    5000, Software,  FR, d@acme.com,        A
            Sales Manager,     300,  Retail,    US, m@acme.com,        B
            Engineer,          300,  Software,  US, e@acme.com,        B
            Engineer,          20,   Retail,    US, e@acme.com,        C
            Student,           -,    -,         US, kid@gmail.com,     D
            Student,           -,    -,         -,  kid@yahoo.com,     D
            -,                 -,    -,         -,  x@hotmail.com,     D
            """)
    void gradesFromTheProfile(String title, Integer size, String industry, String country, String email,
            char grade) {
        Score score = scoring.score(new LeadProfile(email, title, size, industry, country), List.of());
        assertThat(score.grade()).isEqualTo(grade);
        assertThat(score.parts().stream().mapToInt(ScorePart::points).sum()).isEqualTo(score.total());
    }

    @Test
    void theExplanationListsTheRulesThatFired() {
        Score vp = scoring.score(new LeadProfile("ana@acme.com", "VP Sales", 500, "Software", "DE"), List.of());
        assertThat(vp.parts()).extracting(ScorePart::rule).containsExactly("Title: Director, VP or C-level",
                "Company size 200–5,000", "Target industry: Software", "Served country: DE");
        Score student = scoring.score(new LeadProfile("kid@gmail.com", "Student", null, null, "US"), List.of());
        assertThat(student.parts()).extracting(ScorePart::rule)
                .contains("Title: student or job seeker", "Free-mail address: gmail.com");
        assertThat(student.total()).isNegative();
    }

    @Test
    void engagementAddsUpPerTypeAndHandRaisersAreHighPriority() {
        LeadProfile nobody = new LeadProfile("x@acme.com", null, null, null, null);
        Score views = scoring.score(nobody, List.of(new EngagementTotal(ActivityType.PAGE_VIEW, 3, 6)));
        assertThat(views.engagement()).isEqualTo(6);
        assertThat(views.parts()).containsExactly(new ScorePart("PAGE_VIEW ×3", 6));
        assertThat(views.priority()).isEqualTo(Priority.LOW);
        Score demo = scoring.score(nobody, List.of(new EngagementTotal(ActivityType.DEMO_REQUESTED, 1, 50)));
        assertThat(demo.priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void onePageViewIsWorthLessThanTenAndTheBarIsConfigured() {
        assertThat(scoring.pointsFor(ActivityType.PAGE_VIEW)).isLessThan(10);
        assertThat(scoring.pointsFor(ActivityType.UNSUBSCRIBED)).isNegative();
        Score justBelow = new Score(50, 49, 'B', Priority.NORMAL, List.of());
        Score atBar = new Score(50, 50, 'B', Priority.NORMAL, List.of());
        assertThat(scoring.qualifies(justBelow, false)).isFalse();
        assertThat(scoring.qualifies(atBar, false)).isTrue();
        assertThat(scoring.qualifies(justBelow, true)).isTrue();
        assertThat(new LeadScoring(new ScoringProperties(150)).qualifies(atBar, false)).isFalse();
    }
}
