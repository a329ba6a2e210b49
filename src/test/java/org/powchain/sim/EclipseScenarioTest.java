package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An eclipsed merchant accepts what the attacker shows it, and the double spend takes the time the
 * closed forms give: Erlang to accept, a negative binomial and a random walk to reverse.
 */
@Tag("sim")
class EclipseScenarioTest {
    @ParameterizedTest(name = "q={0}, v={1}, z={2}")
    @CsvSource({"0.1, 0.1, 3, 31", "0.2, 0, 2, 32", "0.05, 0.2, 2, 33"})
    void theVictimIsFooledEveryTimeInTheTimeTheClosedFormsGive(double q, double v, int z, long seed) {
        EclipseScenario.Result r = EclipseScenario.run(new EclipseScenario.Options(q, v, z, 400, 2, 600, 50, 4, seed), n -> { });
        assertThat(r.trials()).isEqualTo(400);
        assertThat(r.acceptedOffMainChain()).as("every block it accepted was off the main chain").isEqualTo(1.0);
        assertThat(r.minutesToAccept().holdsClosedForm()).as("%s", r.minutesToAccept()).isTrue();
        assertThat(r.minutesToReverse().holdsClosedForm()).as("%s", r.minutesToReverse()).isTrue();
        assertThat(r.honestAheadAtAcceptClosedForm()).isBetween(r.honestAheadAtAcceptCi99().get(0), r.honestAheadAtAcceptCi99().get(1));
        // precise enough to matter: the interval on the time to accept is within 15% of it
        double[] ci = {r.minutesToAccept().ci99().get(0), r.minutesToAccept().ci99().get(1)};
        assertThat((ci[1] - ci[0]) / 2).isLessThan(0.15 * r.minutesToAccept().closedForm());
    }

    @Test
    void theClosedFormsAreRightWhereTheyAreEasy() {
        // z = 1: the victim accepts at its branch's first block; H = number of honest blocks before it, geometric
        double e = 0.25;
        assertThat(EclipseScenario.honestAheadAtAccept(e, 1)).isCloseTo(Math.pow(1 - e, 2), org.assertj.core.data.Offset.offset(1e-12));
        double sum = 0;
        for (int h = 0; h < 2_000; h++) {
            sum += EclipseScenario.negativeBinomial(0.3, 4, h);
        }
        assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
        // v = 0: the victim's branch stands still; from a lead of z - H, z - H + 1 honest blocks at rate 1
        assertThat(EclipseScenario.blocksToReverse(0.5, 0, 1)).isCloseTo(1 / 0.5 + 0.5 * 2 + 0.25 * 1,
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void optionsOutOfRangeAreRefusedNamingTheirFlag() {
        assertThatThrownBy(() -> new EclipseScenario.Options(0.1, 0.5, 2, 10, 2, 600, 50, 4, 1))
                .hasMessageStartingWith("--victim-share must be >= 0 and < 0.5: got 0.5");
        assertThatThrownBy(() -> new EclipseScenario.Options(0, 0, 2, 10, 2, 600, 50, 4, 1))
                .hasMessageStartingWith("--attacker-share + --victim-share must be > 0");
        assertThatThrownBy(() -> new EclipseScenario.Options(0.6, 0.4, 2, 10, 2, 600, 50, 4, 1))
                .hasMessageStartingWith("--attacker-share + --victim-share must be > 0 (someone mines the victim's branch) and < 1");
        assertThatThrownBy(() -> new EclipseScenario.Options(0.1, 0.1, 0, 10, 2, 600, 50, 4, 1))
                .hasMessage("--confirmations must be >= 1: got 0");
    }
}
