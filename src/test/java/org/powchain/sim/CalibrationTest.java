package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code bench calibrate} counts intervals that hold the closed form, point by point and replicate
 * by replicate, and names the ones that miss (the figures themselves are in docs/SIMULATION.md).
 */
@Tag("sim")
class CalibrationTest {
    @Test
    void everyPointOfEveryReplicateIsOneIntervalCountedOnce() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Calibration.Family f = Calibration.doubleSpend(2, 40, List.of(0.3), 2, 1, 3, 2, new PrintStream(log));
        assertThat(f.intervals()).isEqualTo(2 * 2); // 2 replicates of (q = 0.3; z = 1, 2)
        assertThat(f.covered() + f.misses().size()).isEqualTo(f.intervals());
        assertThat(f.share()).isEqualTo((double) f.covered() / f.intervals());
        assertThat(f.summary()).startsWith("double-spend: " + f.covered() + " of 4 99% intervals hold the closed form");
        assertThat(log.toString()).contains("replicate 2 of 2");
        // each replicate has a seed of its own: the two replicates' results differ
        assertThat(Calibration.doubleSpend(1, 40, List.of(0.3), 1, 1, 3, 1, new PrintStream(log)).intervals()).isEqualTo(1);
    }

    @Test
    void onePoolShareIsCalibratedAtEachGammaWithoutTheRestOfTheGrid() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Calibration.Family f = Calibration.selfishMining(2, 2, 60, 4, 1, 5, 2, new PrintStream(log), List.of(0.45));
        assertThat(f.intervals()).as("2 replicates of alpha 0.45 at gamma 0, 0.5, 1").isEqualTo(2 * 3);
        assertThat(f.covered() + f.misses().size()).isEqualTo(f.intervals());
        assertThat(f.summary()).contains("alpha [0.45] x gamma 0, 0.5, 1, 2 runs of 60 blocks an interval, 4 honest nodes");
        f.misses().forEach(m -> assertThat(m.point()).contains("poolShare=0.45"));
    }

    @Test
    void noReplicatesIsRefusedByName() {
        assertThatThrownBy(() -> Calibration.doubleSpend(0, 40, List.of(0.3), 1, 1, 3, 1, new PrintStream(new ByteArrayOutputStream())))
                .hasMessage("--replicates must be >= 1: got 0");
    }
}
