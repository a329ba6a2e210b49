package org.powchain.consensus;

import java.util.Arrays;
import org.powchain.core.AccountState;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.AccountTransaction;

/**
 * The rules one transfer must follow. The same functions serve the mempool (against the tip's
 * state plus the sender's pending transactions) and block validation (against the state so far
 * in the block), so a transaction the mempool accepts is exactly one a block may carry.
 */
public final class TransactionRules {
    private TransactionRules() {}

    /** Checks that need nothing but the transaction itself. */
    public static void checkWellFormed(AccountTransaction tx) throws RuleViolation {
        if (tx.isCoinbase()) {
            throw new RuleViolation(Rule.EXTRA_COINBASE, "a coinbase is only valid as a block's first transaction");
        }
        if (tx.amount() <= 0) {
            throw new RuleViolation(Rule.BAD_AMOUNT, "amount must be positive, got " + tx.amount());
        }
        if (tx.fee() < 0) {
            throw new RuleViolation(Rule.BAD_FEE, "fee must not be negative, got " + tx.fee());
        }
        if (tx.amount() > Long.MAX_VALUE - tx.fee()) {
            throw new RuleViolation(Rule.BAD_FEE, "amount + fee overflows");
        }
    }

    /**
     * The transaction was signed for this network. Its network id is part of the signed bytes, so
     * changing it breaks the signature: a transaction from another network can only be refused.
     */
    public static void checkNetwork(AccountTransaction tx, NetworkId network) throws RuleViolation {
        checkNetwork(tx.id(), tx.network(), network);
    }

    /** The one place of the rule for either ledger model: transaction {@code id} names the network it was signed for. */
    static void checkNetwork(Hash id, NetworkId signedFor, NetworkId network) throws RuleViolation {
        if (!signedFor.equals(network)) {
            throw new RuleViolation(Rule.WRONG_NETWORK, "transaction " + id + " was signed for network "
                    + signedFor + "; this is network " + network);
        }
    }

    /**
     * A coinbase has one canonical form: fee 0 and an all-zero network, key and signature (the key
     * is what makes it a coinbase). Bytes nobody checks would let a miner vary the coinbase's id, and so
     * the block's Merkle root, without changing what the block does.
     */
    public static void checkCoinbaseForm(AccountTransaction coinbase) throws RuleViolation {
        if (!coinbase.isCoinbase()) {
            throw new RuleViolation(Rule.NO_COINBASE, "the first transaction must be the coinbase");
        }
        if (coinbase.fee() != 0) {
            throw new RuleViolation(Rule.NONCANONICAL_COINBASE, "the coinbase's fee must be 0, got " + coinbase.fee());
        }
        if (!Arrays.equals(coinbase.signature(), new byte[Keys.SIGNATURE_SIZE])
                || !coinbase.network().equals(NetworkId.NONE)) {
            throw new RuleViolation(Rule.NONCANONICAL_COINBASE, "the coinbase's network and signature must be all zero");
        }
    }

    public static void checkSignature(AccountTransaction tx) throws RuleViolation {
        if (!Keys.verify(tx.senderPublicKey(), tx.signedBytes(), tx.signature())) {
            throw new RuleViolation(Rule.BAD_SIGNATURE, "signature of " + tx.id() + " does not verify");
        }
    }

    /**
     * Checks a transfer against its sender's state, where {@code pendingCount} transactions of
     * {@code pendingSpend} coins (amount + fee) are already queued ahead of it.
     */
    public static void checkAgainstSender(AccountTransaction tx, AccountState sender, long pendingCount, long pendingSpend)
            throws RuleViolation {
        long expectedNonce = sender.nonce() + pendingCount;
        if (tx.nonce() != expectedNonce) {
            String why = tx.nonce() < expectedNonce ? "already used" : "too far ahead";
            throw new RuleViolation(Rule.BAD_NONCE,
                    "nonce " + tx.nonce() + " " + why + ": the sender's next nonce is " + expectedNonce);
        }
        long cost = tx.amount() + tx.fee();
        if (cost > sender.balance() - pendingSpend) {
            throw new RuleViolation(Rule.INSUFFICIENT_FUNDS, pendingCount == 0
                    ? "insufficient funds: balance " + sender.balance() + ", needs " + cost
                    : "insufficient funds: balance " + sender.balance() + ", pending " + pendingSpend + ", needs " + cost);
        }
    }
}
