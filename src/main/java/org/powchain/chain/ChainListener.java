package org.powchain.chain;

import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;

/**
 * Told about what the chain did, in order, on the thread that submitted the block, after the
 * chain's lock is released (so a listener may call back into the chain); all but
 * {@link #beforeDisconnect}, which must act before a write and is called under the lock.
 *
 * <p>Listeners are called in {@link Phase}s, whatever order they were added in: everything that
 * holds state derived from the chain is up to date before the miner builds on it, the network
 * relays it, or a view shows it.
 */
public interface ChainListener {
    /** When a listener is told, relative to the others. */
    enum Phase {
        /** State derived from the chain: the mempool (undone transactions come back), indexes. */
        STATE,
        /** The miner: a new template on the new tip, from the mempool as it now is. */
        MINING,
        /** Relays to peers: the new tip, the transactions a reorg returned to the mempool. */
        NETWORK,
        /** What people and tools look at: metrics, the event stream, observers. */
        VIEWS
    }

    default Phase phase() {
        return Phase.VIEWS;
    }

    /** The main chain's tip moved. */
    default void tipChanged(TipChange change) {}

    /**
     * {@code block}, the tip, is about to be disconnected (a reorg). Unlike the other calls this one
     * comes under the chain's lock, before the disconnect is written: for what must be on disk
     * before it (the saved mempool takes the block's transactions back, so a crash in the middle of
     * a reorg loses none). A {@link org.powchain.store.StoreException} stops the reorg there.
     */
    default void beforeDisconnect(Block block) {}

    /**
     * A valid block was stored, on the main chain or a side branch, and is still there when
     * listeners are told (a block found invalid while connecting is only {@linkplain #blockRejected rejected}).
     */
    default void blockStored(Block block, BlockNode node) {}

    /**
     * {@link ChainManager#process} refused a block: it broke {@code violation}'s rule, or (with
     * {@code unknown-parent}) it waits in the orphan pool.
     */
    default void blockRejected(Block block, RuleViolation violation) {}
}
