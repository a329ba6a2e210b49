package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.sim.SelfishMiningRule.Move;

/**
 * The selfish pool's rule, which the simulator's pool and the devnet's live attack both follow:
 * its moves are Eyal and Sirer's Algorithm 1, and played long in their own model it earns what
 * their closed form says.
 */
@Tag("unit")
class SelfishMiningRuleTest {
    @Test
    void movesAreAlgorithmOne() {
        SelfishMiningRule rule = new SelfishMiningRule();
        assertThat(rule.othersFound(0)).isEqualTo(Move.ADOPT);
        assertThat(rule.poolFound(0)).as("a first secret block").isEqualTo(Move.WITHHOLD);
        assertThat(rule.othersFound(1)).as("caught up: race").isEqualTo(Move.MATCH);
        assertThat(rule.poolFound(0)).as("the pool wins its race").isEqualTo(Move.PUBLISH_ALL);
        assertThat(rule.poolFound(0)).isEqualTo(Move.WITHHOLD);
        assertThat(rule.poolFound(1)).isEqualTo(Move.WITHHOLD);
        assertThat(rule.poolFound(2)).isEqualTo(Move.WITHHOLD);
        assertThat(rule.othersFound(3)).as("well ahead").isEqualTo(Move.PUBLISH_FIRST);
        assertThat(rule.othersFound(2)).as("a lead of one left: override").isEqualTo(Move.PUBLISH_ALL);
        assertThat(rule.poolFound(0)).as("a new branch, not a race").isEqualTo(Move.WITHHOLD);
    }

    @Test
    void playedLongInTheirModelItEarnsTheClosedForm() {
        for (double[] ag : new double[][] {{0.35, 0.5}, {0.25, 0}, {0.45, 1}, {0.1, 0.5}}) {
            double share = SelfishMiningRule.playModel(ag[0], ag[1], 400_000, new SplittableRandom(7));
            assertThat(share).as("alpha %s gamma %s", ag[0], ag[1])
                    .isCloseTo(Literature.selfishMiningRevenue(ag[0], ag[1]), within(0.006));
        }
    }

    @Test
    void shortRunsSpreadAroundIt() {
        double[] r = SelfishMiningRule.spread(0.35, 0.5, 30, 4000, 1);
        double closed = Literature.selfishMiningRevenue(0.35, 0.5);
        assertThat(r[0]).isLessThan(closed - 0.1);
        assertThat(r[2]).isGreaterThan(closed + 0.1);
        assertThat(r[1]).isCloseTo(closed, within(0.1));
    }
}
