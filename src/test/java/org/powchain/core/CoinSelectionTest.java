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

    static final CoinSelection.Policy FREE = new CoinSelection.Policy(0, 1);

    @Test
    void theBiggestCoinsFirstUntilAmountAndFeeAreCovered() {
        CoinSelection.Selection s = CoinSelection.largestFirst(WALLET, 600, FREE).orElseThrow();
        assertThat(amounts(s)).containsExactly(500, 500);
        assertThat(s.change()).isEqualTo(400);
        assertThat(s.amount()).isEqualTo(600);
        // ties go by outpoint, so the same wallet always gives the same choice
        assertThat(s.coins().keySet()).extracting(OutPoint::index).containsExactly(1, 3);
        assertThat(amounts(CoinSelection.largestFirst(WALLET, 1, FREE).orElseThrow())).containsExactly(500);
    }

    @Test
    void theFeeFollowsTheSizeSoEveryInputCostsMore() {
        CoinSelection.Policy tenPerKb = FREE.atRate(10_000); // 10 coins a byte: sizes show plainly
        assertThat(tenPerKb.fee(1, 2)).isEqualTo(10 * UtxoTransaction.transferSize(1, 2)).isEqualTo(2120);
        assertThat(tenPerKb.fee(2, 2) - tenPerKb.fee(1, 2)).isEqualTo(10 * TxInput.SIZE);
        assertThat(new CoinSelection.Policy(1, 1).fee(1, 1)).isEqualTo(1); // 184 bytes at 1 per 1000: rounded up
        assertThat(new CoinSelection.Policy(1000, 1).fee(1, 1)).isEqualTo(184);

        Map<OutPoint, UnspentOutput> coins = new LinkedHashMap<>();
        coins.put(new OutPoint(Hash.fromHex("11".repeat(32)), 0), coin(3000));
        coins.put(new OutPoint(Hash.fromHex("22".repeat(32)), 0), coin(3000));
        // one coin: 3000 - 500 - 2120 = 380 change
        CoinSelection.Selection one = CoinSelection.largestFirst(coins, 500, tenPerKb).orElseThrow();
        assertThat(one.coins()).hasSize(1);
        assertThat(one.fee()).isEqualTo(2120);
        assertThat(one.change()).isEqualTo(380);
        // two coins: the second input's 1400 is part of what must be covered
        CoinSelection.Selection two = CoinSelection.largestFirst(coins, 2000, tenPerKb).orElseThrow();
        assertThat(two.coins()).hasSize(2);
        assertThat(two.fee()).isEqualTo(tenPerKb.fee(2, 2)).isEqualTo(3520);
        assertThat(two.change()).isEqualTo(6000 - 2000 - 3520);
        // 6000 cannot pay 4000 and the fee of two inputs
        assertThat(CoinSelection.largestFirst(coins, 6000 - tenPerKb.fee(2, 1) + 1, tenPerKb)).isEmpty();
    }

    @Test
    void changeUnderTheDustFloorIsNotMadeButJoinsTheFee() {
        CoinSelection.Policy dust10 = new CoinSelection.Policy(0, 10);
        CoinSelection.Selection tiny = CoinSelection.largestFirst(WALLET, 491, dust10).orElseThrow(); // 9 left
        assertThat(tiny.change()).isZero();
        assertThat(tiny.fee()).isEqualTo(9);
        CoinSelection.Selection atTheFloor = CoinSelection.largestFirst(WALLET, 490, dust10).orElseThrow();
        assertThat(atTheFloor.change()).isEqualTo(10);
        assertThat(atTheFloor.fee()).isZero();
        // at a fee rate, the change output's own 28 bytes count: what is left after them decides
        CoinSelection.Policy bytePerCoin = new CoinSelection.Policy(1000, 10);
        // two coins of 500: 1000 = 639 + fee 324 (no change) + 37; a change output costs 28, leaving 9: dust
        CoinSelection.Selection s = CoinSelection.largestFirst(WALLET, 639, bytePerCoin).orElseThrow();
        assertThat(amounts(s)).containsExactly(500, 500);
        assertThat(s.change()).isZero();
        assertThat(s.fee()).isEqualTo(324 + 37);
        CoinSelection.Selection s2 = CoinSelection.largestFirst(WALLET, 638, bytePerCoin).orElseThrow();
        assertThat(s2.change()).isEqualTo(10);
        assertThat(s2.fee()).isEqualTo(352);
        assertThat(CoinSelection.Policy.DEFAULT.dustFloor()).isEqualTo(CoinSelection.DEFAULT_DUST_FLOOR);
    }

    @Test
    void exactlyEnoughLeavesNoChangeAndOneCoinMoreIsTooMuch() {
        CoinSelection.Selection all = CoinSelection.largestFirst(WALLET, 1300, FREE).orElseThrow();
        assertThat(all.coins()).hasSize(5);
        assertThat(all.change()).isZero();
        assertThat(all.fee()).isZero();
        assertThat(CoinSelection.largestFirst(WALLET, 1301, FREE)).isEmpty();
        assertThat(CoinSelection.largestFirst(Map.of(), 1, FREE)).isEmpty();
    }

    /**
     * Two coins of 2^62 each sum to 2^63, one past Long.MAX_VALUE: a running sum would wrap
     * negative, and a transaction spending both is refused by the rules (amount-overflow).
     */
    @Test
    void coinsWhoseSumOverflowsAreNeverChosenTogether() {
        long quarter = 1L << 62;
        Map<OutPoint, UnspentOutput> whale = new LinkedHashMap<>();
        whale.put(new OutPoint(Hash.fromHex("11".repeat(32)), 0), coin(quarter));
        whale.put(new OutPoint(Hash.fromHex("22".repeat(32)), 0), coin(quarter));
        assertThat(CoinSelection.largestFirst(whale, Long.MAX_VALUE - 1, FREE)).isEmpty();
        whale.put(new OutPoint(Hash.fromHex("33".repeat(32)), 0), coin(quarter - 1));
        CoinSelection.Selection s = CoinSelection.largestFirst(whale, Long.MAX_VALUE - 1, FREE).orElseThrow();
        assertThat(amounts(s)).containsExactly(quarter, quarter - 1); // 2^63 - 1 in all: within 64 bits
        assertThat(s.change()).isEqualTo(1);
        assertThatThrownBy(() -> CoinSelection.largestFirst(whale, Long.MAX_VALUE, FREE.atRate(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows");
        assertThatThrownBy(() -> CoinSelection.largestFirst(whale, 0, FREE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoinSelection.Policy(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FREE.atRate(Long.MAX_VALUE).fee(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePaymentSpendsTheChosenCoinsPaysTheSelectionsAmountAndSendsTheChangeBack() {
        NetworkId net = new NetworkId(7);
        CoinSelection.Selection s = CoinSelection.largestFirst(WALLET, 600, FREE.atRate(10)).orElseThrow();
        UtxoTransaction t = CoinSelection.pay(net, A, s, B.address());
        assertThat(t.inputs()).extracting(TxInput::outpoint).containsExactlyElementsOf(s.coins().keySet());
        assertThat(t.inputs()).extracting(TxInput::amount).containsExactly(500L, 500L);
        assertThat(s.fee()).isEqualTo(4); // 352 bytes at 10 per 1000, rounded up
        assertThat(t.outputs()).containsExactly(new TxOutput(600, B.address()), new TxOutput(396, A.address()));
        assertThat(t.size()).isEqualTo(UtxoTransaction.transferSize(2, 2));
        assertThat(t.network()).isEqualTo(net);
        UtxoTransaction exact = CoinSelection.pay(net, A, CoinSelection.largestFirst(WALLET, 500, FREE).orElseThrow(),
                B.address());
        assertThat(exact.outputs()).containsExactly(new TxOutput(500, B.address()));
        assertThat(List.of(t.txid(), exact.txid())).doesNotHaveDuplicates();
    }

    /** pay(largestFirst(W, 600, 5), B, 100) once paid 100 and left 500 to the miner; a selection now says what it pays. */
    @Test
    void aSelectionCannotPayOtherThanItsCoinsHold() {
        Map<OutPoint, UnspentOutput> one = Map.of(new OutPoint(Hash.fromHex("11".repeat(32)), 0), coin(1000));
        assertThatThrownBy(() -> new CoinSelection.Selection(one, 100, 5, 395)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coins holding 1000 pay 100 + fee 5 + change 395");
        assertThatThrownBy(() -> new CoinSelection.Selection(Map.of(), 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CoinSelection.Selection(one, 100, 5, 895).amount()).isEqualTo(100);
    }
}
