package org.powchain.consensus;

import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Bytes;
import org.powchain.core.LedgerChange;
import org.powchain.core.LedgerView;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.Parties;
import org.powchain.core.Transaction;
import org.powchain.core.TxInput;
import org.powchain.core.TxOutput;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoChange;
import org.powchain.core.UtxoTransaction;
import org.powchain.core.UtxoView;

/**
 * The UTXO model, as Bitcoin keeps coins: the ledger is the set of unspent outputs, a transaction
 * spends whole outputs and makes new ones ({@link UtxoTransaction}). The rules are in
 * {@link UtxoRules}; this class is their {@link Ledger} face. A ledger entry is one unspent output:
 * the outpoint's 36 bytes ({@link OutPoint#encode}) as key, the output with its height and coinbase
 * flag (33 bytes, {@link UnspentOutput#encode}) as value; a block's {@link UtxoChange} is its
 * {@link LedgerChange} (an output spent: before the output, after nothing; one created: the
 * reverse), so the stores' undo records restore the set exactly on a reorg.
 * See docs/concepts/accounts-and-utxos.md.
 */
public final class UtxoLedger implements Ledger {
    public static final UtxoLedger INSTANCE = new UtxoLedger();
    public static final String NAME = "utxo";

    private UtxoLedger() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transaction decode(byte[] bytes) {
        return UtxoTransaction.decode(bytes);
    }

    @Override
    public TransactionCodec codec() {
        return UtxoTransactionCodec.INSTANCE;
    }

    /** A transfer of one input and one output: only a coinbase is smaller, and a block holds one. */
    @Override
    public int minTransactionSize() {
        return UtxoTransaction.transferSize(1, 1);
    }

    @Override
    public Transaction coinbase(Address miner, long amount, int height) {
        return UtxoTransaction.coinbase(height, List.of(new TxOutput(amount, miner)));
    }

    @Override
    public void checkCoinbaseForm(Transaction coinbase) throws RuleViolation {
        UtxoRules.checkCoinbaseForm(transfer(coinbase));
    }

    @Override
    public void checkWellFormed(Transaction tx, NetworkId network) throws RuleViolation {
        UtxoRules.checkWellFormed(transfer(tx));
        UtxoRules.checkNetwork(transfer(tx), network);
    }

    /** No output spent by two transactions of the block. */
    @Override
    public void checkBody(List<Transaction> txs, NetworkId network) throws RuleViolation {
        UtxoRules.checkNoDoubleSpend(transfers(txs));
    }

    @Override
    public void checkSignature(Transaction tx) throws RuleViolation {
        UtxoRules.checkSignatures(transfer(tx));
    }

    @Override
    public LedgerChange apply(ConsensusParams params, Block block, int height, LedgerView ledger) throws RuleViolation {
        return entries(UtxoRules.apply(params, transfers(block.transactions()), height, view(ledger)));
    }

    /** The unspent outputs {@code ledger} holds, as the rules read them. */
    public static UtxoView view(LedgerView ledger) {
        return o -> {
            Bytes value = ledger.get(key(o));
            return value.isEmpty() ? Optional.empty() : Optional.of(UnspentOutput.decode(value.toBytes()));
        };
    }

    /** The ledger key of the output at {@code outpoint}. */
    public static Bytes key(OutPoint outpoint) {
        return Bytes.of(outpoint.encode());
    }

    /** {@code change} as ledger entries: spent outputs leave, created ones arrive; before is the undo record. */
    public static LedgerChange entries(UtxoChange change) {
        Map<Bytes, Bytes> before = new LinkedHashMap<>();
        Map<Bytes, Bytes> after = new LinkedHashMap<>();
        change.spent().forEach((o, u) -> {
            before.put(key(o), Bytes.of(u.encode()));
            after.put(key(o), Bytes.EMPTY);
        });
        change.created().forEach((o, u) -> {
            before.put(key(o), Bytes.EMPTY);
            after.put(key(o), Bytes.of(u.encode()));
        });
        return new LedgerChange(before, after);
    }

    @Override
    public BigInteger coins(LedgerView ledger) {
        BigInteger sum = BigInteger.ZERO;
        for (Bytes v : ledger.entries().values()) {
            sum = sum.add(BigInteger.valueOf(UnspentOutput.decode(v.toBytes()).amount()));
        }
        return sum;
    }

    /** The inputs' keys pay; each output is paid to its owner (change to a payer included). */
    @Override
    public Parties parties(Transaction tx) {
        UtxoTransaction t = transfer(tx);
        Set<Address> payers = new LinkedHashSet<>();
        for (TxInput in : t.inputs()) {
            payers.add(in.spender());
        }
        Map<Address, Long> paid = new LinkedHashMap<>();
        for (TxOutput o : t.outputs()) {
            paid.merge(o.owner(), o.amount(), UtxoLedger::saturatingSum);
        }
        return new Parties(payers, paid);
    }

    private static long saturatingSum(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : s;
    }

    @Override
    public Address ownerOf(Bytes key, Bytes value) {
        return UnspentOutput.decode(value.toBytes()).owner();
    }

    /** What {@code owner} may spend, by outpoint: the ledger's owner index, sorted. */
    public static Map<OutPoint, UnspentOutput> unspent(LedgerView ledger, Address owner) {
        Map<OutPoint, UnspentOutput> out = new TreeMap<>();
        ledger.ownedBy(owner).forEach((k, v) -> out.put(OutPoint.decode(k.toBytes()), UnspentOutput.decode(v.toBytes())));
        return out;
    }

    /** The sum of {@code address}'s unspent outputs, immature coinbases included (Bitcoin's "balance" counts them too). */
    @Override
    public long balance(LedgerView ledger, Address address) {
        long sum = 0;
        for (Bytes v : ledger.ownedBy(address).values()) {
            sum = Math.addExact(sum, UnspentOutput.decode(v.toBytes()).amount());
        }
        return sum;
    }

    /** How many unspent outputs make the balance. */
    @Override
    public void describeAccount(LedgerView ledger, Address address, TransactionCodec.Fields out) {
        out.put("unspentOutputs", ledger.ownedBy(address).size());
    }

    @Override
    public void encodeParams(ConsensusParams params, DataOutput out) throws IOException {
        out.writeUTF(NAME);
        out.writeInt(params.coinbaseMaturity());
    }

    @Override
    public String describeParams(ConsensusParams params) {
        return ", coinbaseMaturity=" + params.coinbaseMaturity();
    }

    /** A transaction of this model: every one a block of a UTXO network carries, decoded by {@link #decode}. */
    public static UtxoTransaction transfer(Transaction tx) {
        return (UtxoTransaction) tx;
    }

    private static List<UtxoTransaction> transfers(List<Transaction> txs) {
        return txs.stream().map(UtxoLedger::transfer).toList();
    }

    @Override
    public String toString() {
        return NAME;
    }
}
