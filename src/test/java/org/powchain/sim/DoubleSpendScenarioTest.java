package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
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
    @ParameterizedTest(name = "q={0}, z={1}")
    @CsvSource({"0.1, 1, 1000, 11", "0.25, 2, 300, 12", "0.35, 3, 300, 13"})
    void successRateAgreesWithRosenfeld(double q, int z, int trials, long seed) {
        DoubleSpendScenario.Result r = DoubleSpendScenario.run(
                new DoubleSpendScenario.Options(q, z, trials, 4, 600, 50, 8, seed), n -> { });
        assertThat(r.trials()).isEqualTo(trials);
        assertThat(r.rosenfeld()).isBetween(r.ci99Low(), r.ci99High());
        assertThat(r.successes()).isPositive();
        // each success is a real double spend: the final chain keeps the attacker's spend and drops
        // the payment; each failure keeps the payment (the attacker is the node after the honest ones)
        Address merchant = Keys.demo("merchant").address();
        Address attacker = Keys.demo("n4").address();
        List<AccountTransaction> spends = r.finalChain().stream().flatMap(b -> b.transactions().stream())
                .filter(tx -> !tx.isCoinbase()).map(AccountLedger::transfer).toList();
        assertThat(spends.stream().filter(tx -> tx.to().equals(attacker)).count()).isEqualTo(r.successes());
        assertThat(spends.stream().filter(tx -> tx.to().equals(merchant)).count()).isEqualTo(trials - r.successes());
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
