package org.powchain.mempool;

import java.util.List;
import java.util.function.LongFunction;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.ChainSnapshot;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.AccountLedger;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.TransactionRules;
import org.powchain.core.AccountState;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;

/**
 * The account model's mempool policy: a sender's transactions wait in nonce order, and together
 * they may spend no more than its balance. A transfer claims its sender's nonce slot
 * ({@link NonceSlot}) and provides the next one, so a sender's pending transactions form a chain in
 * the {@link Mempool}'s graph, each the parent of the next: selected in nonce order, never evicted
 * from the middle. A second transaction for a slot is refused with {@link Rule#BAD_NONCE}.
 *
 * <p>The checks are the ones blocks use ({@link TransactionRules#checkAgainstSender}), against the
 * tip's account plus the sender's pending transactions, so the mempool and the chain cannot disagree.
 */
public final class AccountPolicy extends LedgerPolicy {

    /** What an account transfer claims: its sender's nonce {@code nonce}, which one transaction alone may use. */
    public record NonceSlot(Address sender, long nonce) {}


    public AccountPolicy(ChainQueries chain, SignatureVerifier signatures) {
        super(chain, signatures);
    }

    @Override
    public List<Object> claims(Transaction tx) {
        AccountTransaction t = transfer(tx);
        return List.of(new NonceSlot(t.sender(), t.nonce()));
    }

    @Override
    public List<Object> provides(Transaction tx) {
        AccountTransaction t = transfer(tx);
        return List.of(new NonceSlot(t.sender(), t.nonce() + 1));
    }

    @Override
    public long check(Transaction tx, PoolView pool, ChainSnapshot tip) throws RuleViolation {
        AccountTransaction t = transfer(tx);
        AccountState state = AccountState.of(tip.ledger(), t.sender());
        long count = 0;
        long spend = 0;
        for (AccountTransaction p : pending(pool, t.sender(), state)) {
            count++;
            spend += p.amount() + p.fee();
        }
        TransactionRules.checkAgainstSender(t, state, count, spend);
        return t.fee();
    }

    @Override
    public RuleViolation conflict(Transaction tx, Object claim, Transaction holder, PoolView pool, ChainSnapshot tip) {
        AccountTransaction t = transfer(tx);
        return new RuleViolation(Rule.BAD_NONCE, "nonce " + t.nonce() + " already used: the sender's next nonce is "
                + nextNonceAt(pool, tip, t.sender()) + " (pending transaction " + holder.id() + " has nonce " + t.nonce() + ")");
    }

    /** Pending until the tip's account has used the nonce: mined, or another transfer with it mined. */
    @Override
    public boolean stillPending(Transaction tx, PoolView pool, ChainSnapshot tip) {
        AccountTransaction t = transfer(tx);
        return t.nonce() >= AccountState.of(tip.ledger(), t.sender()).nonce();
    }

    /** Pays with the payer's next nonce; whether the balance covers it is for admission to say. */
    @Override
    public Transaction transfer(Mempool mempool, Keys payer, Address to, long amount) {
        return AccountTransaction.signed(chain.networkId(), payer, to, amount, 0, nextNonce(mempool, payer.address()));
    }

    /**
     * The nonce {@code sender}'s next transaction must carry: its account's at the tip plus its
     * transactions pending from there on.
     */
    public static long nextNonce(Mempool mempool, Address sender) {
        return mempool.read((pool, tip) -> nextNonceAt(pool, tip, sender));
    }

    /**
     * Builds a transaction with the sender's next nonce and adds it (see {@link Mempool#addBuilt}):
     * if another request from the sender took the nonce meanwhile, it is built again with the next
     * one. Two requests never both get the same nonce.
     */
    public static AccountTransaction addWithNextNonce(Mempool mempool, Address sender, LongFunction<AccountTransaction> build)
            throws RuleViolation {
        return mempool.addBuilt(() -> build.apply(nextNonce(mempool, sender)));
    }

    private static long nextNonceAt(PoolView pool, ChainSnapshot tip, Address sender) {
        AccountState state = AccountState.of(tip.ledger(), sender);
        return state.nonce() + pending(pool, sender, state).size();
    }

    /**
     * The sender's pending transactions from its account's nonce on, in nonce order. The chain may
     * already have connected a block carrying some of the pool's before {@link Mempool#tipChanged}
     * removes them; counting those would hand out a nonce past a gap, and the transaction would be
     * dropped once the mempool catches up.
     */
    private static List<AccountTransaction> pending(PoolView pool, Address sender, AccountState state) {
        List<AccountTransaction> out = new java.util.ArrayList<>();
        for (long n = state.nonce(); ; n++) {
            var t = pool.claimant(new NonceSlot(sender, n));
            if (t.isEmpty()) {
                return out;
            }
            out.add(transfer(t.get()));
        }
    }

    /** Every transaction of an account-model chain is a transfer: the one cast of the mempool. */
    private static AccountTransaction transfer(Transaction tx) {
        return AccountLedger.transfer(tx);
    }
}
