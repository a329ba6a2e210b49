package org.powchain.chain;

import java.util.List;
import org.powchain.core.LedgerView;

/**
 * The main chain as the last block processed left it: its tip, its blocks by height and the ledger
 * they produce (read through the ledger model: {@code params.ledger().balance(snapshot.ledger(), address)}).
 * Immutable, so readers use it without a lock while the chain's writer validates,
 * stores and reorgs; the writer publishes a new one when it is done (btcd's {@code BestSnapshot}).
 * A reorg is seen whole or not at all.
 */
public record ChainSnapshot(BlockNode tip, List<BlockNode> mainChain, LedgerView ledger,
                            long reorgs, int deepestReorg) {

    public int height() {
        return tip.height();
    }

    public boolean isOnMainChain(BlockNode node) {
        return node.height() < mainChain.size() && mainChain.get(node.height()) == node;
    }
}
