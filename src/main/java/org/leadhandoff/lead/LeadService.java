package org.leadhandoff.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leadhandoff.scoring.ActivityPoints;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.scoring.LeadScoring;
import org.leadhandoff.scoring.OpenLeadRescoring;
import org.leadhandoff.scoring.Score;
import org.leadhandoff.scoring.ScorePart;
import org.leadhandoff.scoring.ScoredActivity;
import org.leadhandoff.scoring.ScoringProperties;
import org.leadhandoff.scoring.ScoringRules;
import org.leadhandoff.sla.SlaService;
import org.leadhandoff.web.InvalidInputException;
import org.leadhandoff.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Takes leads and their activity in, keeps their score current and moves them through the stages. */
@Service
public class LeadService implements OpenLeadRescoring {

    private static final List<Stage> QUALIFIABLE = List.of(Stage.LEAD, Stage.RECYCLED);
    private static final List<Stage> IN_HANDOFF = List.of(Stage.MQL, Stage.SAL);
    /** Leads whose score still matters: not yet sales qualified or disqualified. */
    private static final List<Stage> OPEN = List.of(Stage.LEAD, Stage.MQL, Stage.SAL, Stage.RECYCLED);
    private static final int SCORE_HISTORY = 50;
    private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() {
    };

    private final Leads leads;
    private final LeadScoring scoring;
    private final ScoringProperties scoringProperties;
    private final SlaService sla;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;

