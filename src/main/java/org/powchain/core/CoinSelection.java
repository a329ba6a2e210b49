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
 * See docs/concepts/accounts-and-utxos.md.
 */
public final class CoinSelection {
    private static final Comparator<Map.Entry<OutPoint, UnspentOutput>> LARGEST_FIRST =
            Comparator.<Map.Entry<OutPoint, UnspentOutput>>comparingLong(e -> e.getValue().amount()).reversed()
                    .thenComparing(Map.Entry::getKey);

    private CoinSelection() {}

    /** The coins chosen, and the change: what they hold beyond amount + fee. */
    public record Selection(Map<OutPoint, UnspentOutput> coins, long change) {}

    /**
     * The largest of {@code coins} until they cover {@code amount + fee}; empty if all of them do not.
     *
     * @throws IllegalArgumentException if amount is not positive, fee is negative, or their sum overflows
     */
    public static Optional<Selection> largestFirst(Map<OutPoint, UnspentOutput> coins, long amount, long fee) {
        if (amount <= 0 || fee < 0 || amount > Long.MAX_VALUE - fee) {
            throw new IllegalArgumentException("pay a positive amount and a fee of 0 or more, within 64 bits");
        }
        List<Map.Entry<OutPoint, UnspentOutput>> sorted = new ArrayList<>(coins.entrySet());
        sorted.sort(LARGEST_FIRST);
        Map<OutPoint, UnspentOutput> chosen = new LinkedHashMap<>();
        long missing = amount + fee; // counted down, so that no sum of coins can overflow
        for (Map.Entry<OutPoint, UnspentOutput> e : sorted) {
            chosen.put(e.getKey(), e.getValue());
            if (e.getValue().amount() >= missing) {
                return Optional.of(new Selection(chosen, e.getValue().amount() - missing));
            }
            missing -= e.getValue().amount();
        }
        return Optional.empty();
    }

    /** Spends {@code selection}'s coins, owned by {@code from}: {@code amount} to {@code to}, the change (if any) back. */
    public static UtxoTransaction pay(NetworkId network, Keys from, Selection selection, Address to, long amount) {
        List<UtxoTransaction.Spend> spends = new ArrayList<>();
        selection.coins().forEach((o, u) -> spends.add(new UtxoTransaction.Spend(o, u.amount(), from)));
        List<TxOutput> outputs = new ArrayList<>();
        outputs.add(new TxOutput(amount, to));
        if (selection.change() > 0) {
            outputs.add(new TxOutput(selection.change(), from.address()));
        }
        return UtxoTransaction.signed(network, spends, outputs);
    }
}
