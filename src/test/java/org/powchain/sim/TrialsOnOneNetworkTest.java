package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Double-spend trials run one after another on one warm network (docs/SIMULATION.md, "Trials on
 * one network") are as independent as trials on networks of their own: each starts from a quiet
 * network on the public tip, and mining is memoryless, so nothing of one trial reaches the next.
 * Measured, not only argued: the outcome of a trial does not predict the next one's, and the rate is
 * the one fresh networks give.
 */
@Tag("sim")
class TrialsOnOneNetworkTest {
    /** At q = 0.3, z = 1 the rate is about 0.5 (Rosenfeld 0.51), where a dependence is easiest to see. */
    private static final double Q = 0.3;
    private static final int Z = 1;

    @Test
    void aTrialsOutcomeDoesNotPredictTheNextOnes() {
        int n = 3_000;
        DoubleSpendScenario.Result r = DoubleSpendScenario.run(new DoubleSpendScenario.Options(Q, Z, n, 2, 600, 50, 4, 21),
                t -> { });
        List<DoubleSpendScenario.Trial> log = r.trialLog();
        assertThat(log).hasSize(n);
        // lag-1 correlation of the outcomes: about N(0, 1/n) for independent trials, so |r| < 3.3/sqrt(n) at 99.9%
        double[] x = log.stream().mapToDouble(t -> t.reversed() ? 1 : 0).toArray();
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            den += (x[i] - mean) * (x[i] - mean);
            if (i > 0) {
                num += (x[i] - mean) * (x[i - 1] - mean);
            }
        }
        assertThat(Math.abs(num / den)).isLessThan(3.3 / Math.sqrt(n));
        // and the rate after a success is the rate after a failure (two-proportion z, 99.9%)
        long afterSuccess = 0;
        long successAfterSuccess = 0;
        long afterFailure = 0;
        long successAfterFailure = 0;
        for (int i = 1; i < n; i++) {
            if (x[i - 1] == 1) {
                afterSuccess++;
                successAfterSuccess += (long) x[i];
            } else {
                afterFailure++;
                successAfterFailure += (long) x[i];
            }
        }
        assertThat(Math.abs(twoProportionZ(successAfterSuccess, afterSuccess, successAfterFailure, afterFailure))).isLessThan(3.3);
        assertThat(r.rosenfeld()).isBetween(r.ci99Low(), r.ci99High());
    }

    @Test
    void trialsOnOneNetworkGiveTheRateThatFreshNetworksGive() {
        int fresh = 400;
        long freshReversed = 0;
        double freshSuccesses = 0; // reversed, plus the catch-up chance of the trials given up
        for (int i = 0; i < fresh; i++) { // one trial a network, each its own seed: what every task was before
            DoubleSpendScenario.Result one = DoubleSpendScenario.run(new DoubleSpendScenario.Options(Q, Z, 1, 2, 600, 50, 4,
                    ScenarioRunner.seed(5, 0, i)), t -> { });
            freshReversed += one.reversed();
            freshSuccesses += one.successes();
        }
        DoubleSpendScenario.Result warm = DoubleSpendScenario.run(new DoubleSpendScenario.Options(Q, Z, 2_000, 2, 600, 50, 4, 5),
                t -> { });
        // the payments seen reversed are 0-or-1 trials on both: the same proportion
        assertThat(Math.abs(twoProportionZ(freshReversed, fresh, warm.reversed(), warm.trials()))).isLessThan(3.3);
        assertThat(Literature.rosenfeld(Q, Z)).isBetween(warm.ci99Low(), warm.ci99High());
        double[] freshCi = Literature.wilson(freshSuccesses, fresh, Literature.Z99);
        assertThat(Literature.rosenfeld(Q, Z)).isBetween(freshCi[0], freshCi[1]);
    }

    @Test
    void everyTrialStartsFromAQuietNetworkWithNoTimerPending() {
        Simulation sim = new Simulation(Simulation.pinned(4), 3, 600_000);
        List<SimNode> nodes = List.of(sim.addNode(8, 0), sim.addNode(8, 0), sim.addNode(8, 0));
        sim.connectRandomly(nodes, nodes, 2);
        sim.randomLatency(50);
        nodes.forEach(n -> sim.addMiner(n, 1.0 / 3, HashPower.submitTo(n)));
        sim.settle(30_000);
        // a timer is never done: with timers running the network cannot fall quiet
        assertThatThrownBy(sim::quiesce).isInstanceOf(IllegalStateException.class).hasMessageContaining("timers");
        sim.timers(false);
        sim.mineBlocks(20, 0);
        sim.quiesce();
        assertThat(sim.scheduler().pending()).isZero();
        assertThat(nodes).allSatisfy(n -> assertThat(n.queries().tipNode().hash())
                .isEqualTo(nodes.get(0).queries().tipNode().hash()));
        assertThat(nodes.get(0).queries().height()).isGreaterThanOrEqualTo(15);
        // restarted, the timers tick again
        sim.timers(true);
        assertThat(sim.scheduler().pending()).isEqualTo(nodes.size());
    }

    private static double twoProportionZ(long k1, long n1, long k2, long n2) {
        double p1 = (double) k1 / n1;
        double p2 = (double) k2 / n2;
        double p = (double) (k1 + k2) / (n1 + n2);
        return (p1 - p2) / Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
    }
}
