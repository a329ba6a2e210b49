package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Eyal and Sirer's closed form, at the gamma the simulated network realised, lies in the simulated revenue's 99% interval. */
@Tag("sim")
class SelfishMiningScenarioTest {
    @ParameterizedTest(name = "alpha={0}, gamma={1}")
    @CsvSource({"0.25, 0, 21", "0.35, 0.5, 22", "0.3, 1, 23"})
    void revenueAgreesWithEyalSirer(double alpha, double gamma, long seed) {
        SelfishMiningScenario.Result r = SelfishMiningScenario.run(
                new SelfishMiningScenario.Options(alpha, gamma, 2000, 20, 600, 100, 8, seed), n -> { });
        assertThat(r.closedForm()).isBetween(r.ci99Low(), r.ci99High());
        assertThat(r.gammaRealised()).isBetween(gamma - 0.1, gamma + 0.1);
    }

    /** Where the pool gains, the interval is narrow enough to exclude what honest mining would pay (α). */
    @ParameterizedTest(name = "alpha={0}, gamma={1}")
    @CsvSource({"0.4, 0, 25", "0.35, 0.5, 26"})
    void aPoolAboveTheThresholdEarnsTheClosedFormNotItsShare(double alpha, double gamma, long seed) {
        SelfishMiningScenario.Result r = SelfishMiningScenario.run(
                new SelfishMiningScenario.Options(alpha, gamma, 6000, 20, 600, 100, 8, seed), n -> { });
        assertThat(r.closedForm()).isBetween(r.ci99Low(), r.ci99High());
        assertThat(r.ci99Low()).isGreaterThan(alpha);
        assertThat(r.gammaRealised()).isBetween(gamma - 0.1, gamma + 0.1);
    }

    @Test
    void aLargePoolThatAlwaysWinsRacesEarnsMoreThanItsShare() {
        SelfishMiningScenario.Result r = SelfishMiningScenario.run(
                new SelfishMiningScenario.Options(0.4, 1, 2000, 20, 600, 100, 8, 24), n -> { });
        assertThat(r.ci99Low()).isGreaterThan(0.4);
        assertThat(r.staleRate()).isGreaterThan(0.1); // the honest blocks it orphaned
    }
}
