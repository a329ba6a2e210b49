package org.powchain.chain;

import java.util.Optional;
import org.powchain.core.Hash;

/** What {@link ChainManager#process} did with a block that broke no rule. */
public record BlockOutcome(Status status, Hash hash, int height, Optional<TipChange> tipChange) {
    public enum Status {
        /** Now on the main chain (the tip, or part of a reorg to a branch with more work). */
        MAIN_CHAIN,
        /** Valid and stored, on a branch with no more work than the main chain. */
        SIDE_BRANCH,
        /** Seen before; nothing to do, nothing to relay. */
        DUPLICATE,
        /**
         * Valid as far as checked, but not stored: nobody asked for it and its branch has less work
         * than the main chain (Bitcoin Core's AcceptBlock rule), so it cannot change the tip and a
         * peer cannot fill our disk with cheap side branches.
         */
        NOT_STORED
    }
}
