package org.powchain.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.AccountTransaction;
import org.powchain.core.CoinSelection;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.Transaction;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoTransaction;

/**
 * The benchmarks' payments in either ledger model, signed as a wallet would sign them: sender
 * {@code from} pays {@code amount} to sender {@code to}, fee 0, each payment following on from the
 * sender's last (the next nonce; or coins that include the change of its last payment, confirmed
 * or not). A payer keeps what each sender has as a wallet does: it does not ask a node.
 */
abstract class Payments {
    /** Every payment's amount. */
    static final long AMOUNT = 100;

    /** Which of its coins a UTXO sender spends. */
    enum Coins {
        /** The node's and the wallet's choice ({@link CoinSelection#largestFirst}): the fewest inputs. */
        LARGEST_FIRST("largest first"),
        /** Every coin it holds, into one payment and one change output: the set keeps about two outputs a sender. */
        ALL("every coin it holds");

        final String description;

        Coins(String description) {
            this.description = description;
        }
    }

    final List<Keys> senders;
    final NetworkId network;

    private Payments(List<Keys> senders, NetworkId network) {
        this.senders = senders;
        this.network = network;
    }

    /** Payments of {@code w}'s model from its senders, each funded by its genesis allocation of {@link Workload#FUNDS}. */
    static Payments of(Workload w, Coins coins) {
        Ledger model = w.params.ledger();
        if (model == UtxoLedger.INSTANCE) {
            return new Utxos(w, coins);
        }
        return new Accounts(w.senders, w.network);
    }

    /** Sender {@code from}'s next payment of {@link #AMOUNT} to sender {@code to}. */
    abstract Transaction pay(int from, int to);

    /** The fee a payment made by {@link #pay} pays (0: the classroom's default in both models). */
    long fee(Transaction tx) {
        return 0;
    }

    /** The account model: the sender's next nonce. */
    private static final class Accounts extends Payments {
        private final long[] nonces;

        Accounts(List<Keys> senders, NetworkId network) {
            super(senders, network);
            this.nonces = new long[senders.size()];
        }

        @Override
        Transaction pay(int from, int to) {
            return AccountTransaction.signed(network, senders.get(from), senders.get(to).address(), AMOUNT, 0, nonces[from]++);
        }
    }

    /**
     * The UTXO model: each sender's coins, starting with its genesis output; a payment spends some
     * of them (by {@link Coins}), pays one output to the payee (who can spend it from then on) and
     * its change back.
     */
    private static final class Utxos extends Payments {
        private final List<Map<OutPoint, UnspentOutput>> coins = new ArrayList<>();
        private final Coins choice;

        Utxos(Workload w, Coins choice) {
            super(w.senders, w.network);
            this.choice = choice;
            for (Keys k : senders) {
                // genesis: one coinbase at height 0 per allocation (Genesis.transactions), spendable at once
                UtxoTransaction allocation = UtxoLedger.transfer(w.params.ledger().coinbase(k.address(), Workload.FUNDS, 0));
                Map<OutPoint, UnspentOutput> own = new LinkedHashMap<>();
                own.put(allocation.outpoint(0), new UnspentOutput(allocation.outputs().get(0), 0, false));
                coins.add(own);
            }
        }

        @Override
        Transaction pay(int from, int to) {
            Map<OutPoint, UnspentOutput> own = coins.get(from);
            CoinSelection.Selection s = switch (choice) {
                case LARGEST_FIRST -> CoinSelection.largestFirst(own, AMOUNT, CoinSelection.Policy.DEFAULT)
                        .orElseThrow(() -> new IllegalStateException("sender " + from + " ran out of coins"));
                case ALL -> new CoinSelection.Selection(own, AMOUNT, 0,
                        own.values().stream().mapToLong(UnspentOutput::amount).sum() - AMOUNT);
            };
            UtxoTransaction tx = CoinSelection.pay(network, senders.get(from), s, senders.get(to).address());
            s.coins().keySet().forEach(own::remove);
            coins.get(to).put(tx.outpoint(0), new UnspentOutput(tx.outputs().get(0), 0, false));
            if (s.change() > 0) {
                own.put(tx.outpoint(1), new UnspentOutput(tx.outputs().get(1), 0, false));
            }
            return tx;
        }

        @Override
        long fee(Transaction tx) {
            UtxoTransaction t = UtxoLedger.transfer(tx);
            return t.inputs().stream().mapToLong(i -> i.amount()).sum() - t.outputs().stream().mapToLong(o -> o.amount()).sum();
        }
    }
}
