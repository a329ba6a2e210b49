package org.powchain.consensus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.TxInput;
import org.powchain.core.TxOutput;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoChange;
import org.powchain.core.UtxoTransaction;
import org.powchain.core.UtxoView;

/**
 * The rules of the UTXO model, as pure functions over a read-only {@link UtxoView}: the mempool
 * calls {@link #check} against the tip's set, a block is {@link #checkBody checked alone} and then
 * {@link #apply applied} to the set below it, giving the {@link UtxoChange} that is also its undo
 * record. There is no script language: an output names the hash of the key that may spend it.
 *
 * <p>Every failure is a {@link Rule}; the ones the account model shares keep their meaning
 * ({@link Rule#BAD_AMOUNT}, {@link Rule#WRONG_NETWORK}, {@link Rule#BAD_SIGNATURE},
 * {@link Rule#BAD_COINBASE}...). See docs/concepts/accounts-and-utxos.md.
 */
public final class UtxoRules {
    private UtxoRules() {}

    /** Checks that need nothing but the transfer itself. */
    public static void checkWellFormed(UtxoTransaction tx) throws RuleViolation {
        if (tx.isCoinbase()) {
            throw new RuleViolation(Rule.EXTRA_COINBASE, "a coinbase is only valid as a block's first transaction");
        }
        outputTotal(tx);
        Set<OutPoint> seen = new HashSet<>();
        for (TxInput in : tx.inputs()) {
            if (!seen.add(in.outpoint())) {
                throw duplicateInput(tx, in.outpoint());
            }
        }
    }

    private static RuleViolation duplicateInput(UtxoTransaction tx, OutPoint twice) {
        return new RuleViolation(Rule.DUPLICATE_INPUT, "transaction " + tx.txid() + " spends " + twice + " twice");
    }

    /** The transfer was signed for this network: its id is in what every input signs. */
    public static void checkNetwork(UtxoTransaction tx, NetworkId network) throws RuleViolation {
        TransactionRules.checkNetwork(tx.id(), tx.network(), network);
    }

    /**
     * A coinbase has no inputs, an all-zero network (it is not signed) and at least one output of a
     * positive amount. Its height and total are checked by {@link #apply}, which knows the fees.
     */
    public static void checkCoinbaseForm(UtxoTransaction coinbase) throws RuleViolation {
        if (!coinbase.isCoinbase()) {
            throw new RuleViolation(Rule.NO_COINBASE, "the first transaction must be the coinbase");
        }
        if (!coinbase.network().equals(NetworkId.NONE)) {
            throw new RuleViolation(Rule.NONCANONICAL_COINBASE, "the coinbase's network must be all zero, got "
                    + coinbase.network());
        }
        outputTotal(coinbase);
    }

    /**
     * Checks of a block's transactions that need no UTXO set: a coinbase first and only first,
     * every transfer well formed and signed for {@code network}, and no output spent by two of them
     * (without this, the second spend would only show as a missing output, hiding what happened).
     */
    public static void checkBody(NetworkId network, List<UtxoTransaction> txs) throws RuleViolation {
        if (txs.isEmpty()) {
            throw new RuleViolation(Rule.NO_COINBASE, "the first transaction must be the coinbase");
        }
        checkCoinbaseForm(txs.get(0));
        for (UtxoTransaction tx : txs.subList(1, txs.size())) {
            checkWellFormed(tx);
            checkNetwork(tx, network);
        }
        checkNoDoubleSpend(txs);
    }

    /**
     * No output is spent by two of {@code txs}: the block-body check of the model's {@code Ledger}
     * (each transaction's own checks have passed). {@link #apply} would find the second spend
     * missing anyway; this names what happened.
     */
    public static void checkNoDoubleSpend(List<UtxoTransaction> txs) throws RuleViolation {
        Map<OutPoint, Hash> spentBy = new LinkedHashMap<>();
        for (UtxoTransaction tx : txs) {
            for (TxInput in : tx.inputs()) {
                Hash earlier = spentBy.putIfAbsent(in.outpoint(), tx.txid());
                if (earlier != null) {
                    throw new RuleViolation(Rule.DOUBLE_SPEND, in.outpoint() + " is spent by " + earlier
                            + " and again by " + tx.txid());
                }
            }
        }
    }

