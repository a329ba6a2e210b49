package org.powchain.mempool;

import java.util.List;
import java.util.Optional;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;

/**
 * The pending transactions as a {@link MempoolPolicy} sees them while it judges one: read-only,
 * and only for the length of the call (the pool's lock is held).
 */
public interface PoolView {

    /** Every pending transaction, in arrival order (parents before children). */
    List<Transaction> all();

    /** The pending transaction {@code id}. */
    Optional<Transaction> get(Hash id);

    /** The pending transaction that claims {@code claim} (see {@link MempoolPolicy#claims}). */
    Optional<Transaction> claimant(Object claim);

    /** The pending transaction that provides {@code claim} (see {@link MempoolPolicy#provides}). */
    Optional<Transaction> provider(Object claim);
}
