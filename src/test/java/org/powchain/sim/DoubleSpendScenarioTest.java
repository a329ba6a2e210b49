package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulated attack, run with the real nodes' code, succeeds as often as Rosenfeld's exact
 * formula says (2012): the formula lies inside the 99% interval of the simulated rate.
 */
@Tag("sim")
class DoubleSpendScenarioTest {
    @ParameterizedTest(name = "q={0}, z={1}")
    @CsvSource({"0.1, 1, 11", "0.25, 2, 12", "0.35, 3, 13"})
    void successRateAgreesWithRosenfeld(double q, int z, long seed) {
        DoubleSpendScenario.Result r = DoubleSpendScenario.run(
                new DoubleSpendScenario.Options(q, z, 300, 4, 600, 50, 8, seed), n -> { });
        assertThat(r.trials()).isEqualTo(300);
        assertThat(r.rosenfeld()).isEqualTo(Literature.rosenfeld(q, z), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.rosenfeld()).isBetween(r.ci99Low(), r.ci99High());
        assertThat(r.successes()).isPositive();
    }
}
