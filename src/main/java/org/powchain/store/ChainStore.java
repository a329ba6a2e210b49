package org.powchain.store;

/**
 * Where a node keeps what it has accepted, in three parts by concern: the blocks and the block
 * tree ({@link BlockStore}), the state the main chain produces ({@link ChainState}), and the
 * acknowledged transactions not yet mined ({@link MempoolJournal}). See docs/concepts/storage.md.
 *
 * <p>Two engines: {@link MemoryStore} for tests and throwaway nodes, {@link SqliteStore} for a data
 * dir. Every write is durable when it returns (against a killed process; see {@link SqliteStore}
 * for power loss). Only blocks that passed validation are ever stored.
 */
public interface ChainStore extends AutoCloseable {

    BlockStore blocks();

    ChainState state();

    MempoolJournal mempool();

    @Override
    void close();
}
