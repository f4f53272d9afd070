package org.leadhandoff.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scoring with the shipped DMN files in bpmn/: grades, explanations, engagement, priority, the bar. */
class LeadScoringTest {

    static final ScoringRules SHIPPED = ScoringRules.fromFolder(Path.of("bpmn"));
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private final LeadScoring scoring = new LeadScoring(new ScoringProperties(100), () -> SHIPPED);

    @ParameterizedTest(name = "{0}, {1} employees, {2}, {3}, {4} -> {5}")
    @CsvSource(nullValues = "-", textBlock = """
            VP Sales,          500,  Software,  DE, ana@acme.com,      A
            Chief Revenue Officer, 2000, Software, US, cro@acme.com,   A
            Director of IT,    5000, Software,  FR, d@acme.com,        A
            Head of Marketing, 200,  software,  JP, h@acme.com,        A
            Sales Manager,     300,  Retail,    US, m@acme.com,        B
            Engineer,          300,  Software,  US, e@acme.com,        B
            VP Sales,          500,  Software,  DE, vp@hubspot.com,    C
            Engineer,          20,   Retail,    US, e@acme.com,        C
            Student,           -,    -,         US, kid@gmail.com,     D
            Student,           -,    -,         -,  kid@yahoo.com,     D
            Student,           800,  Software,  DE, kid@outlook.com,   D
            -,                 -,    -,         -,  x@hotmail.com,     D
            -,                 -,    -,         -,  x@acme.com,        D
            """)
    void gradesFromTheProfile(String title, Integer size, String industry, String country, String email,
            char grade) {
        Score score = scoring.score(new LeadProfile(email, title, size, industry, country), List.of(), NOW);
        assertThat(score.grade()).isEqualTo(grade);
        assertThat(score.parts().stream().mapToInt(ScorePart::points).sum()).isEqualTo(score.total());
    }

