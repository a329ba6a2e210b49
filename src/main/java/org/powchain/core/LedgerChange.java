package org.powchain.core;

import java.util.Map;

/**
 * What connecting one block does to the ledger: every touched account's state before and after.
 * {@code after} is written when the block is connected; {@code before} is kept as undo data so a
 * reorg can disconnect the block without replaying the chain.
 */
public record LedgerChange(Map<Address, AccountState> before, Map<Address, AccountState> after) {
    public LedgerChange {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }
}
