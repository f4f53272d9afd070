package org.leadhandoff.routing;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.scoring.Priority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the team and priority for a lead (the LeadRouting decision table) and the next rep to get
 * it (weighted round robin over the reps who can take it, see {@link RoundRobin}). The position lives
 * in the database under the team's row lock, so it stays fair across restarts and nodes, and two
 * assignments at once never push a rep past their capacity.
 */
@Service
public class RepRouter {

    private final Teams teams;
    private final RoutingTable table;
    private final java.time.Clock clock;

    RepRouter(Teams teams, RoutingTable table, java.time.Clock clock) {
        this.teams = teams;
        this.table = table;
        this.clock = clock;
    }

    /** Where a lead goes and how fast sales must react. */
    public record Route(String team, Priority priority) {
    }

    /**
     * The team and priority the decision table gives; a team that already said the lead is not theirs
     * (WRONG_TERRITORY) is passed over for another one.
     */
    @Transactional(readOnly = true)
    public Route route(Lead lead, Collection<String> excludedTeams) {
        RoutingTable.Answer answer = table.evaluate(lead);
        return new Route(otherTeamIfExcluded(answer.team(), lead.country(), excludedTeams), answer.priority());
    }

    /** The team serving the country, or another team when that one already said it is not theirs. */
    @Transactional(readOnly = true)
    public String teamFor(String country, Collection<String> excludedTeams) {
        return otherTeamIfExcluded(table.evaluate(country, null, null, null, null).team(), country, excludedTeams);
    }

    private String otherTeamIfExcluded(String team, String country, Collection<String> excludedTeams) {
        List<String> known = teams.ids();
        if (known.isEmpty()) {
            throw new IllegalStateException("No sales teams are configured; leads cannot be routed");
        }
        if (!known.contains(team)) {
            throw new IllegalStateException("Team " + team + " serving country " + country + " is not configured");
        }
        if (!excludedTeams.contains(team)) {
            return team;
        }
        // every other team in a stable order; when all turned it down, it goes back to its home team
        return known.stream().filter(t -> !excludedTeams.contains(t)).findFirst().orElse(team);
    }

    /**
     * The next rep of the team by weighted round robin among those active, not on leave today (in the
     * team's time zone), below capacity and not in {@code excludedReps} (who already let this lead
     * lapse); empty when nobody can take it (the team queue).
     */
    @Transactional
    public Optional<String> nextRep(String team, Collection<String> excludedReps) {
        Teams.Position position = teams.lockPosition(team);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(position.timeZone()));
        Set<String> away = Set.copyOf(teams.onLeave(team, today));
        List<RoundRobin.Candidate> eligible = teams.reps(team).stream()
                .filter(Teams.RepRow::active)
                .filter(r -> r.openHandoffs() < r.capacity())
                .filter(r -> !away.contains(r.userId()))
                .filter(r -> !excludedReps.contains(r.userId()))
                .map(r -> new RoundRobin.Candidate(r.userId(), r.weight(), r.pass()))
                .toList();
        Optional<RoundRobin.Pick> pick = RoundRobin.pick(eligible, position.floor());
        pick.ifPresent(p -> teams.markAssigned(team, p.userId(), position.sequence() + 1, p.floor(), p.pass()));
        return pick.map(RoundRobin.Pick::userId);
    }

    @Transactional(readOnly = true)
    public Optional<String> teamOf(String rep) {
        return teams.teamOf(rep);
    }

    @Transactional(readOnly = true)
    public Optional<String> managerOf(String team) {
        return teams.manager(team);
    }
}
