package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A point's runs combine into one result whose ratios are the runs' sums and whose intervals come
 * from the runs' spread (the closed forms on the command's path: cli/SimulateClosedFormsTest).
 */
@Tag("unit")
class SelfishMiningScenarioTest {
    private static SelfishMiningScenario.Result oneRun(long pool, long main, long mined, long racesWon, long races) {
        return SelfishMiningScenario.Result.of(0.35, 0.5, new long[] {pool}, new long[] {main}, new long[] {mined},
                new long[] {racesWon}, new long[] {races}, 1, List.of(), List.of());
    }

    @Test
    void runsCombineIntoTheRatiosOfTheirSumsWithIntervalsFromTheirSpread() {
        List<SelfishMiningScenario.Result> runs = List.of(oneRun(400, 1000, 1300, 50, 100), oneRun(420, 1000, 1310, 45, 100),
                oneRun(410, 1000, 1290, 55, 100), oneRun(430, 1000, 1320, 52, 100));
        SelfishMiningScenario.Result r = SelfishMiningScenario.Result.of(0.35, 0.5,
                StaleBlocks.concat(runs.stream().map(SelfishMiningScenario.Result::poolBlocksPerRun).toList()),
                StaleBlocks.concat(runs.stream().map(SelfishMiningScenario.Result::mainPerRun).toList()),
                StaleBlocks.concat(runs.stream().map(SelfishMiningScenario.Result::minedPerRun).toList()),
                StaleBlocks.concat(runs.stream().map(SelfishMiningScenario.Result::racesWonByPoolPerRun).toList()),
                StaleBlocks.concat(runs.stream().map(SelfishMiningScenario.Result::racesPerRun).toList()), 4, List.of(), List.of());
        assertThat(r.runs()).isEqualTo(4);
        assertThat(r.poolRevenueShare()).isEqualTo(0.415);
        // the shares 0.400, 0.420, 0.410, 0.430: standard error sqrt(500e-6 / 12), t(0.995, 3) = 5.8409
        double half = 5.8409 * Math.sqrt(500e-6 / 12);
        assertThat(r.ci99Low()).isCloseTo(0.415 - half, within(2e-6));
        assertThat(r.ci99High()).isCloseTo(0.415 + half, within(2e-6));
        assertThat(r.gammaRealised()).isEqualTo(0.505);
        assertThat(r.gammaLow()).isLessThan(0.505);
        assertThat(r.gammaHigh()).isGreaterThan(0.505);
        assertThat(r.closedForm()).isEqualTo(NetworkScenario.round(Literature.selfishMiningRevenue(0.35, 0.505)));
        assertThat(r.staleRate()).isEqualTo(NetworkScenario.round(1 - 4000.0 / 5220));
        assertThat(r.blocksMined()).isEqualTo(5220);
        assertThat(r.toJson()).containsEntry("ci99Method", RunsInterval.METHOD).containsEntry("runs", 4);
    }

    @Test
    void oneRunClaimsNoInterval() {
        SelfishMiningScenario.Result r = oneRun(400, 1000, 1300, 50, 100);
        assertThat(r.ci99()).containsExactly(0.0, 1.0);
        assertThat(r.gammaRealisedCi99()).containsExactly(0.0, 1.0);
        assertThat(r.ci99Method()).startsWith("none");
    }
}
