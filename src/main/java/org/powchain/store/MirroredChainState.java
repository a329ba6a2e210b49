package org.powchain.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.powchain.core.Address;
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
    /**
     * One version of the ledger: only non-empty entries (so that the map is the ledger as
     * {@link ChainState#ledger()} promises it) and their owner index, immutable both, published
     * together in one volatile write so a reader never waits and never sees one without the other.
     */
    private record Version(PMap<Bytes, Bytes> entries, PMap<Address, PSet<Bytes>> byOwner) {}

    /** No owner index ({@code byOwner} null) until {@link #indexOwners}. */
    private volatile Version current = new Version(HashTreePMap.empty(), null);
    /** Who owns what, as the ledger model says ({@link #indexOwners}); null until it is asked for. */
    private LedgerView.Owners owners;

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

    /** Writes committed entries; an empty value leaves the map. The owner index follows, if there is one. */
    final synchronized void write(Map<Bytes, Bytes> changed) {
        PMap<Bytes, Bytes> next = current.entries();
        PMap<Address, PSet<Bytes>> index = current.byOwner();
        for (Map.Entry<Bytes, Bytes> e : changed.entrySet()) {
            if (index != null) {
                Bytes old = next.get(e.getKey());
                index = unindex(index, old == null ? null : owners.ownerOf(e.getKey(), old), e.getKey());
                index = e.getValue().isEmpty() ? index : index(index, owners.ownerOf(e.getKey(), e.getValue()), e.getKey());
            }
            next = e.getValue().isEmpty() ? next.minus(e.getKey()) : next.plus(e.getKey(), e.getValue());
        }
        current = new Version(next, index);
    }

    @Override
    public final synchronized void indexOwners(LedgerView.Owners model) {
        PMap<Address, PSet<Bytes>> index = HashTreePMap.empty();
        Version now = current;
        for (Map.Entry<Bytes, Bytes> e : now.entries().entrySet()) {
            index = index(index, model.ownerOf(e.getKey(), e.getValue()), e.getKey());
        }
        owners = model;
        current = new Version(now.entries(), index);
    }

    private static PMap<Address, PSet<Bytes>> index(PMap<Address, PSet<Bytes>> index, Address owner, Bytes key) {
        return owner == null ? index : index.plus(owner, index.getOrDefault(owner, HashTreePSet.empty()).plus(key));
    }

    private static PMap<Address, PSet<Bytes>> unindex(PMap<Address, PSet<Bytes>> index, Address owner, Bytes key) {
        PSet<Bytes> keys = owner == null ? null : index.get(owner);
        if (keys == null) {
            return index;
        }
        PSet<Bytes> left = keys.minus(key);
        return left.isEmpty() ? index.minus(owner) : index.plus(owner, left);
    }

    /** The value under {@code key} at the tip; {@link Bytes#EMPTY} if none. */
    final Bytes entry(Bytes key) {
        return current.entries().getOrDefault(key, Bytes.EMPTY);
    }

    @Override
    public final LedgerView ledger() {
        Version now = current; // one read: never waits for a writer
        if (now.byOwner() == null) {
            return LedgerView.of(now.entries());
        }
        return LedgerView.indexed(now.entries(), a -> now.byOwner().getOrDefault(a, HashTreePSet.empty()));
    }
}
