package org.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The weighted round robin's arithmetic, without a database: shares follow weights, returning reps get no flood. */
class RoundRobinTest {

    /** A team in memory: reps with weights, their passes and the floor, as the database would keep them. */
    private static final class Team {
        final Map<String, Integer> weights = new HashMap<>();
        final Map<String, Long> passes = new HashMap<>();
        final Map<String, Integer> counts = new HashMap<>();
        long floor;

        Team rep(String user, int weight) {
            weights.put(user, weight);
            passes.put(user, 0L);
            counts.put(user, 0);
            return this;
        }

        String assign(Set<String> unavailable) {
            List<RoundRobin.Candidate> eligible = new ArrayList<>();
            weights.forEach((user, weight) -> {
                if (!unavailable.contains(user)) {
                    eligible.add(new RoundRobin.Candidate(user, weight, passes.get(user)));
                }
            });
            RoundRobin.Pick pick = RoundRobin.pick(eligible, floor).orElse(null);
            if (pick == null) {
                return null;
            }
            passes.put(pick.userId(), pick.pass());
            floor = pick.floor();
            counts.merge(pick.userId(), 1, Integer::sum);
            return pick.userId();
        }
    }

    /** Tolerance: each rep's share of 1,000 leads is within 2 percentage points of weight / total. */
    @ParameterizedTest(name = "weights {0}")
    @CsvSource({"1 1", "1 2 3 4", "5 1 1", "3 7 10 2 1", "1 1 1 1 1 1 1 17"})
    void sharesFollowTheWeightsOverAThousandLeads(String weights) {
        Team team = new Team();
        String[] w = weights.split(" ");
        int total = 0;
        for (int i = 0; i < w.length; i++) {
            team.rep("rep" + i, Integer.parseInt(w[i]));
            total += Integer.parseInt(w[i]);
        }
        for (int n = 0; n < 1000; n++) {
            team.assign(Set.of());
        }
        for (int i = 0; i < w.length; i++) {
            double expected = Integer.parseInt(w[i]) / (double) total;
            double actual = team.counts.get("rep" + i) / 1000.0;
            assertThat(actual).as("share of rep%d (weight %s)", i, w[i]).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(0.02));
            // stride scheduling is in fact off by at most a lead or so per rep in the team
            assertThat((double) team.counts.get("rep" + i)).isCloseTo(expected * 1000,
                    org.assertj.core.data.Offset.offset((double) w.length));
        }
    }

    @Test
    void equalWeightsTakeTurns() {
        Team team = new Team().rep("alice", 1).rep("bob", 1);
        List<String> order = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            order.add(team.assign(Set.of()));
        }
        assertThat(order).containsExactly("alice", "bob", "alice", "bob", "alice", "bob");
    }

    @Test
    void aRepWhoCannotTakeLeadsIsSkippedAndComesBackWithoutAFloodOfCatchUpLeads() {
        Team team = new Team().rep("alice", 1).rep("bob", 1).rep("carol", 1);
        for (int n = 0; n < 90; n++) {
            assertThat(team.assign(Set.of("carol"))).isNotEqualTo("carol");
        }
        assertThat(team.counts).containsEntry("alice", 45).containsEntry("bob", 45).containsEntry("carol", 0);
        // back from leave: a fair third of what comes next, not the 30 leads she "missed"
        for (int n = 0; n < 30; n++) {
            team.assign(Set.of());
        }
        assertThat(team.counts.get("carol")).isBetween(9, 11);
    }

    @Test
    void nobodyAvailableMeansNoPick() {
        Team team = new Team().rep("alice", 1);
        assertThat(team.assign(Set.of("alice"))).isNull();
        assertThat(RoundRobin.pick(List.of(), 0)).isEmpty();
    }

    @Test
    void aWeightChangeTakesEffectFromTheNextLead() {
        Team team = new Team().rep("alice", 1).rep("bob", 1);
        for (int n = 0; n < 10; n++) {
            team.assign(Set.of());
        }
        team.weights.put("alice", 3);
        team.counts.replaceAll((k, v) -> 0);
        for (int n = 0; n < 40; n++) {
            team.assign(Set.of());
        }
        assertThat(team.counts.get("alice")).isBetween(29, 31);
    }
}
