package org.powchain.chain;

import java.util.List;
import java.util.Map;
import org.powchain.core.AccountState;
import org.powchain.core.Address;

/**
 * The main chain as the last block processed left it: its tip, its blocks by height and the ledger
 * they produce. Immutable, so readers use it without a lock while the chain's writer validates,
 * stores and reorgs; the writer publishes a new one when it is done (btcd's {@code BestSnapshot}).
 * A reorg is seen whole or not at all.
 */
public record ChainSnapshot(BlockNode tip, List<BlockNode> mainChain, Map<Address, AccountState> ledger,
                            long reorgs, int deepestReorg) {

    public int height() {
        return tip.height();
    }

    public AccountState account(Address address) {
        return ledger.getOrDefault(address, AccountState.EMPTY);
    }

    public boolean isOnMainChain(BlockNode node) {
        return node.height() < mainChain.size() && mainChain.get(node.height()) == node;
    }
}
