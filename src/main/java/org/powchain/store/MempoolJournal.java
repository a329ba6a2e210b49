package org.powchain.store;

import java.util.Collection;
import java.util.List;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;

/**
 * The transactions a node has acknowledged and not yet mined, kept so that a restart loses none.
 * The mempool itself lives in memory; this is its journal, kept in step by
 * {@code mempool.MempoolJournalListener}.
 */
public interface MempoolJournal {

    /**
     * Saves one newly admitted transaction; when this returns it survives a crash, so the node may
     * acknowledge it. Safe to call from many threads at once: calls that arrive while one commit
     * runs may share the next (group commit).
     */
    void add(Transaction tx);

    /** In one write: forgets {@code mined} (now in main-chain blocks), saves {@code returned} (from disconnected ones). */
    void update(Collection<Hash> mined, Collection<? extends Transaction> returned);

    /** Replaces everything saved with {@code txs} (on clean shutdown, and after reloading). */
    void replaceAll(List<? extends Transaction> txs);

    /** The saved transactions, in the order they were saved, to re-validate on start. */
    List<Transaction> load();
}
