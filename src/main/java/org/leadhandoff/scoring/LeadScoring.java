package org.leadhandoff.scoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Scores a lead: fit points from its profile plus engagement points from its activities, with
 * an explanation line for every rule that gave points. The one place scoring rules live (they
 * move to DMN tables later without changing callers).
 */
@Service
public class LeadScoring {

    private static final Pattern SENIOR = Pattern.compile(
            "\\b(chief|ceo|cto|cfo|coo|cmo|cio|cro|founder|owner|president|vp|svp|evp|vice president|director|head of)\\b");
    private static final Pattern MANAGER = Pattern.compile("\\b(manager|lead|principal)\\b");
    private static final Pattern STUDENT = Pattern.compile("\\b(student|intern|job seeker|unemployed)\\b");
    private static final Set<String> FREE_MAIL = Set.of("gmail.com", "yahoo.com", "hotmail.com", "outlook.com");
    private static final Set<String> TARGET_INDUSTRIES = Set.of("software");

    private static final Map<ActivityType, Integer> POINTS = new EnumMap<>(Map.ofEntries(
            Map.entry(ActivityType.PAGE_VIEW, 2),
            Map.entry(ActivityType.PRICING_PAGE_VIEW, 10),
            Map.entry(ActivityType.CONTENT_DOWNLOAD, 10),
            Map.entry(ActivityType.EMAIL_OPEN, 1),
            Map.entry(ActivityType.EMAIL_CLICK, 3),
            Map.entry(ActivityType.NEWSLETTER_SIGNUP, 5),
            Map.entry(ActivityType.WEBINAR_ATTENDED, 20),
            Map.entry(ActivityType.FORM_SUBMITTED, 15),
            Map.entry(ActivityType.TRIAL_STARTED, 40),
            Map.entry(ActivityType.DEMO_REQUESTED, 50),
            Map.entry(ActivityType.CONTACT_SALES, 50),
            Map.entry(ActivityType.CAREERS_PAGE_VIEW, -10),
            Map.entry(ActivityType.UNSUBSCRIBED, -50),
            Map.entry(ActivityType.EMAIL_BOUNCED, -25),
            Map.entry(ActivityType.MEETING_BOOKED, 30)));

    private final ScoringProperties properties;

    public LeadScoring(ScoringProperties properties) {
        this.properties = properties;
    }

    public int pointsFor(ActivityType type) {
        return POINTS.getOrDefault(type, 0);
    }

    /** True when a lead with this score (or a hand-raiser) should be handed to sales. */
    public boolean qualifies(Score score, boolean handRaised) {
        return handRaised || score.total() >= properties.mqlThreshold();
    }

    public Score score(LeadProfile profile, Collection<EngagementTotal> engagement) {
        List<ScorePart> parts = new ArrayList<>();
        int fit = fitParts(profile, parts);
        int engaged = 0;
        boolean handRaised = false;
        for (EngagementTotal total : engagement) {
            if (total.points() != 0) {
                parts.add(new ScorePart(total.type() + " ×" + total.count(), total.points()));
            }
            engaged += total.points();
            handRaised |= total.type().isHandRaiser();
        }
        char grade = grade(fit);
        return new Score(fit, engaged, grade, priority(grade, handRaised), List.copyOf(parts));
    }

    private int fitParts(LeadProfile p, List<ScorePart> parts) {
        int before = parts.size();
        String title = lower(p.jobTitle());
        if (STUDENT.matcher(title).find()) {
            parts.add(new ScorePart("Title: student or job seeker", -30));
        } else if (SENIOR.matcher(title).find()) {
            parts.add(new ScorePart("Title: Director, VP or C-level", 30));
        } else if (MANAGER.matcher(title).find()) {
            parts.add(new ScorePart("Title: manager", 15));
        }
        Integer size = p.companySize();
        if (size != null) {
            if (size >= 200 && size <= 5000) {
                parts.add(new ScorePart("Company size 200–5,000", 20));
            } else if (size >= 50 && size < 200) {
                parts.add(new ScorePart("Company size 50–199", 10));
            } else if (size > 5000) {
                parts.add(new ScorePart("Company size over 5,000", 10));
            }
        }
        if (TARGET_INDUSTRIES.contains(lower(p.industry()))) {
            parts.add(new ScorePart("Target industry: " + p.industry(), 15));
        }
        if (p.country() != null && !p.country().isBlank()) {
            parts.add(new ScorePart("Served country: " + p.country(), 10));
        }
        String email = lower(p.email());
        String domain = email.substring(email.indexOf('@') + 1);
        if (FREE_MAIL.contains(domain)) {
            parts.add(new ScorePart("Free-mail address: " + domain, -20));
        }
        return parts.subList(before, parts.size()).stream().mapToInt(ScorePart::points).sum();
    }

    static char grade(int fit) {
        if (fit >= 60) {
            return 'A';
        }
        if (fit >= 35) {
            return 'B';
        }
        if (fit >= 10) {
            return 'C';
        }
        return 'D';
    }

    static Priority priority(char grade, boolean handRaised) {
        if (handRaised || grade == 'A') {
            return Priority.HIGH;
        }
        return grade == 'D' ? Priority.LOW : Priority.NORMAL;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
