package org.leadhandoff.routing;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leadhandoff.security.CurrentUser;
import org.leadhandoff.web.FieldProblem;
import org.leadhandoff.web.InvalidInputException;
import org.leadhandoff.web.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The reps of the teams the caller manages: what routing needs to know about them, and changes to it. */
@Service
public class Reps {

    static final int MAX_WEIGHT = 100;
    static final int MAX_CAPACITY = 1000;
    static final int MAX_LEAVE_PERIODS = 50;

    private final Teams teams;
    private final CurrentUser currentUser;
    private final java.time.Clock clock;

    Reps(Teams teams, CurrentUser currentUser, java.time.Clock clock) {
        this.teams = teams;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** The caller's reps, by team and name. */
    @Transactional(readOnly = true)
    public List<Rep> mine() {
        List<Teams.RepRow> rows = teams.repsOf(teams.ids().stream().filter(currentUser::isManagerOf).toList());
        Map<String, List<Leave>> leave = teams.leave(rows.stream().map(Teams.RepRow::userId).toList());
        return rows.stream().map(r -> view(r, leave.getOrDefault(r.userId(), List.of()))).toList();
    }

    /** One of the caller's reps; unknown is 404, another manager's rep 403. */
    @Transactional(readOnly = true)
    Rep get(String user) {
        Teams.RepRow row = managed(user);
        return view(row, teams.leave(List.of(user)).getOrDefault(user, List.of()));
    }

    /** Whether the rep is away today, counted in their team's time zone. */
    @Transactional(readOnly = true)
    boolean awayToday(Rep rep) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(teams.timeZone(rep.team())));
        return rep.leave().stream().anyMatch(l -> l.covers(today));
    }

    /** Applies a manager's change after checking every field; nothing changes when one is bad. */
    @Transactional
    Rep change(String user, RepChange change) {
        Teams.RepRow row = managed(user);
        List<FieldProblem> problems = problems(change);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        teams.lockRep(user);
        row = teams.rep(user).orElseThrow();
        teams.update(user, change.active() == null ? row.active() : change.active(),
                change.weight() == null ? row.weight() : change.weight(),
                change.capacity() == null ? row.capacity() : change.capacity());
        if (change.leave() != null) {
            teams.replaceLeave(user, change.leave().stream()
                    .sorted(java.util.Comparator.comparing(Leave::from)).toList());
        }
        return get(user);
    }

    static List<FieldProblem> problems(RepChange change) {
        List<FieldProblem> problems = new ArrayList<>();
        if (change.weight() != null && (change.weight() < 1 || change.weight() > MAX_WEIGHT)) {
            problems.add(new FieldProblem("weight", change.weight(), "must be between 1 and " + MAX_WEIGHT
                    + " (a rep's share of the team's leads is their weight over the team's total)"));
        }
        if (change.capacity() != null && (change.capacity() < 0 || change.capacity() > MAX_CAPACITY)) {
            problems.add(new FieldProblem("capacity", change.capacity(), "must be between 0 and " + MAX_CAPACITY
                    + " (open handoffs at most)"));
        }
        if (change.leave() != null) {
            if (change.leave().size() > MAX_LEAVE_PERIODS) {
                problems.add(new FieldProblem("leave", change.leave().size() + " periods",
                        "must hold at most " + MAX_LEAVE_PERIODS + " periods"));
            }
            for (int i = 0; i < change.leave().size(); i++) {
                Leave l = change.leave().get(i);
                String at = "leave[" + i + "]";
                if (l == null) {
                    problems.add(new FieldProblem(at, null, "must be {\"from\": date, \"to\": date}"));
                    continue;
                }
                if (l.from() == null) {
                    problems.add(new FieldProblem(at + ".from", null, "is required (an ISO date such as 2026-12-24)"));
                }
                if (l.to() == null) {
                    problems.add(new FieldProblem(at + ".to", null, "is required (an ISO date such as 2026-12-31)"));
                }
                if (l.from() != null && l.to() != null && l.to().isBefore(l.from())) {
                    problems.add(new FieldProblem(at + ".to", l.to().toString(),
                            "must not be before from (" + l.from() + "); both days are included"));
                }
            }
        }
        return problems;
    }

    private Teams.RepRow managed(String user) {
        Teams.RepRow row = teams.rep(user).orElseThrow(() -> new NotFoundException("No rep " + user));
        if (!currentUser.isManagerOf(row.team())) {
            throw new AccessDeniedException("You do not manage team " + row.team() + " of rep " + user);
        }
        return row;
    }

    private static Rep view(Teams.RepRow r, List<Leave> leave) {
        return new Rep(r.userId(), r.team(), r.active(), r.weight(), r.capacity(), r.openHandoffs(), List.copyOf(leave));
    }
}
