package org.powchain.mempool;

import java.util.List;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.ChainSnapshot;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.AccountLedger;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;

/**
 * What one ledger model tells the generic {@link Mempool}: which transactions it takes, and what
 * each one claims and provides. The mempool owns everything else (lookup, the conflict index, parents
 * before children, selection by fee, eviction, re-admission after a reorg), as btcd's mempool keeps
 * its {@code txgraph} apart from its {@code PolicyEnforcer} and {@code TxValidator}.
 *
 * <p>A <em>claim</em> is what a transaction uses up, so that no other pending transaction may: the
 * outpoints a UTXO transaction spends ({@link UtxoPolicy}), the sender and nonce of an account
 * transfer ({@link AccountPolicy}: a nonce is a slot only one transaction fills). A claim is any
 * value with {@code equals} and {@code hashCode}. A transaction <em>provides</em> the claims a later
 * one may make because it exists: the outpoints of its outputs, the sender's next nonce. A pending
 * transaction's parents are the pending providers of its claims.
 *
 * <p>Implementations hold no state of their own: the pool passes what they judge against, the tip
 * ({@link ChainSnapshot}, read once for the whole call) and the pending transactions ({@link PoolView}).
 */
public interface MempoolPolicy {

    /**
     * The checks that need only the transaction and the network: its form and its signatures.
     * Called outside the pool's lock, so admissions verify signatures in parallel.
     */
    void checkAlone(Transaction tx) throws RuleViolation;

    /** What {@code tx} uses up; a second pending transaction claiming any of it is refused. */
    List<Object> claims(Transaction tx);

    /** What {@code tx} makes claimable by a later transaction, which then is its child. */
    List<Object> provides(Transaction tx);

    /**
     * Checks {@code tx} against {@code tip} and the pending transactions (its parents among them)
     * and returns its fee. None of its claims is claimed in the pool: the pool has checked.
     */
    long check(Transaction tx, PoolView pool, ChainSnapshot tip) throws RuleViolation;

    /**
     * The refusal of {@code tx} because {@code holder}, pending, already claims {@code claim}: a
     * named rule. The pool never replaces a pending transaction.
     */
    RuleViolation conflict(Transaction tx, Object claim, Transaction holder, PoolView pool, ChainSnapshot tip);

    /**
     * Whether {@code tx}, pending, is still to be mined on {@code tip}: false once the tip carries it
     * or has made it impossible. Asked when the chain has moved but the pool has not yet been told
     * ({@link Mempool#tipChanged} comes after the chain's lock is released), so that a block template
     * never carries what the tip already mined. {@code pool} shows only the transactions still
     * pending among those judged before (parents are judged before their children).
     */
    boolean stillPending(Transaction tx, PoolView pool, ChainSnapshot tip);

    /** Whether {@code tx} is sent from or pays {@code address}. */
    boolean involves(Transaction tx, Address address);

    /**
     * A transfer of {@code amount} from {@code payer} to {@code to}, signed, that {@code mempool}
     * would take now: the payer's next nonce ({@link AccountPolicy}), or its coins no pending
     * transaction spends, largest first, with change back ({@link UtxoPolicy}), with no fee. It reads
     * the pool in one look and signs outside its lock; it does not add the transfer. Two built while
     * the pool does not change claim the same thing (the nonce, the coins), so at most one of them
     * can ever be mined: a double spend, as the simulator's attacker makes one.
     *
     * @throws RuleViolation {@link org.powchain.consensus.Rule#INSUFFICIENT_FUNDS} if the payer cannot pay it
     */
    Transaction transfer(Mempool mempool, Keys payer, Address to, long amount) throws RuleViolation;

    /** The policy of the ledger model {@code chain} runs. */
    static MempoolPolicy forChain(ChainQueries chain, SignatureVerifier signatures) {
        String model = chain.params().ledger().name();
        return switch (model) {
            case AccountLedger.NAME -> new AccountPolicy(chain, signatures);
            case UtxoLedger.NAME -> new UtxoPolicy(chain, signatures);
            default -> throw new IllegalArgumentException("no mempool policy for the ledger model '" + model + "'");
        };
    }
}
