package org.powchain.chain;

import java.util.List;
import org.powchain.core.Block;

/**
 * The main chain moved from {@code oldTip} to {@code newTip}: blocks were disconnected (newest
 * first) back to the fork point, then connected (oldest first). A plain extension has nothing
 * disconnected; a reorg has both.
 */
public record TipChange(BlockNode oldTip, BlockNode newTip, List<Block> disconnected, List<Block> connected) {
    public TipChange {
        disconnected = List.copyOf(disconnected);
        connected = List.copyOf(connected);
    }

    public boolean isReorg() {
        return !disconnected.isEmpty();
    }
}