    /**
     * The outputs a transfer spends, in input order, as a block at {@code height} would spend them:
     * each exists unspent in {@code view}, holds the amount the input signed for, is owned by the
     * hash of the input's key, and if a coinbase made it, has matured; and none is spent twice.
     * {@code view} is the set before the transaction, so an output its first input spends is still
     * found for its second: refusing the duplicate here, whatever checked the transaction before,
     * is what keeps {@code [aCoin, aCoin]} from counting a coin twice (the shape of Bitcoin's
     * CVE-2018-17144, where a check skipped for speed let a block create coins that way).
     */
    public static List<UnspentOutput> spentOutputs(ConsensusParams params, UtxoTransaction tx, UtxoView view, int height)
            throws RuleViolation {
        List<UnspentOutput> spent = new ArrayList<>(tx.inputs().size());
        Set<OutPoint> seen = new HashSet<>();
        for (TxInput in : tx.inputs()) {
            if (!seen.add(in.outpoint())) { // the view is not changed by this transaction's own inputs
                throw duplicateInput(tx, in.outpoint());
            }
            Optional<UnspentOutput> found = view.find(in.outpoint());
            if (found.isEmpty()) {
                throw new RuleViolation(Rule.INPUT_MISSING_OR_SPENT, "transaction " + tx.txid() + " spends "
                        + in.outpoint() + ", which does not exist or is already spent");
            }
            UnspentOutput u = found.get();
            if (in.amount() != u.amount()) {
                throw new RuleViolation(Rule.WRONG_INPUT_AMOUNT, "the input spending " + in.outpoint() + " says it holds "
                        + in.amount() + "; it holds " + u.amount());
            }
            if (!in.spender().equals(u.owner())) {
                throw new RuleViolation(Rule.KEY_NOT_OWNER, "the key spending " + in.outpoint() + " hashes to "
                        + in.spender() + "; the output belongs to " + u.owner());
            }
            if (!matured(params, u, height)) {
                throw new RuleViolation(Rule.IMMATURE_COINBASE, in.outpoint() + " was made by the coinbase at height "
                        + u.height() + "; it can be spent from height " + ((long) u.height() + params.coinbaseMaturity())
                        + ", not at " + height);
            }
            spent.add(u);
        }
        return spent;
    }

    /**
     * Whether {@code output} may be spent in a block at {@code height}: always, unless a coinbase
     * made it fewer than {@link ConsensusParams#coinbaseMaturity()} blocks before. Wallets ask too,
     * so that they never pick a coin the rules would refuse.
     */
    public static boolean matured(ConsensusParams params, UnspentOutput output, int height) {
        return !output.coinbase() || (long) height - output.height() >= params.coinbaseMaturity();
    }

    /** What the inputs hold beyond the outputs: the miner's fee. */
    public static long fee(UtxoTransaction tx, List<UnspentOutput> spent) throws RuleViolation {
        long in = 0;
        for (UnspentOutput u : spent) {
            in = add(in, u.amount(), "the inputs of " + tx.txid());
        }
        long out = outputTotal(tx);
        if (out > in) {
            throw new RuleViolation(Rule.OUTPUTS_EXCEED_INPUTS, "transaction " + tx.txid() + " spends " + in
                    + " and pays out " + out);
        }
        return in - out;
    }

