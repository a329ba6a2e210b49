package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class LiteratureTest {
    /** The whitepaper prints seven decimals. */
    private static final double PRINTED = 0.5e-7 + 1e-12;

    @ParameterizedTest(name = "q={0} z={1} → {2}")
    @CsvSource({
        "0.1, 0, 1.0000000", "0.1, 1, 0.2045873", "0.1, 2, 0.0509779", "0.1, 3, 0.0131722",
        "0.1, 4, 0.0034552", "0.1, 5, 0.0009137", "0.1, 6, 0.0002428", "0.1, 10, 0.0000012",
        "0.3, 0, 1.0000000", "0.3, 5, 0.1773523", "0.3, 10, 0.0416605", "0.3, 15, 0.0101008",
        "0.3, 20, 0.0024804", "0.3, 50, 0.0000006"})
    void nakamotoMatchesTheWhitepaperTable(double q, int z, double printed) {
        assertThat(Literature.nakamoto(q, z)).isCloseTo(printed, within(PRINTED));
    }

    @ParameterizedTest(name = "q={0} needs z={1}")
    @CsvSource({"0.10, 5", "0.15, 8", "0.20, 11", "0.25, 15", "0.30, 24", "0.35, 41", "0.40, 89", "0.45, 340"})
    void nakamotoSolvesForPBelowOneTenthOfAPercentAsTheWhitepaperDoes(double q, int z) {
        assertThat(Literature.nakamoto(q, z)).isLessThan(0.001);
        assertThat(Literature.nakamoto(q, z - 1)).isGreaterThanOrEqualTo(0.001);
    }

    @Test
    void rosenfeldIsLargerThanNakamotoForTheSameQAndZ() {
        // Rosenfeld 2012: q = 10%, 6 confirmations ≈ 0.059%, against the whitepaper's 0.024%
        assertThat(Literature.rosenfeld(0.1, 6)).isCloseTo(0.00059141216, within(1e-11));
        assertThat(Literature.nakamoto(0.1, 6)).isCloseTo(0.0002428, within(PRINTED));
        // the merchant's range: at one or two confirmations, and up to ~25 for q near a half,
        // Nakamoto's Poisson approximation happens to come out higher
        double[][] fromZ = {{0.05, 2}, {0.1, 2}, {0.2, 2}, {0.3, 3}, {0.4, 8}, {0.45, 25}};
        for (double[] row : fromZ) {
            double q = row[0];
            for (int z = (int) row[1]; z <= 100; z++) {
                assertThat(Literature.rosenfeld(q, z)).as("q=%s z=%s", q, z).isGreaterThan(Literature.nakamoto(q, z));
            }
        }
    }

    @Test
    void rosenfeldWithOneConfirmationIsTwiceTheShare() {
        // 1 − (p − q) from the paper's sum with z = 1: the attacker's pre-mined block plus one more
        assertThat(Literature.rosenfeld(0.1, 1)).isCloseTo(0.2, within(1e-15));
        assertThat(Literature.rosenfeld(0.3, 1)).isCloseTo(0.6, within(1e-15));
        assertThat(Literature.rosenfeld(0.3, 0)).isEqualTo(1);
    }

    @Test
    void rosenfeldAgreesWithGrunspanAndPerezMarcosIncompleteBeta() {
        // Grunspan & Pérez-Marco, "Double spend races" (2017): r = I_{4pq}(z, 1/2), which for whole z
        // is 1 − (p − q)·Σ_{a<z} C(2a, a)(pq)^a: an independent route to the same number.
        for (double q : new double[] {0.05, 0.1, 0.25, 0.4}) {
            double p = 1 - q;
            double sum = 0;
            double centralBinomialTerm = 1; // C(2a, a)(pq)^a
            for (int z = 1; z <= 30; z++) {
                sum += centralBinomialTerm;
                double expected = 1 - (p - q) * sum;
                assertThat(Literature.rosenfeld(q, z)).as("q=%s z=%s", q, z)
                        .isCloseTo(expected, within(1e-12 + 1e-9 * expected));
                int a = z - 1;
                centralBinomialTerm *= (2.0 * (2 * a + 1) / (a + 1)) * p * q;
            }
        }
    }

    @Test
    void rosenfeldStaysAccurateAtAHundredConfirmations() {
        // tiny results keep their digits (no 1 − sum cancellation) and fall geometrically, ratio → 4pq
        double r100 = Literature.rosenfeld(0.1, 100);
        double r99 = Literature.rosenfeld(0.1, 99);
        assertThat(r100).isPositive().isLessThan(1e-30);
        assertThat(r100 / r99).isCloseTo(4 * 0.1 * 0.9, within(0.01));
        assertThat(Literature.rosenfeld(0.45, 100)).isBetween(0.0, 1.0);
        assertThat(Literature.nakamoto(0.1, 100)).isPositive().isLessThan(r100);
    }

    @Test
    void aMajorityAttackerAlwaysWins() {
        assertThat(Literature.nakamoto(0.5, 10)).isEqualTo(1);
        assertThat(Literature.rosenfeld(0.6, 10)).isEqualTo(1);
        assertThat(Literature.nakamoto(0, 3)).isZero();
        assertThat(Literature.rosenfeld(0, 3)).isZero();
        assertThatThrownBy(() -> Literature.nakamoto(1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Literature.rosenfeld(0.1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void selfishMiningThresholdMatchesEyalAndSirer() {
        assertThat(Literature.selfishMiningThreshold(0)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(Literature.selfishMiningThreshold(0.5)).isCloseTo(0.25, within(1e-15));
        assertThat(Literature.selfishMiningThreshold(1)).isZero();
    }

    @Test
    void selfishRevenueEqualsTheShareAtTheThresholdAndExceedsItAbove() {
        for (double gamma : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            double threshold = Literature.selfishMiningThreshold(gamma);
            assertThat(Literature.selfishMiningRevenue(threshold, gamma)).as("gamma=%s", gamma)
                    .isCloseTo(threshold, within(1e-12));
            for (double alpha = threshold + 0.01; alpha < 0.5; alpha += 0.01) {
                assertThat(Literature.selfishMiningRevenue(alpha, gamma)).as("alpha=%s gamma=%s", alpha, gamma)
                        .isGreaterThan(alpha);
            }
            for (double alpha = 0.01; alpha < threshold - 1e-9; alpha += 0.01) {
                assertThat(Literature.selfishMiningRevenue(alpha, gamma)).as("alpha=%s gamma=%s", alpha, gamma)
                        .isLessThan(alpha);
            }
        }
        assertThat(Literature.selfishMiningRevenue(0.5, 0)).isCloseTo(1, within(1e-15));
        assertThatThrownBy(() -> Literature.selfishMiningRevenue(0.6, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wilsonEndpointsSolveTheScoreEquation() {
        // Wilson 1927: the endpoints are the p with (p̂ − p)² = z²·p(1 − p)/n
        long[][] cases = {{7, 100}, {1, 1000}, {50, 100}, {999, 1000}};
        for (long[] c : cases) {
            double[] ci = Literature.wilson(c[0], c[1], Literature.Z99);
            double phat = (double) c[0] / c[1];
            assertThat(ci[0]).isLessThan(phat);
            assertThat(ci[1]).isGreaterThan(phat);
            for (double p : ci) {
                double lhs = (phat - p) * (phat - p);
                double rhs = Literature.Z99 * Literature.Z99 * p * (1 - p) / c[1];
                assertThat(lhs).isCloseTo(rhs, within(1e-12));
            }
        }
    }

    @Test
    void wilsonIsNotEmptyAtZeroSuccesses() {
        double[] ci = Literature.wilson(0, 10, 1.96);
        assertThat(ci[0]).isZero();
        assertThat(ci[1]).isCloseTo(1.96 * 1.96 / (10 + 1.96 * 1.96), within(1e-12)); // 0.2775
        assertThat(Literature.wilson(10, 10, 1.96)[1]).isEqualTo(1);
        assertThat(Literature.wilson(0, 0, Literature.Z99)).containsExactly(0, 1);
        assertThatThrownBy(() -> Literature.wilson(3, 2, Literature.Z99)).isInstanceOf(IllegalArgumentException.class);
    }
}
