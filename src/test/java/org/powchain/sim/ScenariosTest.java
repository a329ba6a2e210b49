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
        DoubleSpendScenario.Result r = new DoubleSpendScenario.Result(0.3, 2, 10, 4, 0.4, 0.1, 0.8, 0.45, 0.43, 99, 1.5, List.of(), List.of());
        assertThat(Scenario.JSON.writeValueAsString(r)).isEqualTo("{\"attackerShare\":0.3,\"confirmations\":2,\"trials\":10,"
                + "\"successes\":4,\"successRate\":0.4,\"ci99\":[0.1,0.8],\"ci99Method\":\"Wilson score, 99% (z = 2.5758), "
                + "each attack a trial\",\"nakamoto\":0.45,\"rosenfeld\":0.43,"
                + "\"blocksMined\":99}");
    }

    @Test
    void aStaleRateComesWithItsWilsonInterval() {
        // 10 of 200 blocks stale: 0.05, and Wilson's 99% interval around it
        NetworkScenario.Result r = new NetworkScenario.Result(0.05, 100, 200, java.util.Map.of(), 200, 190, 0, 1, List.of(), 0, List.of());
        assertThat(r.toJson()).containsEntry("staleRateCi99", List.of(0.022808, 0.106089))
                .containsEntry("staleRateCi99Method", "Wilson score, 99% (z = 2.5758), each block a trial");
        double[] ci = Literature.wilson(10, 200, Literature.Z99);
        assertThat(r.staleRateCi99()).containsExactly(NetworkScenario.round(ci[0]), NetworkScenario.round(ci[1]));
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