    /**
     * Every input's signature verifies, by its key, over {@link UtxoTransaction#signedBytes}. Needs
     * no UTXO set (the amounts spent are in the inputs, checked against the set by
     * {@link #spentOutputs}), so a block's signatures are verified in parallel before the chain's
     * lock and a transaction verified once is not verified again.
     */
    public static void checkSignatures(UtxoTransaction tx) throws RuleViolation {
        byte[] message = tx.signedBytes();
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxInput in = tx.inputs().get(i);
            if (!Keys.verify(in.publicKey(), message, in.signature())) {
                throw new RuleViolation(Rule.BAD_SIGNATURE, "the signature of input " + i + " of " + tx.txid()
                        + " does not verify");
            }
        }
    }

    /**
     * Everything one transfer must satisfy to enter a block at {@code height} on top of {@code view},
     * signatures included: what the mempool checks. Returns the fee.
     */
    public static long check(ConsensusParams params, NetworkId network, UtxoTransaction tx, UtxoView view, int height)
            throws RuleViolation {
        checkWellFormed(tx);
        checkNetwork(tx, network);
        long fee = fee(tx, spentOutputs(params, tx, view, height));
        checkSignatures(tx); // the costly check last
        return fee;
    }

    /**
     * Applies the block at {@code height}, whose transactions passed {@link #checkBody} (and
     * {@link #checkSignatures}, which the chain does apart), to the set {@code view} holds,
     * transaction by transaction: a transfer may spend an output made earlier in
     * the same block, and the coinbase must pay exactly the reward plus the fees and commit to
     * {@code height}. Genesis (height 0) is all allocations, each in the form of a coinbase and
     * held to its rules (positive outputs, no overflow, no outpoint made twice): its outputs are not
     * a reward, so they are spendable at once. Returns the change, which is also the block's undo
     * record. Refuses by itself everything that would make the change wrong (a transaction spending
     * one output twice, a second spend in the block), whatever ran before it.
     */
    public static UtxoChange apply(ConsensusParams params, List<UtxoTransaction> txs, int height, UtxoView view)
            throws RuleViolation {
        Map<OutPoint, UnspentOutput> spent = new LinkedHashMap<>();
        Map<OutPoint, UnspentOutput> created = new LinkedHashMap<>();
        UtxoView current = o -> created.containsKey(o) ? Optional.of(created.get(o))
                : spent.containsKey(o) ? Optional.empty() : view.find(o);

        if (txs.isEmpty()) {
            throw new RuleViolation(Rule.NO_COINBASE, "the first transaction must be the coinbase");
        }
        UtxoTransaction coinbase = txs.get(0);
        if (height == 0) {
            for (UtxoTransaction tx : txs) {
                checkCoinbaseForm(tx); // no inputs, not signed, every output positive, within 64 bits
                create(created, tx, height, false);
            }
            return new UtxoChange(spent, created);
        }
        create(created, coinbase, height, true);
        long fees = 0;
        for (UtxoTransaction tx : txs.subList(1, txs.size())) {
            List<UnspentOutput> outs = spentOutputs(params, tx, current, height);
            fees = add(fees, fee(tx, outs), "the fees of the block at height " + height);
            for (int i = 0; i < outs.size(); i++) {
                OutPoint o = tx.inputs().get(i).outpoint();
                if (created.remove(o) == null) {
                    spent.put(o, outs.get(i));
                }
            }
            create(created, tx, height, false);
        }
        long expected = add(params.blockReward(), fees, "reward + fees at height " + height);
        long paid = outputTotal(coinbase);
        if (paid != expected || coinbase.coinbaseHeight() != height) {
            throw new RuleViolation(Rule.BAD_COINBASE, "coinbase pays " + paid + " at height " + coinbase.coinbaseHeight()
                    + "; expected " + expected + " (reward " + params.blockReward() + " + fees " + fees + ") at height "
                    + height);
        }
        return new UtxoChange(spent, created);
    }

    /**
     * Adds {@code tx}'s outputs. An outpoint names one output for ever: a transfer's id commits to the
     * outpoints it spends, which are gone once spent, and a coinbase's to its height.
     */
    private static void create(Map<OutPoint, UnspentOutput> created, UtxoTransaction tx, int height, boolean coinbase)
            throws RuleViolation {
        for (int i = 0; i < tx.outputs().size(); i++) {
            if (created.putIfAbsent(tx.outpoint(i), new UnspentOutput(tx.outputs().get(i), height, coinbase)) != null) {
                // only genesis could: two allocations alike, whose coinbases share a txid
                throw new RuleViolation(Rule.DUPLICATE_TX, "transaction " + tx.txid() + " appears twice");
            }
        }
    }

    /**
     * The sum of the outputs; every one positive, at least one, and the sum within 64 bits. naivecoin
     * only checked that an amount is a number: beside an output of -X, one of 1000 + X passes its
     * "outputs = inputs" test and mints X coins.
     */
    private static long outputTotal(UtxoTransaction tx) throws RuleViolation {
        if (tx.outputs().isEmpty()) {
            throw new RuleViolation(Rule.NO_OUTPUTS, "transaction " + tx.txid() + " has no outputs");
        }
        long total = 0;
        for (int i = 0; i < tx.outputs().size(); i++) {
            TxOutput o = tx.outputs().get(i);
            if (o.amount() <= 0) {
                throw new RuleViolation(Rule.BAD_AMOUNT, "output " + i + " of " + tx.txid() + " has amount " + o.amount()
                        + "; an output holds a positive amount");
            }
            total = add(total, o.amount(), "the outputs of " + tx.txid());
        }
        return total;
    }

    private static long add(long a, long b, String what) throws RuleViolation {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new RuleViolation(Rule.AMOUNT_OVERFLOW, what + " overflow 64 bits");
        }
    }
}
