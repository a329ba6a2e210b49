package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.consensus.AccountLedger;
import org.powchain.core.AccountTransaction;

/**
 * The simulated attack, run with the real nodes' code, succeeds as often as Rosenfeld's exact
 * formula says (2012): the formula lies inside the 99% interval of the simulated rate.
 */
@Tag("sim")
class DoubleSpendScenarioTest {
    /** Each reversal counted is a real double spend in the final chain, and each other trial keeps the payment. */
    @Test
    void eachReversalCountedIsARealDoubleSpend() {
        DoubleSpendScenario.Result r = DoubleSpendScenario.run(
                new DoubleSpendScenario.Options(0.35, 1, 60, 4, 600, 50, 1, 11, 3), n -> { });
        assertThat(r.trials()).isEqualTo(60);
        // at q = 0.35, z = 1 about 70% of the attacks succeed: none reversed would be a broken attack
        assertThat(r.reversed()).isBetween(20L, 59L);
        Address merchant = Keys.demo("merchant").address();
        Address attacker = Keys.demo("n4").address();
        List<AccountTransaction> spends = r.finalChain().stream().flatMap(b -> b.transactions().stream())
                .filter(tx -> !tx.isCoinbase()).map(AccountLedger::transfer).toList();
        assertThat(spends.stream().filter(tx -> tx.to().equals(attacker)).count()).isEqualTo(r.reversed());
        assertThat(spends.stream().filter(tx -> tx.to().equals(merchant)).count()).isEqualTo(60 - r.reversed());
    }

    /**
     * A trial may end with the attacker d blocks behind and count (q/p)^(d+1): that is the chance
     * a walk stepping up with q and down with p ever climbs from -d to +1, solved here without the
     * formula (the walk's first-step equations, with an absorbing floor far enough away that it
     * moves the answer by less than 1e-12), close to q = 1/2 too, where the old cap gave 1.2e-3 away.
     */
    @ParameterizedTest(name = "q={0}")
    @ValueSource(doubles = {0.1, 0.3, 0.45, 0.49, 0.499})
    void theTailCountedIsTheChanceToCatchUp(double q) {
        double p = 1 - q;
        int floor = (int) Math.ceil(Math.log(1e-13) / Math.log(q / p)) + 50; // (q/p)^floor < 1e-13
        // v(x) = q v(x+1) + p v(x-1) for -floor < x < 1, v(1) = 1, v(-floor) = 0: the Thomas algorithm
        int n = floor; // unknowns v(0), v(-1), ..., v(-floor+1)
        double[] c = new double[n];
        double[] d = new double[n];
        // row i (x = -i): -p v(x-1) + v(x) - q v(x+1) = 0, v(x+1) known (=1) for i = 0
        for (int i = 0; i < n; i++) {
            double below = i == n - 1 ? 0 : -p; // coefficient of v(x-1), the next unknown
            double above = i == 0 ? 0 : -q;     // coefficient of v(x+1), the previous unknown
            double rhs = i == 0 ? q : 0;
            double denom = 1 - (i == 0 ? 0 : above * c[i - 1]);
            c[i] = below / denom;
            d[i] = (rhs - (i == 0 ? 0 : above * d[i - 1])) / denom;
        }
        double[] v = new double[n];
        v[n - 1] = d[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            v[i] = d[i] - c[i] * v[i + 1];
        }
        for (int deficit : new int[] {0, 1, 5, 20, 80}) {
            if (deficit < n) {
                assertThat(DoubleSpendScenario.catchUp(q, deficit)).as("d=" + deficit).isCloseTo(v[deficit], within(1e-9));
            }
        }
    }

    @ParameterizedTest(name = "q={0}")
    @ValueSource(doubles = {0.5, 0.6})
    void anAttackerWithHalfTheHashrateOrMoreIsRefusedNamingTheFlag(double q) {
        assertThatThrownBy(() -> DoubleSpendScenario.run(new DoubleSpendScenario.Options(q, 2, 10, 4, 600, 50, 8, 1), n -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--attacker-share must be < 0.5: got " + q + ";")
                .hasMessageContaining("certain");
    }
}
