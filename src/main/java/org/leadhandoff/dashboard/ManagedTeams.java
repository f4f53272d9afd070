package org.leadhandoff.dashboard;

import java.time.LocalDate;
import java.util.List;
import org.leadhandoff.security.CurrentUser;
import org.leadhandoff.web.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** Which teams' figures the signed-in manager may see, narrowed to one team when asked. */
@Component
class ManagedTeams {

    private final SlaFigures figures;
    private final CurrentUser currentUser;

    ManagedTeams(SlaFigures figures, CurrentUser currentUser) {
        this.figures = figures;
        this.currentUser = currentUser;
    }

    List<SlaFigures.TeamZone> all() {
        return figures.teams().stream().filter(t -> currentUser.isManagerOf(t.team())).toList();
    }

    /** The caller's teams, or just {@code team}: 400 when no such team exists, 403 when it is not theirs. */
    List<SlaFigures.TeamZone> select(String team) {
        if (team == null || team.isBlank()) {
            return all();
        }
        List<SlaFigures.TeamZone> known = figures.teams();
        SlaFigures.TeamZone chosen = known.stream().filter(t -> t.team().equals(team.trim())).findFirst()
                .orElseThrow(() -> new InvalidInputException("team", team, "must be one of "
                        + known.stream().map(SlaFigures.TeamZone::team).toList()));
        if (!currentUser.isManagerOf(chosen.team())) {
            throw new AccessDeniedException("You do not manage team " + chosen.team());
        }
        return List.of(chosen);
    }

    /** Today as the first of the teams counts it (reports default to the days up to today). */
    LocalDate today(List<SlaFigures.TeamZone> teams, java.time.Clock clock) {
        return LocalDate.now(clock.withZone(teams.isEmpty() ? java.time.ZoneOffset.UTC : teams.get(0).zone()));
    }
}
