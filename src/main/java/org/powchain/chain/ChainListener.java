package org.powchain.chain;

import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;

/**
 * Told about what the chain accepted, in order, on the thread that submitted the block, after the
 * chain's lock is released (so a listener may call back into the chain).
 */
public interface ChainListener {
    /** The main chain's tip moved. */
    default void tipChanged(TipChange change) {}

    /** A valid block was stored: on the main chain or on a side branch. */
    default void blockAccepted(Block block, BlockNode node) {}

    /**
     * {@link ChainManager#process} refused a block: it broke {@code violation}'s rule, or (with
     * {@code unknown-parent}) it waits in the orphan pool.
     */
    default void blockRejected(Block block, RuleViolation violation) {}
}
