package org.powchain.store;

import java.util.HashMap;
import java.util.Map;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;

/** A {@link ChainState} in memory: the mirror both engines keep is all of it, with the undo records. */
final class MemoryChainState extends MirroredChainState {
    private final Map<Hash, LedgerChange> undo = new HashMap<>();

    @Override
    public synchronized void connect(Hash block, int height, LedgerChange change) {
        checkConnect(height);
        write(change.after());
        undo.put(block, change);
        append(block);
    }

    @Override
    public synchronized void disconnect(Hash block, int height, Hash newTip) {
        checkDisconnect(block, height, newTip);
        write(undo.remove(block).before());
        removeTip();
    }
}
