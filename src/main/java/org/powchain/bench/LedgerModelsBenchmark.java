package org.powchain.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.LedgerRules;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.TransactionRules;
import org.powchain.consensus.UtxoRules;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.MerkleTree;
import org.powchain.core.NetworkId;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Transaction;
import org.powchain.core.TxOutput;
import org.powchain.core.UtxoChange;
import org.powchain.core.UtxoTransaction;
import org.powchain.store.UtxoSet;

/**
 * The two ledger models side by side at the level of their rules, without a node around them
 * (the UTXO model does not run in a node yet): checking one transfer as the mempool would, and
 * applying a block of transfers to the ledger (the last of {@link #ROUNDS}, warm). The same
 * payments both ways: {@code senders} keys, each paying the next one. Printed, never asserted
 * (docs/PERFORMANCE.md).
 */
public final class LedgerModelsBenchmark {
    private static final NetworkId NET = new NetworkId(0x62656e6368L);
    private static final long COIN = 1_000_000;
    /** Block figures are the last of this many rounds, so the JIT has compiled what they measure. */
    private static final int ROUNDS = 5;

    private final ConsensusParams params = ConsensusParams.forTests();
    private final List<Keys> keys = new ArrayList<>();

    private LedgerModelsBenchmark(int senders) {
        for (int i = 0; i < senders; i++) {
            keys.add(Keys.demo("bench" + i));
        }
    }

    public static void run(int txs, int senders, PrintStream out) throws RuleViolation {
        LedgerModelsBenchmark b = new LedgerModelsBenchmark(senders);
        out.printf("ledger models: %,d transfers from %,d senders, one thread%n", txs, senders);
        b.accounts(txs, out);
        b.utxos(txs, out);
    }

    /** Sender {@code i % senders} pays the next sender 900 with a fee of 1, as its {@code i / senders}-th transfer. */
    private void accounts(int count, PrintStream out) throws RuleViolation {
        Map<Address, AccountState> ledger = new HashMap<>();
        keys.forEach(k -> ledger.put(k.address(), new AccountState(COIN * 10, 0)));
        List<AccountTransaction> txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Keys from = keys.get(i % keys.size());
            txs.add(AccountTransaction.signed(NET, from, next(i).address(), 900, 1, i / keys.size()));
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) { // as a mempool would: after the sender's transfers queued before it
            AccountTransaction t = txs.get(i);
            long queued = i / keys.size();
            TransactionRules.checkWellFormed(t);
            TransactionRules.checkNetwork(t, NET);
            TransactionRules.checkSignature(t);
            TransactionRules.checkAgainstSender(t, ledger.get(t.sender()), queued, queued * 901);
        }
        report(out, "accounts", "check a transfer (form, network, signature, balance and nonce)", count, start);

        List<Transaction> block = new ArrayList<>();
        block.add(AccountTransaction.coinbase(keys.get(0).address(), params.blockReward() + count, 1));
        block.addAll(txs);
        Block b = new Block(new BlockHeader(1, Hash.ZERO, MerkleTree.rootOf(block), 0, params.genesisBits(), 0), block);
        double ms = 0;
        for (int round = 0; round < ROUNDS; round++) {
            start = System.nanoTime();
            LedgerRules.apply(params, b, 1, a -> ledger.getOrDefault(a, AccountState.EMPTY));
            ms = (System.nanoTime() - start) / 1e6;
        }
        out.printf("  accounts: apply a block of %,d transfers (%,d bytes), signatures apart: %.1f ms%n",
                count, b.sizeBytes(), ms);
    }

    /** The same payments as outputs: each sender starts with coins of its own, and each transfer spends one. */
    private void utxos(int count, PrintStream out) throws RuleViolation {
        List<TxOutput> allocations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            allocations.add(new TxOutput(COIN, keys.get(i % keys.size()).address()));
        }
        UtxoTransaction genesis = UtxoTransaction.coinbase(0, allocations);
        UtxoSet set = UtxoSet.empty().connect(UtxoRules.apply(params, List.of(genesis), 0, UtxoSet.empty()));
        List<UtxoTransaction> txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Keys from = keys.get(i % keys.size());
            txs.add(UtxoTransaction.signed(NET, List.of(new UtxoTransaction.Spend(genesis.outpoint(i), COIN, from)),
                    List.of(new TxOutput(900, next(i).address()), new TxOutput(COIN - 901, from.address()))));
        }
        long start = System.nanoTime();
        for (UtxoTransaction t : txs) {
            UtxoRules.check(params, NET, t, set, 1);
        }
        report(out, "UTXOs", "check a transfer (form, network, outputs spent, owner, amounts, signature)", count, start);

        List<UtxoTransaction> block = new ArrayList<>();
        block.add(UtxoTransaction.coinbase(1, List.of(new TxOutput(params.blockReward() + count, keys.get(0).address()))));
        block.addAll(txs);
        int bytes = block.stream().mapToInt(UtxoTransaction::size).sum();
        UtxoChange change = null;
        UtxoSet after = null;
        double ms = 0;
        double undoMs = 0;
        for (int round = 0; round < ROUNDS; round++) {
            start = System.nanoTime();
            UtxoRules.checkBody(NET, block);
            change = UtxoRules.apply(params, block, 1, set);
            after = set.connect(change);
            ms = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            after.disconnect(UtxoChange.decode(change.encode()));
            undoMs = (System.nanoTime() - start) / 1e6;
        }
        out.printf("  UTXOs: apply a block of %,d transfers (%,d bytes of transactions), signatures apart,"
                + " and connect it to a set of %,d: %.1f ms%n", count, bytes, set.size(), ms);
        out.printf("  UTXOs: undo record %,d bytes; disconnect with it: %.1f ms; set after: %,d outputs%n",
                change.encode().length, undoMs, after.size());
        start = System.nanoTime();
        Hash h = after.hash();
        out.printf("  UTXOs: hash the whole set (%s…): %.1f ms%n", h.toHex().substring(0, 12),
                (System.nanoTime() - start) / 1e6);
    }

    private Keys next(int i) {
        return keys.get((i + 1) % keys.size());
    }

    private static void report(PrintStream out, String model, String what, int n, long start) {
        double secs = (System.nanoTime() - start) / 1e9;
        out.printf("  %s: %s: %,.0f a second (%,d in %.2f s)%n", model, what, n / secs, n, secs);
    }
}