    LeadService(Leads leads, LeadScoring scoring, ScoringProperties scoringProperties, SlaService sla,
            ApplicationEventPublisher events, ObjectMapper json, Clock clock, PlatformTransactionManager transactions) {
        this.leads = leads;
        this.scoring = scoring;
        this.scoringProperties = scoringProperties;
        this.sla = sla;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The result of an upsert: the lead and whether it was new. */
    public record Upserted(Lead lead, boolean created) {
    }

    /** The lead's score and stage after an activity. */
    public record ActivityRecorded(String leadId, int score, Stage stage) {
    }

    /**
     * Creates the lead, or updates the profile of the lead already known by {@code externalId}
     * (else by {@code email}). Safe when the same lead arrives twice at once: the loser of the
     * race updates the winner's row.
     */
    public Upserted upsert(LeadInput raw) {
        LeadInput in = normalize(raw);
        try {
            return tx.execute(status -> upsertOnce(in));
        } catch (DuplicateKeyException raced) {
            return tx.execute(status -> upsertOnce(in));
        }
    }

    private Upserted upsertOnce(LeadInput in) {
        Instant now = clock.instant();
        Optional<Lead> known = in.externalId() != null ? leads.byExternalId(in.externalId()) : Optional.empty();
        if (known.isEmpty()) {
            known = leads.byEmail(in.email());
            // the same externalId may have been committed by a concurrent post between the two reads
            if (known.isPresent() && in.externalId() != null && known.get().externalId() != null
                    && !known.get().externalId().equals(in.externalId())) {
                throw new InvalidInputException("email", in.email(),
                        "belongs to the lead with externalId " + known.get().externalId());
            }
        } else if (!known.get().email().equals(in.email())) {
            Optional<Lead> other = leads.byEmail(in.email());
            if (other.isPresent() && !other.get().id().equals(known.get().id())) {
                throw new InvalidInputException("email", in.email(), "belongs to another lead");
            }
        }
        String id;
        boolean created = known.isEmpty();
        if (created) {
            id = UUID.randomUUID().toString();
            leads.insert(id, in, now);
        } else {
            id = known.get().id();
            leads.updateProfile(id, in, now);
        }
        rescore(leads.lock(id).orElseThrow(), scoring.rules(), created ? ScoreCause.CREATED : ScoreCause.PROFILE,
                null, null, now);
        return new Upserted(leads.byId(id).orElseThrow(), created);
    }

    /** Records an activity once (an {@code id} already seen is ignored) and re-scores the lead. */
    @Transactional
    public ActivityRecorded recordActivity(String leadId, ActivityInput in) {
        Lead lead = leads.lock(leadId).orElseThrow(() -> new NotFoundException("No lead with id " + leadId));
        if (in.id() != null && leads.hasActivity(leadId, in.id())) {
            return new ActivityRecorded(leadId, lead.score(), lead.stage());
        }
        Instant now = clock.instant();
        Instant occurredAt = in.occurredAt() == null ? now : in.occurredAt();
        if (occurredAt.isAfter(now.plusSeconds(300))) {
            throw new InvalidInputException("occurredAt", in.occurredAt(), "must not be in the future");
        }
        ScoringRules rules = scoring.rules();
        ActivityPoints points = rules.activity(in.type(), in.properties());
        leads.insertActivity(leadId, in, points, toJson(in), occurredAt, now);
        rescore(lead, rules, ScoreCause.ACTIVITY, in.type(), in.id(), now);
        events.publishEvent(new ActivityLogged(leadId, in.type(), occurredAt));
        Lead after = leads.byId(leadId).orElseThrow();
        return new ActivityRecorded(leadId, after.score(), after.stage());
    }

    /** Why a lead was re-scored, as its score history names it. */
    enum ScoreCause {
        CREATED, PROFILE, ACTIVITY, DECAY, RULES
    }

    /** A lead about to get a new score: the lead as it was, the new score, its old explanation. */
    private record Rescore(Lead lead, Score score, boolean unsubscribed, List<ScorePart> previousParts) {

        boolean changed() {
            return lead.score() != score.total() || lead.fitScore() != score.fit()
                    || lead.engagementScore() != score.engagement()
                    || !String.valueOf(score.grade()).equals(lead.grade())
                    || (!IN_HANDOFF.contains(lead.stage()) && !score.priority().name().equals(lead.priority()))
                    || !previousParts.equals(score.parts());
        }
    }

    private void rescore(Lead lead, ScoringRules rules, ScoreCause cause, ActivityType trigger, String triggerKey,
            Instant now) {
        List<ScoredActivity> activities = leads.scoredActivities(lead.id());
        Score score = scoring.score(rules, lead.profile(), activities, now);
        apply(List.of(new Rescore(lead, score, unsubscribed(activities), leads.scoreParts(lead.id()))), cause,
                trigger, triggerKey, now);
    }

    private static boolean unsubscribed(List<ScoredActivity> activities) {
        return activities.stream().anyMatch(a -> a.type() == ActivityType.UNSUBSCRIBED);
    }

    /** Stores the scores that changed (with a history row each), then qualifies the leads that now qualify. */
    private int apply(List<Rescore> rescores, ScoreCause cause, ActivityType trigger, String triggerKey, Instant now) {
        List<Leads.ScoreChange> changes = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (Rescore r : rescores) {
            if (r.changed()) {
                changes.add(new Leads.ScoreChange(r.lead().id(), r.score(), r.lead().score(), cause.name(), trigger,
                        triggerKey, partsJson(r.score().parts())));
            } else {
                unchanged.add(r.lead().id());
            }
        }
        leads.saveScores(changes, now);
        leads.markScored(unchanged, now);
        for (Rescore r : rescores) {
            qualifyIfDue(r, trigger, now);
        }
        return changes.size();
    }

    /**
     * A hand-raiser qualifies at once, anyone else on reaching the MQL bar; a recycled lead's score
     * qualifies it only after the cool-down; an unsubscribed lead never qualifies.
     */
    private void qualifyIfDue(Rescore r, ActivityType trigger, Instant now) {
        Lead lead = r.lead();
        if (r.unsubscribed() || !QUALIFIABLE.contains(lead.stage())) {
            return;
        }
        boolean handRaised = trigger != null && trigger.isHandRaiser();
        if (!scoring.qualifies(r.score(), handRaised)) {
            return;
        }
        if (!handRaised && lead.stage() == Stage.RECYCLED && leads.recycledAt(lead.id())
                .map(at -> now.isBefore(at.plus(scoringProperties.recycleCoolDown()))).orElse(false)) {
            return;
        }
        if (leads.changeStage(lead.id(), QUALIFIABLE, Stage.MQL, now)) {
            String reason = handRaised ? "Hand-raiser: " + trigger
                    : "Score " + r.score().total() + " reached the MQL bar";
            leads.appendHistory(lead.id(), Stage.MQL, now, null, reason);
            events.publishEvent(new LeadQualified(lead.id()));
        }
    }

    @Override
    public Rescored rescoreOpenLeads() {
        return rescoreInBatches(false);
    }

    @Override
    public Rescored rescoreDecaying() {
        return rescoreInBatches(true);
    }

    /**
     * Re-scores open leads a batch at a time, each batch in its own transaction: one query reads
     * the leads (locked), one their activities, one their explanations; the writes are batched.
     * With {@code decayingOnly} just the leads holding fading activity, with the points they
     * already have; otherwise every open lead, its activities re-evaluated with the current rules.
     */
    private Rescored rescoreInBatches(boolean decayingOnly) {
        ScoringRules rules = scoring.rules();
        int size = Math.max(1, scoringProperties.decay().batchSize());
        String after = "";
        int rescored = 0;
        int changed = 0;
        while (true) {
            String from = after;
            int[] batch = new int[2];
            String last = tx.execute(status -> rescoreBatch(from, rules, decayingOnly, size, batch));
            rescored += batch[0];
            changed += batch[1];
            if (last == null || batch[0] < size) {
                return new Rescored(rescored, changed);
            }
            after = last;
        }
    }

    private String rescoreBatch(String after, ScoringRules rules, boolean decayingOnly, int size, int[] counts) {
        List<String> ids = leads.leadIdsAfter(after, OPEN, decayingOnly, size);
        if (ids.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        List<Lead> locked = leads.lockAll(ids);
        Map<String, List<Leads.StoredActivity>> activities = leads.storedActivities(ids);
        Map<String, List<ScorePart>> parts = leads.scoreParts(ids);
        Map<Long, ActivityPoints> repointed = new HashMap<>();
        List<Rescore> rescores = new ArrayList<>(locked.size());
        for (Lead lead : locked) {
            List<ScoredActivity> scored = new ArrayList<>();
            for (Leads.StoredActivity a : activities.getOrDefault(lead.id(), List.of())) {
                ScoredActivity s = a.scored();
                if (!decayingOnly) {
                    ActivityPoints current = rules.activity(s.type(), fromJson(a.properties()));
                    if (!current.equals(s.points())) {
                        repointed.put(a.id(), current);
                        s = new ScoredActivity(s.type(), s.occurredAt(), current);
                    }
                }
                scored.add(s);
            }
            Score score = scoring.score(rules, lead.profile(), scored, now);
            rescores.add(new Rescore(lead, score, unsubscribed(scored), parts.getOrDefault(lead.id(), List.of())));
        }
        leads.updateActivityPoints(repointed);
        counts[0] = locked.size();
        counts[1] = apply(rescores, decayingOnly ? ScoreCause.DECAY : ScoreCause.RULES, null, null, now);
        return ids.get(ids.size() - 1);
    }

    @Transactional(readOnly = true)
    public Lead get(String id) {
        return leads.byId(id).orElseThrow(() -> new NotFoundException("No lead with id " + id));
    }

    @Transactional(readOnly = true)
    public LeadView view(String id) {
        Lead lead = get(id);
        List<LeadView.ScoreChange> scoreHistory = leads.scoreHistory(id, SCORE_HISTORY).stream()
                .map(h -> new LeadView.ScoreChange(h.at(), h.score(), h.change(), h.cause(),
                        h.activityType() == null ? null : ActivityType.valueOf(h.activityType()), h.activityKey(),
                        partsFromJson(h.parts())))
                .toList();
        return LeadView.of(lead, leads.scoreParts(id), sla.current(id).orElse(null), leads.history(id), scoreHistory);
    }

    // --- stage changes made by the handoff process ---

    @Transactional
    public void handoffStarted(String leadId, String handoffId) {
        leads.setHandoff(leadId, handoffId);
    }

    @Transactional
    public void routed(String leadId, String team) {
        leads.setTeam(leadId, team);
    }

    /** Routing (the LeadRouting table) picked the team and may have raised or lowered the priority. */
    @Transactional
    public void routed(String leadId, String team, String priority) {
        leads.setTeamAndPriority(leadId, team, priority);
    }

    @Transactional
    public void assigned(String leadId, String owner) {
        leads.setOwner(leadId, owner);
    }

    /** The rep accepted the lead (or a manager took it over): SAL. Already SAL stays SAL. */
    @Transactional
    public void accepted(String leadId, String by) {
        move(leadId, List.of(Stage.MQL), Stage.SAL, by, null);
    }

    @Transactional
    public void qualified(String leadId, String handoffId, int attempt, DiscoveryNotes notes, String by) {
        leads.insertCall(leadId, handoffId, attempt, "QUALIFIED", notes, clock.instant(), by);
        move(leadId, List.of(Stage.SAL), Stage.SQL, by, null);
    }

    @Transactional
    public void callAttempted(String leadId, String handoffId, int attempt, String outcome, DiscoveryNotes notes,
            String by) {
        leads.insertCall(leadId, handoffId, attempt, outcome, notes, clock.instant(), by);
    }

    @Transactional
    public void recycled(String leadId, String by, String reason) {
        move(leadId, IN_HANDOFF, Stage.RECYCLED, by, reason);
    }

    @Transactional
    public void disqualified(String leadId, String by, String reason) {
        move(leadId, IN_HANDOFF, Stage.DISQUALIFIED, by, reason);
    }

    private void move(String leadId, List<Stage> from, Stage to, String by, String reason) {
        Instant now = clock.instant();
        if (leads.changeStage(leadId, from, to, now)) {
            leads.appendHistory(leadId, to, now, by, reason);
        }
    }

    /** One thing the lead did, as the lead page's timeline shows it. */
    public record Activity(ActivityType type, Instant occurredAt, int points) {
    }

    /** One discovery-call attempt a rep logged: outcome, BANT and notes. */
    public record Call(int attempt, String outcome, DiscoveryNotes notes, Instant at, String by) {
    }

    /** The lead's activities, newest first (at most {@code limit}). */
    @Transactional(readOnly = true)
    public List<Activity> timeline(String leadId, int limit) {
        return leads.activities(leadId, limit);
    }

    /** The discovery calls logged for the lead, newest first. */
    @Transactional(readOnly = true)
    public List<Call> calls(String leadId) {
        return leads.calls(leadId);
    }

    private static LeadInput normalize(LeadInput in) {
        return new LeadInput(blankToNull(in.externalId()), in.email().trim().toLowerCase(Locale.ROOT),
                blankToNull(in.firstName()), blankToNull(in.lastName()), blankToNull(in.company()),
                blankToNull(in.jobTitle()), in.companySize(), blankToNull(in.industry()),
                in.country() == null ? null : in.country().trim().toUpperCase(Locale.ROOT), blankToNull(in.source()),
                blankToNull(in.phone()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private String partsJson(List<ScorePart> parts) {
        try {
            return json.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("score parts are plain records", e);
        }
    }

    private List<ScorePart> partsFromJson(String text) {
        try {
            return List.of(json.readValue(text, ScorePart[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private Map<String, String> fromJson(String properties) {
        if (properties == null) {
            return Map.of();
        }
        try {
            return json.readValue(properties, PROPERTIES);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private String toJson(ActivityInput in) {
        if (in.properties() == null || in.properties().isEmpty()) {
            return null;
        }
        try {
            String text = json.writeValueAsString(in.properties());
            if (text.length() > 4000) {
                throw new InvalidInputException("properties", null, "must be at most 4000 characters as JSON");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("properties", null, "must be a flat object of strings");
        }
    }
}
