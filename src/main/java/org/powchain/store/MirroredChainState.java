package org.powchain.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.powchain.core.Bytes;
import org.powchain.core.Hash;
import org.powchain.core.LedgerView;

/**
 * What both engines' {@link ChainState} share: the main chain's hashes and the ledger at its tip,
 * in memory, so that reads never touch a disk, and the checks a step must pass before anything is
 * written. The ledger is a persistent map: each version is immutable, and a block's change makes a
 * new one in O(entries changed), so {@link #ledger()} hands out a snapshot readers keep as long as
 * they like. An engine writes its own way, then mirrors the step here. One writer; reads from any thread.
 */
abstract class MirroredChainState implements ChainState {
    private final List<Hash> mainChain = new ArrayList<>();
    /** Only non-empty entries, so that the map is the ledger as {@link ChainState#ledger()} promises it. */
    private volatile PMap<Bytes, Bytes> entries = HashTreePMap.empty();

    /** Refuses, before anything is written, a connect that would not extend the tip. */
    final synchronized void checkConnect(int height) {
        if (height != mainChain.size()) {
            throw new IllegalStateException("connect at height " + height + " on a chain of " + mainChain.size());
        }
    }

    /** Refuses, before anything is written, a disconnect of anything but the tip, back to its parent. */
    final synchronized void checkDisconnect(Hash block, int height, Hash newTip) {
        int tip = mainChain.size() - 1;
        if (height != tip || height < 1 || !mainChain.get(tip).equals(block) || !mainChain.get(tip - 1).equals(newTip)) {
            throw new IllegalStateException("disconnect of a block that is not the tip");
        }
    }

    final synchronized void append(Hash block) {
        mainChain.add(block);
    }

    final synchronized void removeTip() {
        mainChain.remove(mainChain.size() - 1);
    }

    final synchronized int length() {
        return mainChain.size();
    }

    @Override
    public final synchronized Optional<Hash> tip() {
        return mainChain.isEmpty() ? Optional.empty() : Optional.of(mainChain.get(mainChain.size() - 1));
    }

    @Override
    public final synchronized Optional<Hash> mainChainHash(int height) {
        return height >= 0 && height < mainChain.size() ? Optional.of(mainChain.get(height)) : Optional.empty();
    }

    /** Writes committed entries; an empty value leaves the map. */
    final void write(Map<Bytes, Bytes> changed) {
        PMap<Bytes, Bytes> next = entries;
        for (Map.Entry<Bytes, Bytes> e : changed.entrySet()) {
            next = e.getValue().isEmpty() ? next.minus(e.getKey()) : next.plus(e.getKey(), e.getValue());
        }
        entries = next;
    }

    /** The value under {@code key} at the tip; {@link Bytes#EMPTY} if none. */
    final Bytes entry(Bytes key) {
        return entries.getOrDefault(key, Bytes.EMPTY);
    }

    @Override
    public final LedgerView ledger() {
        return LedgerView.of(entries);
    }
}
