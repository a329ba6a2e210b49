package org.powchain.store;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.core.Block;
import org.powchain.core.Hash;

/** A {@link BlockStore} in memory. Every method is synchronized. */
final class MemoryBlockStore implements BlockStore {
    private record Stored(Block block, int height, BigInteger chainWork) {}

    /** Insertion order is storage order, which {@link #blockIndex()} promises. */
    private final Map<Hash, Stored> blocks = new LinkedHashMap<>();
    private final Map<String, String> settings = new HashMap<>();

    @Override
    public synchronized void putBlock(Block block, int height, BigInteger chainWork) {
        blocks.putIfAbsent(block.hash(), new Stored(block, height, chainWork));
    }

    @Override
    public synchronized Optional<Block> block(Hash hash) {
        return Optional.ofNullable(blocks.get(hash)).map(Stored::block);
    }

    @Override
    public synchronized List<IndexEntry> blockIndex() {
        return blocks.values().stream()
                .map(s -> new IndexEntry(s.block().hash(), s.block().header(), s.height(), s.chainWork()))
                .toList();
    }

    @Override
    public synchronized void deleteBlock(Hash hash) {
        blocks.remove(hash);
    }

    @Override
    public synchronized Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    @Override
    public synchronized void putSetting(String key, String value) {
        settings.put(key, value);
    }
}
