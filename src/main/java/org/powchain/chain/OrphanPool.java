package org.powchain.chain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.core.Block;
import org.powchain.core.Hash;

/**
 * Blocks that arrived before their parent. Kept (up to a bound, oldest dropped first) until the
 * parent is accepted, then connected in turn; each waits with the checks it already passed
 * ({@link PreChecked}), so they are not run again. Thread-safe: the chain's writer adds and takes, readers ask.
 */
final class OrphanPool {
    private final int capacity;
    private final LinkedHashMap<Hash, PreChecked> byHash = new LinkedHashMap<>();

    OrphanPool(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(PreChecked block) {
        byHash.putIfAbsent(block.block().hash(), block);
        Iterator<Hash> oldest = byHash.keySet().iterator();
        while (byHash.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Removes and returns the orphans whose parent is {@code parent}. */
    synchronized List<PreChecked> takeChildren(Hash parent) {
        List<PreChecked> children = new ArrayList<>();
        for (Iterator<PreChecked> it = byHash.values().iterator(); it.hasNext(); ) {
            PreChecked b = it.next();
            if (b.block().previousHash().equals(parent)) {
                children.add(b);
                it.remove();
            }
        }
        return children;
    }

    /** The block a chain of orphans ending in {@code hash} is waiting for, if {@code hash} is an orphan. */
    synchronized Optional<Hash> missingAncestor(Hash hash) {
        PreChecked orphan = byHash.get(hash);
        if (orphan == null) {
            return Optional.empty();
        }
        Block b = orphan.block();
        while (byHash.containsKey(b.previousHash())) {
            b = byHash.get(b.previousHash()).block();
        }
        return Optional.of(b.previousHash());
    }

    synchronized boolean contains(Hash hash) {
        return byHash.containsKey(hash);
    }

    synchronized List<Block> all() {
        return byHash.values().stream().map(PreChecked::block).toList();
    }

    synchronized int size() {
        return byHash.size();
    }

    int capacity() {
        return capacity;
    }
}
