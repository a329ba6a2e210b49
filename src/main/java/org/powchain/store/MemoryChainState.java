package org.powchain.store;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;

/**
 * A {@link ChainState} in memory: the mirror both engines keep is all of it, with the undo records
 * (all of them, or those of the last {@code keepDepth} blocks for a pruned store: see {@link MemoryStore#pruned}).
 */
final class MemoryChainState extends MirroredChainState {
    private final Map<Hash, LedgerChange> undo = new HashMap<>();
    /** 0: keep everything. */
    private final int keepDepth;
    /** Told of each main-chain block that falls {@code keepDepth} below the tip: the block store drops its body. */
    private final Consumer<Hash> forget;

    MemoryChainState() {
        this(0, h -> { });
    }

    MemoryChainState(int keepDepth, Consumer<Hash> forget) {
        this.keepDepth = keepDepth;
        this.forget = forget;
    }

    @Override
    public synchronized void connect(Hash block, int height, LedgerChange change) {
        checkConnect(height);
        write(change.after());
        undo.put(block, change);
        append(block);
        if (keepDepth > 0 && height - keepDepth >= 1) { // genesis is never dropped
            Hash old = mainChainHash(height - keepDepth).orElseThrow();
            undo.remove(old);
            forget.accept(old);
        }
    }

    @Override
    public synchronized void disconnect(Hash block, int height, Hash newTip) {
        checkDisconnect(block, height, newTip);
        LedgerChange change = undo.remove(block);
        if (change == null) {
            throw new IllegalStateException("cannot disconnect block " + block + " at height " + height + ": this pruned "
                    + "store kept the undo records of the last " + keepDepth + " blocks only");
        }
        write(change.before());
        removeTip();
    }
}
