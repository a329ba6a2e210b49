package org.powchain.core;

import java.util.Map;

/**
 * What connecting one block does to the ledger: every touched entry's value before and after
 * ({@link Bytes#EMPTY} for no entry). {@code after} is written when the block is connected;
 * {@code before} is kept as undo data, so a reorg disconnects the block by writing it back,
 * without replaying the chain and without knowing the ledger model.
 */
public record LedgerChange(Map<Bytes, Bytes> before, Map<Bytes, Bytes> after) {
    public LedgerChange {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }
}
