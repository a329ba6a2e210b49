package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tolerances come from the statistics of block times: a window's mean of n exponential gaps has a
 * relative standard deviation of 1/sqrt(n), and a difficulty retargeted from one window carries
 * that window's error (log2 of it: about 0.46 bits for 10 gaps) into the next.
 */
@Tag("sim")
class DifficultyScenarioTest {
    private static final double TARGET = 5.0;
    private static final int WINDOW = 10;
    /** Bits of the relative error of one window's mean, log2-scaled: (1/sqrt(10)) / ln 2. */
    private static final double RETARGET_SD_BITS = 1 / Math.sqrt(WINDOW) / Math.log(2);

    @Test
    void fourTimesTheHashrateSpeedsBlocksUpUntilTheNextRetargetThenDifficultyCatchesUp() {
        DifficultyScenario.Result r = DifficultyScenario.run(new DifficultyScenario.Options(10, 4, 50, 160, 50, 8, 1), n -> { });
        System.out.println(r.toJson());
        List<DifficultyScenario.Window> w = full(r.windows());
        double genesisDifficulty = w.get(0).difficulty();

        List<DifficultyScenario.Window> before = w.subList(0, 5);
        assertThat(before).allSatisfy(x -> assertThat(x.hashrateFactor()).isEqualTo(1.0));
        assertThat(pooledMean(before)).isCloseTo(TARGET, within(3 * TARGET / Math.sqrt(blocks(before))));

        DifficultyScenario.Window changed = w.get(5); // the window starting at block 50, still at the old difficulty
        assertThat(changed.firstHeight()).isEqualTo(50);
        assertThat(changed.hashrateFactor()).isEqualTo(4.0);
        assertThat(changed.difficulty()).isEqualTo(genesisDifficulty);
        assertThat(changed.meanIntervalSeconds()).isCloseTo(TARGET / 4, within(3 * (TARGET / 4) / Math.sqrt(WINDOW)));

        // the retarget at 60 sees blocks 4x as fast: up to log2(4) = 2 bits more, the clamp's limit
        List<DifficultyScenario.Window> after = w.subList(6, w.size());
        double rise = after.stream().mapToDouble(DifficultyScenario.Window::difficulty).average().orElseThrow() - genesisDifficulty;
        assertThat(rise).isCloseTo(2.0, within(3 * RETARGET_SD_BITS / Math.sqrt(after.size())));
        // and from the window after it, the interval is back near the target
        List<DifficultyScenario.Window> settled = w.subList(7, w.size());
        assertThat(pooledMean(settled)).isCloseTo(TARGET, within(settledTolerance(settled)));
    }

    @Test
    void withAnUnchangedHashrateIntervalsStayNearTheTarget() {
        DifficultyScenario.Result r = DifficultyScenario.run(new DifficultyScenario.Options(10, 1, 50, 150, 50, 8, 2), n -> { });
        System.out.println(r.toJson());
        List<DifficultyScenario.Window> w = full(r.windows());
        assertThat(w).hasSizeGreaterThanOrEqualTo(10);
        assertThat(w).allSatisfy(x -> assertThat(x.hashrateFactor()).isEqualTo(1.0));
        assertThat(pooledMean(w)).isCloseTo(TARGET, within(settledTolerance(w)));
        // one window alone stays within a few of its standard deviations too
        assertThat(w).allSatisfy(x -> assertThat(x.meanIntervalSeconds())
                .isCloseTo(TARGET, within(4 * TARGET * Math.sqrt(2.0 / WINDOW) + TARGET / 9)));
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        DifficultyScenario.Options o = new DifficultyScenario.Options(5, 2, 20, 40, 100, 8, 7);
        Map<String, Object> a = DifficultyScenario.run(o, n -> { }).toJson();
        Map<String, Object> b = DifficultyScenario.run(o, n -> { }).toJson();
        a.remove("wallSeconds");
        b.remove("wallSeconds");
        assertThat(a).isEqualTo(b);
    }

    /**
     * Three standard deviations of the mean gap over retargeted windows: each window's own noise and
     * its difficulty's (estimated from the window before) add, so sqrt(2/10) relatively per window.
     * Retargeting on a sample also overshoots on average, E[1/(mean of 10 exponentials)] = 10/9,
     * hence the allowance of a ninth of the target.
     */
    private static double settledTolerance(List<DifficultyScenario.Window> w) {
        return 3 * TARGET * Math.sqrt(2.0 / WINDOW) / Math.sqrt(w.size()) + TARGET / 9;
    }

    private static List<DifficultyScenario.Window> full(List<DifficultyScenario.Window> w) {
        return w.stream().filter(x -> x.blocks() == WINDOW || x.index() == 0).toList();
    }

    private static int blocks(List<DifficultyScenario.Window> w) {
        return w.stream().mapToInt(DifficultyScenario.Window::blocks).sum();
    }

    private static double pooledMean(List<DifficultyScenario.Window> w) {
        return w.stream().mapToDouble(x -> x.meanIntervalSeconds() * x.blocks()).sum() / blocks(w);
    }
}
