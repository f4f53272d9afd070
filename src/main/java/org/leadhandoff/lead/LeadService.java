package org.leadhandoff.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.scoring.EngagementTotal;
import org.leadhandoff.scoring.LeadScoring;
import org.leadhandoff.scoring.Score;
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
public class LeadService {

    private static final List<Stage> QUALIFIABLE = List.of(Stage.LEAD, Stage.RECYCLED);
    private static final List<Stage> IN_HANDOFF = List.of(Stage.MQL, Stage.SAL);

    private final Leads leads;
    private final LeadScoring scoring;
    private final SlaService sla;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;

    LeadService(Leads leads, LeadScoring scoring, SlaService sla, ApplicationEventPublisher events, ObjectMapper json,
            Clock clock, PlatformTransactionManager transactions) {
        this.leads = leads;
        this.scoring = scoring;
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
            if (known.isPresent() && in.externalId() != null && known.get().externalId() != null) {
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
        rescore(leads.lock(id).orElseThrow(), null, now);
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
        leads.insertActivity(leadId, in, scoring.pointsFor(in.type()), toJson(in), occurredAt, now);
        rescore(lead, in.type(), now);
        events.publishEvent(new ActivityLogged(leadId, in.type(), occurredAt));
        Lead after = leads.byId(leadId).orElseThrow();
        return new ActivityRecorded(leadId, after.score(), after.stage());
    }

    private void rescore(Lead lead, ActivityType trigger, Instant now) {
        List<EngagementTotal> engagement = leads.engagement(lead.id());
        Score score = scoring.score(lead.profile(), engagement);
        leads.saveScore(lead.id(), score, now);
        boolean unsubscribed = engagement.stream().anyMatch(t -> t.type() == ActivityType.UNSUBSCRIBED);
        boolean handRaised = trigger != null && trigger.isHandRaiser();
        if (!unsubscribed && QUALIFIABLE.contains(lead.stage()) && scoring.qualifies(score, handRaised)
                && leads.changeStage(lead.id(), QUALIFIABLE, Stage.MQL, now)) {
            String reason = handRaised ? "Hand-raiser: " + trigger : "Score " + score.total() + " reached the MQL bar";
            leads.appendHistory(lead.id(), Stage.MQL, now, null, reason);
            events.publishEvent(new LeadQualified(lead.id()));
        }
    }

    @Transactional(readOnly = true)
    public Lead get(String id) {
        return leads.byId(id).orElseThrow(() -> new NotFoundException("No lead with id " + id));
    }

    @Transactional(readOnly = true)
    public LeadView view(String id) {
        Lead lead = get(id);
        return LeadView.of(lead, leads.scoreParts(id), sla.current(id).orElse(null), leads.history(id));
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
