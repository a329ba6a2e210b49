package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.AccountLedger;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;
import org.powchain.core.UtxoTransaction;
import org.powchain.core.AccountTransaction;

/** The attacker's two spends claim the same thing in either ledger model, so only one can be mined. */
@Tag("unit")
class ConflictingSpendsTest {
    static final Address MERCHANT = Keys.demo("merchant").address();
    static final Address ATTACKER = Keys.demo("attacker").address();

    static <T> T in(Ledger model, java.util.function.Function<SimNode, T> body) {
        return new NetworkConditions(Optional.empty(), 0, model).during(() -> {
            Simulation sim = new Simulation(Simulation.pinned(4), 1, 10_000);
            return body.apply(sim.addNode(8, 0));
        });
    }

    @Test
    void inTheUtxoModelBothSpendTheSameOutputs() {
        Transaction[] spends = in(UtxoLedger.INSTANCE, n -> DoubleSpendScenario.conflictingSpends(n, List.of(Keys.demo("A")),
                MERCHANT, ATTACKER, 0));
        UtxoTransaction pay = (UtxoTransaction) spends[0];
        UtxoTransaction steal = (UtxoTransaction) spends[1];
        assertThat(pay.inputs()).isNotEmpty();
        assertThat(pay.inputs().stream().map(i -> i.outpoint()).toList())
                .isEqualTo(steal.inputs().stream().map(i -> i.outpoint()).toList());
        assertThat(pay.outputs().get(0).owner()).isEqualTo(MERCHANT);
        assertThat(steal.outputs().get(0).owner()).isEqualTo(ATTACKER);
    }

    @Test
    void inTheAccountModelBothTakeTheSameNonce() {
        Transaction[] spends = in(AccountLedger.INSTANCE, n -> DoubleSpendScenario.conflictingSpends(n, List.of(Keys.demo("A")),
                MERCHANT, ATTACKER, 0));
        AccountTransaction pay = (AccountTransaction) spends[0];
        AccountTransaction steal = (AccountTransaction) spends[1];
        assertThat(pay.nonce()).isEqualTo(steal.nonce());
        assertThat(pay.to()).isEqualTo(MERCHANT);
        assertThat(steal.to()).isEqualTo(ATTACKER);
    }

    @Test
    void aPayerWithoutSpendableCoinsIsPassedOver() {
        // a node's own key holds nothing at genesis: A pays instead
        Transaction[] spends = in(UtxoLedger.INSTANCE, n -> DoubleSpendScenario.conflictingSpends(n,
                List.of(Keys.demo("nobody"), Keys.demo("A")), MERCHANT, ATTACKER, 0));
        assertThat(((UtxoTransaction) spends[0]).inputs().get(0).publicKey()).isEqualTo(Keys.demo("A").publicKey());
        assertThatThrownBy(() -> in(UtxoLedger.INSTANCE, n -> DoubleSpendScenario.conflictingSpends(n,
                List.of(Keys.demo("nobody")), MERCHANT, ATTACKER, 3))).hasMessageContaining("trial 3: no payer can pay");
    }
}