    @ParameterizedTest(name = "{0} -> {1} points from \"{2}\"")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            VP Sales              | 30  | Title: Director, VP or C-level
            Chief Executive       | 30  | Title: Director, VP or C-level
            Sales Operations Manager | 15 | Title: manager
            Team Lead             | 15  | Title: manager
            Student               | -30 | Title: student or job seeker
            Marketing Intern      | -30 | Title: student or job seeker
            Developer             | 0   | -
            Development           | 0   | -
            """)
    void eachTitleRule(String title, int points, String rule) {
        FitResult fit = SHIPPED.fit(new LeadProfile("a@acme.com", title, null, null, null));
        assertThat(fit.fit()).isEqualTo(points);
        if (rule == null) {
            assertThat(fit.parts()).isEmpty();
        } else {
            assertThat(fit.parts()).containsExactly(new ScorePart(rule, points));
        }
    }

    @ParameterizedTest(name = "{0} employees -> {1}")
    @CsvSource(nullValues = "-", textBlock = """
            -,      0
            10,     0
            50,     10
            199,    10
            200,    20
            5000,   20
            5001,   10
            """)
    void eachCompanySizeBand(Integer size, int points) {
        assertThat(SHIPPED.fit(new LeadProfile("a@acme.com", null, size, null, null)).fit()).isEqualTo(points);
    }

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            a@acme.com,      Software, -,  15
            a@acme.com,      Retail,   -,  0
            a@acme.com,      -,        DE, 10
            a@gmail.com,     -,        -,  -20
            a@Yahoo.com,     -,        -,  -20
            a@salesforce.com, -,       -,  -50
            """)
    void industryCountryAndEmailDomainRules(String email, String industry, String country, int points) {
        assertThat(SHIPPED.fit(new LeadProfile(email, null, null, industry, country)).fit()).isEqualTo(points);
    }

    @Test
    void theExplanationsListTheRulesThatFired() {
        Score vp = scoring.score(new LeadProfile("ana@acme.com", "VP Sales", 500, "Software", "DE"), List.of(), NOW);
        assertThat(vp.grade()).isEqualTo('A');
        assertThat(vp.parts()).extracting(ScorePart::rule).containsExactly("Title: Director, VP or C-level",
                "Company size 200–5,000", "Target industry: Software", "Served country (emea or amer)");
        Score student = scoring.score(new LeadProfile("kid@gmail.com", "Student", null, null, "US"), List.of(), NOW);
        assertThat(student.grade()).isEqualTo('D');
        assertThat(student.parts()).extracting(ScorePart::rule)
                .containsExactly("Title: student or job seeker", "Served country (emea or amer)", "Free-mail address");
        assertThat(student.total()).isNegative();
    }

    @ParameterizedTest(name = "{0} {1} -> {2} points, half-life {3}, cap {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            PAGE_VIEW         | -                      | 2   | 14 | 10
            PAGE_VIEW         | page=/en/Pricing       | 10  | 30 | 30
            PAGE_VIEW         | url=https://x.io/careers | -10 | 30 | 30
            PRICING_PAGE_VIEW | -                      | 10  | 30 | 30
            CONTENT_DOWNLOAD  | asset=Buyers-Guide-2026 | 15 | 60 | 30
            CONTENT_DOWNLOAD  | asset=whitepaper       | 10  | 60 | 30
            TRIAL_STARTED     | -                      | 40  | 90 | 40
            WEBINAR_ATTENDED  | -                      | 20  | 60 | 40
            DEMO_REQUESTED    | -                      | 50  | 90 | 50
            CAREERS_PAGE_VIEW | -                      | -10 | 30 | 30
            UNSUBSCRIBED      | -                      | -50 | -  | 50
            EMAIL_BOUNCED     | -                      | -25 | -  | 25
            """)
    void eachEngagementRule(ActivityType type, String property, int points, Integer halfLife, Integer cap) {
        Map<String, String> props = property == null ? Map.of()
                : Map.of(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        ActivityPoints p = SHIPPED.activity(type, props);
        assertThat(p.points()).isEqualTo(points);
        assertThat(p.halfLifeDays()).isEqualTo(halfLife);
        assertThat(p.dailyCap()).isEqualTo(cap);
        assertThat(p.rule()).isNotBlank();
    }

    @Test
    void onePageViewIsWorthLessThanTenAndNegativeSignalsCost() {
        assertThat(SHIPPED.activity(ActivityType.PAGE_VIEW, null).points()).isPositive().isLessThan(10);
        for (ActivityType bad : List.of(ActivityType.UNSUBSCRIBED, ActivityType.EMAIL_BOUNCED,
                ActivityType.CAREERS_PAGE_VIEW)) {
            assertThat(SHIPPED.activity(bad, null).points()).as(bad.name()).isNegative();
        }
    }

    @Test
    void twoHundredPageViewsInOneDayAreCappedButADemoRequestIsAHandRaiser() {
        LeadProfile vp = new LeadProfile("ana@acme.com", "VP Sales", 500, "Software", "DE");
        List<ScoredActivity> views = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            views.add(activity(ActivityType.PAGE_VIEW, NOW.minusSeconds(200 - i)));
        }
        Score burst = scoring.score(vp, views, NOW);
        assertThat(burst.engagement()).isEqualTo(10);
        assertThat(burst.parts()).contains(new ScorePart("Page view ×200 (daily cap reached)", 10));
        assertThat(scoring.qualifies(burst, false)).isFalse();
        assertThat(burst.priority()).isEqualTo(Priority.NORMAL);

        views.add(activity(ActivityType.DEMO_REQUESTED, NOW));
        Score demo = scoring.score(vp, views, NOW);
        assertThat(demo.priority()).isEqualTo(Priority.HIGH);
        assertThat(scoring.qualifies(demo, true)).isTrue();
    }

    @Test
    void theBarIsConfigured() {
        Score justBelow = new Score(50, 49, 'B', Priority.NORMAL, List.of());
        Score atBar = new Score(50, 50, 'B', Priority.NORMAL, List.of());
        assertThat(scoring.qualifies(justBelow, false)).isFalse();
        assertThat(scoring.qualifies(atBar, false)).isTrue();
        assertThat(scoring.qualifies(justBelow, true)).isTrue();
        assertThat(new LeadScoring(new ScoringProperties(150), () -> SHIPPED).qualifies(atBar, false)).isFalse();
    }

    @ParameterizedTest(name = "grade {0}, engagement {1}, hand-raiser {2} -> {3}")
    @CsvSource(textBlock = """
            A, 0,   false, NORMAL
            A, 25,  false, HIGH
            B, 60,  false, NORMAL
            B, 80,  false, HIGH
            C, 10,  false, LOW
            C, 30,  false, NORMAL
            D, 30,  false, LOW
            D, 90,  false, NORMAL
            D, 0,   true,  HIGH
            """)
    void priorityFromGradeTimesEngagement(char grade, int engagement, boolean handRaised, Priority priority) {
        assertThat(SHIPPED.priority(grade, engagement, handRaised)).isEqualTo(priority);
    }

    @Test
    void oldEngagementFadesWithItsHalfLife() {
        LeadProfile nobody = new LeadProfile("x@acme.com", null, null, null, null);
        List<ScoredActivity> trial = List.of(activity(ActivityType.TRIAL_STARTED, NOW));
        assertThat(scoring.score(nobody, trial, NOW).engagement()).isEqualTo(40);
        assertThat(scoring.score(nobody, trial, NOW.plus(Duration.ofDays(90))).engagement()).isEqualTo(20);
        assertThat(scoring.score(nobody, trial, NOW.plus(Duration.ofDays(180))).engagement()).isEqualTo(10);
        List<ScoredActivity> unsubscribed = List.of(activity(ActivityType.UNSUBSCRIBED, NOW));
        assertThat(scoring.score(nobody, unsubscribed, NOW.plus(Duration.ofDays(365))).engagement()).isEqualTo(-50);
    }

    @Test
    void rememberedResultsAreTheDecisionsOwn() {
        ScoringRules fresh = SHIPPED.withoutMemo();
        for (LeadProfile p : List.of(new LeadProfile("ana@acme.com", "VP Sales", 500, "Software", "DE"),
                new LeadProfile("kid@gmail.com", "Student", null, null, "US"),
                new LeadProfile("x@acme.com", null, 60, "Retail", null))) {
            assertThat(SHIPPED.fit(p)).isEqualTo(fresh.fit(p)).isEqualTo(SHIPPED.fit(p));
        }
        for (ActivityType type : ActivityType.values()) {
            assertThat(SHIPPED.activity(type, Map.of("page", "/pricing"))).isEqualTo(
                    fresh.activity(type, Map.of("page", "/pricing")));
        }
    }

    private static ScoredActivity activity(ActivityType type, Instant at) {
        return new ScoredActivity(type, at, SHIPPED.activity(type, null));
    }
}
