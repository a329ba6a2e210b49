package org.powchain.mempool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.ChainSnapshot;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.UtxoLedger;
import org.powchain.consensus.UtxoRules;
import org.powchain.core.Address;
import org.powchain.core.CoinSelection;
import org.powchain.core.Keys;
import org.powchain.core.OutPoint;
import org.powchain.core.Transaction;
import org.powchain.core.TxInput;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoTransaction;
import org.powchain.core.UtxoView;

/**
 * The UTXO model's mempool policy, as Bitcoin Core keeps {@code mapNextTx} beside its accept checks:
 * a transfer claims the outpoints it spends, so a second pending spend of one output is refused by
 * name ({@link Rule#MEMPOOL_CONFLICT}, naming the output and the transaction that holds it: nothing
 * is replaced), and it provides the outpoints of its outputs, so a pending transaction's output may
 * be spent by another pending one, its child (mined after it, evicted before it).
 *
 * <p>The checks are the block rules ({@link UtxoRules#spentOutputs}, {@link UtxoRules#fee}) against
 * the tip's set plus the outputs pending transactions make, as a block at the next height would
 * see them: so what the mempool holds is what a block may carry, in the pool's order.
 */
public final class UtxoPolicy extends LedgerPolicy {

    public UtxoPolicy(ChainQueries chain, SignatureVerifier signatures) {
        super(chain, signatures);
    }

    /** The outpoints it spends: each one output, spent once. */
    @Override
    public List<Object> claims(Transaction tx) {
        List<Object> out = new ArrayList<>();
        for (TxInput in : transfer(tx).inputs()) {
            out.add(in.outpoint());
        }
        return out;
    }

    /** The outpoints of its outputs: a pending transaction spending one is its child. */
    @Override
    public List<Object> provides(Transaction tx) {
        UtxoTransaction t = transfer(tx);
        List<Object> out = new ArrayList<>(t.outputs().size());
        for (int i = 0; i < t.outputs().size(); i++) {
            out.add(t.outpoint(i));
        }
        return out;
    }

    /** Every input spends an output of the tip's set or of a pending transaction, as the rules say; returns the fee. */
    @Override
    public long check(Transaction tx, PoolView pool, ChainSnapshot tip) throws RuleViolation {
        UtxoTransaction t = transfer(tx);
        int next = tip.height() + 1;
        return UtxoRules.fee(t, UtxoRules.spentOutputs(chain.params(), t, view(pool, tip), next));
    }

    /**
     * The set as a block at the next height sees it: the tip's unspent outputs, and those pending
     * transactions make (not coinbases; made "at" the next height). Outputs a pending transaction
     * spends stay in it: the pool has refused a second claim already.
     */
    static UtxoView view(PoolView pool, ChainSnapshot tip) {
        UtxoView set = UtxoLedger.view(tip.ledger());
        int next = tip.height() + 1;
        return o -> {
            Optional<UnspentOutput> onChain = set.find(o);
            if (onChain.isPresent()) {
                return onChain;
            }
            return pool.provider(o).map(UtxoLedger::transfer).filter(p -> o.index() < p.outputs().size())
                    .map(p -> new UnspentOutput(p.outputs().get(o.index()), next, false));
        };
    }

    @Override
    public RuleViolation conflict(Transaction tx, Object claim, Transaction holder, PoolView pool, ChainSnapshot tip) {
        return new RuleViolation(Rule.MEMPOOL_CONFLICT, "output " + claim + " is already spent by pending transaction "
                + holder.id() + "; the mempool replaces nothing: mine that one, or wait until it is dropped");
    }

    /** Pending while every output it spends is still unspent at the tip or made by a transaction still pending. */
    @Override
    public boolean stillPending(Transaction tx, PoolView pool, ChainSnapshot tip) {
        UtxoView set = UtxoLedger.view(tip.ledger());
        for (TxInput in : transfer(tx).inputs()) {
            OutPoint o = in.outpoint();
            if (set.find(o).isEmpty() && pool.provider(o).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Pays from the payer's {@link #spendable} coins, largest first, change back ({@link CoinSelection}). */
    @Override
    public Transaction transfer(Mempool mempool, Keys payer, Address to, long amount) throws RuleViolation {
        Map<OutPoint, UnspentOutput> coins = spendable(mempool, payer.address());
        CoinSelection.Selection chosen = CoinSelection.largestFirst(coins, amount, CoinSelection.Policy.DEFAULT)
                .orElseThrow(() -> new RuleViolation(Rule.INSUFFICIENT_FUNDS, payer.address() + " has " + coins.size()
                        + " spendable outputs holding " + coins.values().stream().mapToLong(UnspentOutput::amount).sum()
                        + ", not the " + amount + " to pay"));
        return CoinSelection.pay(chain.networkId(), payer, chosen, to);
    }

    /**
     * The coins {@code owner} may spend in a transaction admitted now, by outpoint: its outputs
     * unspent at the tip that a block at the next height may spend (a coinbase's must have matured)
     * and that no pending transaction spends, then the outputs pending transactions pay it (its own
     * change among them) that nothing pending spends yet: what a wallet on the node selects from.
     * Read in one look at the pool and the tip, so that the two agree.
     */
    public static Map<OutPoint, UnspentOutput> spendable(Mempool mempool, Address owner) {
        UtxoPolicy policy = (UtxoPolicy) mempool.policy();
        return mempool.read((pool, tip) -> policy.spendable(pool, tip, owner));
    }

    private Map<OutPoint, UnspentOutput> spendable(PoolView pool, ChainSnapshot tip, Address owner) {
        int next = tip.height() + 1;
        Map<OutPoint, UnspentOutput> out = new LinkedHashMap<>();
        UtxoLedger.unspent(tip.ledger(), owner).forEach((o, u) -> {
            if (UtxoRules.matured(chain.params(), u, next) && pool.claimant(o).isEmpty()) {
                out.put(o, u);
            }
        });
        for (Transaction p : pool.all()) {
            UtxoTransaction t = transfer(p);
            for (int i = 0; i < t.outputs().size(); i++) {
                OutPoint o = t.outpoint(i);
                if (t.outputs().get(i).owner().equals(owner) && pool.claimant(o).isEmpty()) {
                    out.put(o, new UnspentOutput(t.outputs().get(i), next, false));
                }
            }
        }
        return out;
    }

    /** Every transaction of a UTXO chain is a {@link UtxoTransaction}: the one cast of this policy. */
    private static UtxoTransaction transfer(Transaction tx) {
        return UtxoLedger.transfer(tx);
    }
}
