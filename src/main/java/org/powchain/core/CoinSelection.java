package org.powchain.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a wallet of the UTXO model pays an amount: it picks some of its unspent outputs (coins) to
 * cover the amount and the fee, pays the amount, and pays what is left back to itself as change.
 *
 * <p>The policy is <b>largest first</b>: the biggest coins until they cover amount + fee, ties by
 * outpoint, so the same coins always give the same choice. It needs the fewest inputs, so the
 * smallest transaction; its cost is that small coins are left over and pile up. (Bitcoin Core
 * searches for a set that needs no change at all, then falls back to other strategies.) Which coins
 * may be offered is the caller's to say: matured ones, none a pending transaction already spends.
 *
 * <p>The fee follows the size, as miners fill a block by fee per byte: every input adds
 * {@value TxInput#SIZE} bytes, so paying with more coins costs more ({@link Policy#feePerKilobyte}).
 * Change smaller than the {@link Policy#dustFloor} is not made: an output that small is worth less
 * than the bother of spending it (Bitcoin Core calls it dust and will not relay it), so it joins
 * the fee. See docs/concepts/accounts-and-utxos.md.
 */
public final class CoinSelection {
    /** The smallest change the default policy makes; less goes to the miner. */
    public static final long DEFAULT_DUST_FLOOR = 10;

    private static final Comparator<Map.Entry<OutPoint, UnspentOutput>> LARGEST_FIRST =
            Comparator.<Map.Entry<OutPoint, UnspentOutput>>comparingLong(e -> e.getValue().amount()).reversed()
                    .thenComparing(Map.Entry::getKey);

    private CoinSelection() {}

    /**
     * What a payment costs, as its payer chooses.
     *
     * @param feePerKilobyte coins per 1000 bytes of the transaction, rounded up: a 1-in, 2-out transfer
     *                       is {@value #ONE_IN_TWO_OUT} bytes
     * @param dustFloor      change below this is not made but paid as fee
     */
    public record Policy(long feePerKilobyte, long dustFloor) {
        static final int ONE_IN_TWO_OUT = 212;
        /** No fee (the classroom's default, as the account model's {@code addtx}), change of {@value #DEFAULT_DUST_FLOOR} or more. */
        public static final Policy DEFAULT = new Policy(0, DEFAULT_DUST_FLOOR);

        public Policy {
            if (feePerKilobyte < 0 || dustFloor < 1) {
                throw new IllegalArgumentException("a fee rate of 0 or more and a dust floor of 1 or more");
            }
        }

        /** This policy at another fee rate. */
        public Policy atRate(long perKilobyte) {
            return new Policy(perKilobyte, dustFloor);
        }

        /** The fee of a transfer of {@code inputs} inputs and {@code outputs} outputs: its size at this rate, rounded up. */
        public long fee(int inputs, int outputs) {
            long bytes = UtxoTransaction.transferSize(inputs, outputs);
            try {
                return Math.addExact(Math.multiplyExact(bytes, feePerKilobyte), 999) / 1000;
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("a fee of " + feePerKilobyte + " per 1000 bytes overflows 64 bits", e);
            }
        }
    }

    /**
     * The coins chosen and what they pay: {@code amount} to the payee, {@code fee} to the miner,
     * {@code change} (0 for none) back to the payer. Their sum is what the coins hold, always: the
     * amount is the selection's, so a payment cannot pay another one and let the difference
     * become fee.
     */
    public record Selection(Map<OutPoint, UnspentOutput> coins, long amount, long fee, long change) {
        public Selection {
            coins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(coins));
            long held = 0;
            for (UnspentOutput u : coins.values()) {
                held = Math.addExact(held, u.amount());
            }
            if (coins.isEmpty() || amount <= 0 || fee < 0 || change < 0
                    || held != Math.addExact(Math.addExact(amount, fee), change)) {
                throw new IllegalArgumentException("coins holding " + held + " pay " + amount + " + fee " + fee
                        + " + change " + change);
            }
        }
    }

    /**
     * The largest of {@code coins} until they cover {@code amount} and the fee {@code policy} puts
     * on a transaction of that many inputs; empty if all of them do not. The change is what is
     * left after the fee of a transaction with a change output; left under the dust floor, there
     * is no change output and the fee takes it.
     *
     * @throws IllegalArgumentException if amount is not positive, or amount + fee overflows
     */
    public static Optional<Selection> largestFirst(Map<OutPoint, UnspentOutput> coins, long amount, Policy policy) {
        if (amount <= 0) {
            throw new IllegalArgumentException("pay a positive amount, not " + amount);
        }
        List<Map.Entry<OutPoint, UnspentOutput>> sorted = new ArrayList<>(coins.entrySet());
        sorted.sort(LARGEST_FIRST);
        Map<OutPoint, UnspentOutput> chosen = new LinkedHashMap<>();
        long held = 0; // below amount + fee of every smaller selection, so within 64 bits
        for (Map.Entry<OutPoint, UnspentOutput> e : sorted) {
            chosen.put(e.getKey(), e.getValue());
            long noChangeFee = policy.fee(chosen.size(), 1);
            long changeFee = policy.fee(chosen.size(), 2);
            long needed = sum(amount, noChangeFee) - held; // positive: the coins so far fell short
            long coin = e.getValue().amount();
            if (coin >= needed && coin > Long.MAX_VALUE - held) {
                // the inputs would hold more than 64 bits count, and the rules refuse that sum: try a smaller coin
                chosen.remove(e.getKey());
                continue;
            }
            if (coin >= needed) {
                long left = coin - needed; // beyond amount + the fee without change
                long change = left - (changeFee - noChangeFee);
                return Optional.of(change >= policy.dustFloor()
                        ? new Selection(chosen, amount, changeFee, change)
                        : new Selection(chosen, amount, noChangeFee + left, 0));
            }
            held += coin;
        }
        return Optional.empty();
    }

    private static long sum(long amount, long fee) {
        try {
            return Math.addExact(amount, fee);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount + " + fee " + fee + " overflows 64 bits", e);
        }
    }

    /**
     * Spends {@code selection}'s coins, owned by {@code from}: its amount to {@code to}, its change
     * (if any) back to {@code from}; what the coins hold beyond both is the selection's fee.
     */
    public static UtxoTransaction pay(NetworkId network, Keys from, Selection selection, Address to) {
        List<UtxoTransaction.Spend> spends = new ArrayList<>();
        selection.coins().forEach((o, u) -> spends.add(new UtxoTransaction.Spend(o, u.amount(), from)));
        List<TxOutput> outputs = new ArrayList<>();
        outputs.add(new TxOutput(selection.amount(), to));
        if (selection.change() > 0) {
            outputs.add(new TxOutput(selection.change(), from.address()));
        }
        return UtxoTransaction.signed(network, spends, outputs);
    }
}
