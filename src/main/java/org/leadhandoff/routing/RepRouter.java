package org.leadhandoff.routing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the team for a lead and the next rep to get it: round robin over the team's active
 * reps with room, skipping reps who already had the lead. The position lives in the database
 * under a row lock, so it stays fair across restarts and nodes.
 */
@Service
public class RepRouter {

    private final Teams teams;

    RepRouter(Teams teams) {
        this.teams = teams;
    }

    /** The team serving the country, or another team when that one already said it is not theirs. */
    @Transactional(readOnly = true)
    public String teamFor(String country, Collection<String> excludedTeams) {
        List<String> known = teams.ids();
        if (known.isEmpty()) {
            throw new IllegalStateException("No sales teams are configured; leads cannot be routed");
        }
        String team = Territories.teamFor(country);
        if (!known.contains(team)) {
            throw new IllegalStateException("Team " + team + " serving country " + country + " is not configured");
        }
        if (!excludedTeams.contains(team)) {
            return team;
        }
        // every other team in a stable order; when all turned it down, it goes back to its home team
        return known.stream().filter(t -> !excludedTeams.contains(t)).findFirst().orElse(team);
    }

    /** The next rep of the team in rotation, or empty when nobody can take it (team queue). */
    @Transactional
    public Optional<String> nextRep(String team, Collection<String> excludedReps) {
        long sequence = teams.lockSequence(team);
        Optional<String> rep = teams.activeReps(team).stream()
                .filter(c -> !excludedReps.contains(c.userId()))
                .filter(c -> c.openHandoffs() < c.capacity())
                .map(Teams.Candidate::userId)
                .findFirst();
        rep.ifPresent(r -> teams.markAssigned(team, r, sequence + 1));
        return rep;
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
