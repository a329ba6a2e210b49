package org.powchain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Largest first: the fewest coins that cover amount + fee, the rest back as change. */
@Tag("unit")
class CoinSelectionTest {
    static final Keys A = Keys.demo("A");
    static final Keys B = Keys.demo("B");
    static final Map<OutPoint, UnspentOutput> WALLET = new LinkedHashMap<>();

    static {
        long[] amounts = {30, 500, 70, 500, 200};
        for (int i = 0; i < amounts.length; i++) {
            WALLET.put(new OutPoint(Hash.fromHex("0" + i + "ab".repeat(31)), i),
                    new UnspentOutput(new TxOutput(amounts[i], A.address()), 1, false));
        }
    }

    static UnspentOutput coin(long amount) {
        return new UnspentOutput(new TxOutput(amount, A.address()), 0, false);
    }

    static long[] amounts(CoinSelection.Selection s) {
        return s.coins().values().stream().mapToLong(UnspentOutput::amount).toArray();
    }

    @Test
    void theBiggestCoinsFirstUntilAmountAndFeeAreCovered() {
        CoinSelection.Selection s = CoinSelection.largestFirst(WALLET, 600, 5).orElseThrow();
        assertThat(amounts(s)).containsExactly(500, 500);
        assertThat(s.change()).isEqualTo(395);
        // ties go by outpoint, so the same wallet always gives the same choice
        assertThat(s.coins().keySet()).extracting(OutPoint::index).containsExactly(1, 3);
        assertThat(amounts(CoinSelection.largestFirst(WALLET, 1, 0).orElseThrow())).containsExactly(500);
    }

    @Test
    void exactlyEnoughLeavesNoChangeAndOneCoinMoreIsTooMuch() {
        CoinSelection.Selection all = CoinSelection.largestFirst(WALLET, 1290, 10).orElseThrow();
        assertThat(all.coins()).hasSize(5);
        assertThat(all.change()).isZero();
        assertThat(CoinSelection.largestFirst(WALLET, 1291, 10)).isEmpty();
        assertThat(CoinSelection.largestFirst(Map.of(), 1, 0)).isEmpty();
    }

    @Test
    void hugeCoinsDoNotOverflowTheCount() {
        Map<OutPoint, UnspentOutput> whale = Map.of(
                new OutPoint(Hash.fromHex("11".repeat(32)), 0), coin(Long.MAX_VALUE - 1),
                new OutPoint(Hash.fromHex("22".repeat(32)), 0), coin(Long.MAX_VALUE));
        CoinSelection.Selection s = CoinSelection.largestFirst(whale, Long.MAX_VALUE - 1, 1).orElseThrow();
        assertThat(s.change()).isZero();
        assertThat(s.coins()).hasSize(1);
        assertThatThrownBy(() -> CoinSelection.largestFirst(whale, Long.MAX_VALUE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoinSelection.largestFirst(whale, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoinSelection.largestFirst(whale, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePaymentSpendsTheChosenCoinsAndSendsTheChangeBack() {
        NetworkId net = new NetworkId(7);
        CoinSelection.Selection s = CoinSelection.largestFirst(WALLET, 600, 5).orElseThrow();
        UtxoTransaction t = CoinSelection.pay(net, A, s, B.address(), 600);
        assertThat(t.inputs()).extracting(TxInput::outpoint).containsExactlyElementsOf(s.coins().keySet());
        assertThat(t.inputs()).extracting(TxInput::amount).containsExactly(500L, 500L);
        assertThat(t.outputs()).containsExactly(new TxOutput(600, B.address()), new TxOutput(395, A.address()));
        assertThat(t.network()).isEqualTo(net);
        UtxoTransaction exact = CoinSelection.pay(net, A, CoinSelection.largestFirst(WALLET, 495, 5).orElseThrow(),
                B.address(), 495);
        assertThat(exact.outputs()).containsExactly(new TxOutput(495, B.address()));
        assertThat(List.of(t.txid(), exact.txid())).doesNotHaveDuplicates();
    }
}
