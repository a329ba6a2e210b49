package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The scenario skeleton: one list of scenarios, and results written to JSON by Jackson in the fields' declared order. */
@Tag("unit")
class ScenariosTest {
    @Test
    void everyScenarioHasItsOwnNameAndAtLeastOnePoint() {
        List<Scenario<?, ?>> all = Scenarios.all();
        assertThat(all.stream().map(Scenario::name)).doesNotHaveDuplicates()
                .containsExactly("network", "double-spend", "selfish-mining", "difficulty", "partition", "eclipse");
        // a scenario's flags are unset until picocli fills them, so only the sweep-free ones have a point yet
        assertThat(new DifficultyScenario().points()).containsExactly(Scenario.Single.RUN);
    }

    @Test
    void aResultIsWrittenInItsDeclaredOrderWithoutItsChainOrWallTime() throws Exception {
        DoubleSpendScenario.Result r = new DoubleSpendScenario.Result(0.3, 2, 10, 4.25, 4, 0.25, 0.425, 0.1, 0.8, 0.45, 0.43, 99,
                1.5, List.of(), List.of(), 4.0625);
        assertThat(Scenario.JSON.writeValueAsString(r)).isEqualTo("{\"attackerShare\":0.3,\"confirmations\":2,\"trials\":10,"
                + "\"successes\":4.25,\"reversed\":4,\"tail\":0.25,\"successRate\":0.425,\"ci99\":[0.1,0.8],"
                + "\"ci99Method\":\"Wilson score, 99% (z = 2.5758), each attack a "
                + "trial whose outcome is 1, 0, or its exact chance to catch up\",\"nakamoto\":0.45,\"rosenfeld\":0.43,"
                + "\"blocksMined\":99}");
    }

    /** Runs of 100 blocks whose stale counts spread: the interval is the ratio estimator's over the runs, not a binomial one. */
    @Test
    void aStaleRateComesWithAnIntervalFromItsRuns() {
        long[] mined = {1000, 1000, 1000, 1000};
        long[] main = {900, 880, 910, 890};
        NetworkScenario.Result r = NetworkScenario.Result.of(java.util.Map.of(), 0, 1, List.of(), 0, mined, main, new long[0],
                new long[0], List.of());
        assertThat(r.staleRate()).isEqualTo(0.105);
        // stale 100, 120, 90, 110: deviations from 105 each: -5, 15, -15, 5; se = sqrt(500 / 12) / 1000; t(0.995, 3) = 5.8409
        double half = 5.8409 * Math.sqrt(500.0 / 12) / 1000;
        assertThat(r.staleRateCi99().get(0)).isCloseTo(0.105 - half, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(r.staleRateCi99().get(1)).isCloseTo(0.105 + half, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(r.toJson()).containsEntry("staleRateCi99Method", RunsInterval.METHOD).containsEntry("runs", 4);
        // blocks as independent trials would claim an interval three times narrower
        double[] binomial = Literature.wilson(420, 4000, Literature.Z99);
        assertThat(binomial[1] - binomial[0]).isLessThan(2 * half / 2.5);
    }

    @Test
    void oneRunClaimsNoInterval() {
        NetworkScenario.Result r = NetworkScenario.Result.of(java.util.Map.of(), 0, 1, List.of(), 0, new long[] {200},
                new long[] {190}, new long[0], new long[0], List.of());
        assertThat(r.staleRateCi99()).containsExactly(0.0, 1.0);
        assertThat(r.staleRateCi99Method()).startsWith("none");
    }

    @Test
    void studentsTQuantilesAreTheTables() {
        assertThat(RunsInterval.t995(1)).isCloseTo(63.657, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(RunsInterval.t995(3)).isCloseTo(5.8409, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(RunsInterval.t995(19)).isCloseTo(2.8609, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(RunsInterval.t995(100_000)).isCloseTo(2.5758, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void aPartitionThatNeverHealedSaysSoWithNoConvergeTime() throws Exception {
        PartitionScenario.Result r = new PartitionScenario.Result(0, 0, 0, Double.NaN, 0, -1, List.of(3, 2), false, 5, 3, 0.5,
                List.of());
        assertThat(r.toJson()).containsEntry("converged", false).containsEntry("convergeSeconds", null);
        assertThat(Scenario.JSON.writeValueAsString(r)).startsWith("{\"reorgDepth\":0,\"losingBranchTxs\":0,"
                + "\"txsReturnedToMempool\":0,\"converged\":false,\"convergeSeconds\":null,");
    }
}
