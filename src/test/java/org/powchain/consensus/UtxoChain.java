package org.powchain.consensus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.TxInput;
import org.powchain.core.TxOutput;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoChange;
import org.powchain.core.UtxoTransaction;
import org.powchain.store.UtxoSet;

/**
 * A UTXO chain for tests, without headers or proof of work: a set and a height, stepped by
 * {@link UtxoRules#apply} one block (a list of transactions) at a time and stepped back with the
 * undo records it kept, so a test reads "A pays B; connect; connect a block spending the change".
 */
public final class UtxoChain {
    /** The test network's rules: maturity 3, so a test shows it in a few blocks. */
    public static final ConsensusParams PARAMS = ConsensusParams.forTests().withCoinbaseMaturity(3);
    public static final NetworkId NET = new NetworkId(0x7574786f0000002aL);
    public static final Keys A = Keys.demo("A");
    public static final Keys B = Keys.demo("B");
    public static final Keys C = Keys.demo("C");
    public static final Keys MINER = Keys.demo("miner");

    private UtxoSet set = UtxoSet.empty();
    private int height = -1;
    private final Deque<UtxoChange> undo = new ArrayDeque<>();
    private final List<UtxoTransaction> genesis;

    /** A chain whose genesis allocates {@code allocations}, in one coinbase at height 0. */
    public UtxoChain(TxOutput... allocations) {
        this(List.of(UtxoTransaction.coinbase(0, List.of(allocations))));
    }

    private UtxoChain(List<UtxoTransaction> genesis) {
        this.genesis = genesis;
        try {
            connect(genesis);
        } catch (RuleViolation e) {
            throw new AssertionError(e);
        }
    }

    /** A chain whose genesis allocates each of {@code allocations} in a coinbase of its own, as a node's genesis does. */
    public static UtxoChain eachInItsOwnCoinbase(TxOutput... allocations) {
        List<UtxoTransaction> coinbases = new ArrayList<>();
        for (TxOutput a : allocations) {
            coinbases.add(UtxoTransaction.coinbase(0, List.of(a)));
        }
        return new UtxoChain(coinbases);
    }

    /** The outpoint of genesis allocation {@code i}. */
    public OutPoint coin(int i) {
        return genesis.size() == 1 ? genesis.get(0).outpoint(i) : genesis.get(i).outpoint(0);
    }

    /** A chain whose genesis gives A and B 1000 each (outputs 0 and 1 of {@link #genesis()}). */
    public UtxoChain() {
        this(to(A, 1000), to(B, 1000));
    }

    public static TxOutput to(Keys owner, long amount) {
        return new TxOutput(amount, owner.address());
    }

    /** Genesis's first coinbase: all of it, unless made {@link #eachInItsOwnCoinbase}. */
    public UtxoTransaction genesis() {
        return genesis.get(0);
    }

    public UtxoSet set() {
        return set;
    }

    public int height() {
        return height;
    }

    /** {@code from} spends {@code spends}, whose amounts are read from the set, into {@code outputs}. */
    public UtxoTransaction pay(Keys from, List<OutPoint> spends, TxOutput... outputs) {
        List<UtxoTransaction.Spend> s = new ArrayList<>();
        for (OutPoint o : spends) {
            s.add(new UtxoTransaction.Spend(o, set.find(o).map(UnspentOutput::amount).orElseThrow(), from));
        }
        return UtxoTransaction.signed(NET, s, List.of(outputs));
    }

    public UtxoTransaction pay(Keys from, OutPoint spend, TxOutput... outputs) {
        return pay(from, List.of(spend), outputs);
    }

    /** {@code from} spends {@code spend}, said to hold {@code amount} (from a block not connected yet, or a lie). */
    public static UtxoTransaction payHolding(Keys from, OutPoint spend, long amount, TxOutput... outputs) {
        return UtxoTransaction.signed(NET, List.of(new UtxoTransaction.Spend(spend, amount, from)), List.of(outputs));
    }

    /**
     * The next block: a coinbase to {@link #MINER} paying the reward plus the fees of
     * {@code transfers} (outputs they spend from each other included), then the transfers.
     */
    public List<UtxoTransaction> block(UtxoTransaction... transfers) {
        Map<OutPoint, Long> made = new HashMap<>();
        long fees = 0;
        for (UtxoTransaction t : transfers) {
            for (TxInput in : t.inputs()) {
                Long inBlock = made.remove(in.outpoint());
                fees += inBlock != null ? inBlock : set.find(in.outpoint()).map(UnspentOutput::amount).orElse(0L);
            }
            for (int i = 0; i < t.outputs().size(); i++) {
                made.put(t.outpoint(i), t.outputs().get(i).amount());
                fees -= t.outputs().get(i).amount();
            }
        }
        List<UtxoTransaction> txs = new ArrayList<>();
        // a transfer spending what does not exist gives no fee: the block is refused for that, not its coinbase
        txs.add(UtxoTransaction.coinbase(height + 1, List.of(to(MINER, PARAMS.blockReward() + Math.max(0, fees)))));
        txs.addAll(List.of(transfers));
        return txs;
    }

    /** Checks and applies {@code txs} as the next block, as a node would; returns its change. */
    public UtxoChange connect(List<UtxoTransaction> txs) throws RuleViolation {
        if (height >= 0) {
            UtxoRules.checkBody(NET, txs);
            for (UtxoTransaction t : txs.subList(1, txs.size())) {
                UtxoRules.checkSignatures(t);
            }
        }
        UtxoChange change = UtxoRules.apply(PARAMS, txs, height + 1, set);
        set = set.connect(change);
        undo.push(change);
        height++;
        return change;
    }

    /** Connects {@link #block} of {@code transfers}; returns its coinbase. */
    public UtxoTransaction mine(UtxoTransaction... transfers) throws RuleViolation {
        List<UtxoTransaction> txs = block(transfers);
        connect(txs);
        return txs.get(0);
    }

    /** Steps back one block with its undo record, after a trip through its bytes as a store keeps it. */
    public void disconnect() {
        set = set.disconnect(UtxoChange.decode(undo.pop().encode()));
        height--;
    }

    public Optional<UnspentOutput> find(OutPoint o) {
        return set.find(o);
    }

    /** An input exactly like {@code in} but for its signature. */
    public static TxInput withSignature(TxInput in, byte[] signature) {
        return new TxInput(in.outpoint(), in.amount(), in.publicKey(), signature);
    }
}
