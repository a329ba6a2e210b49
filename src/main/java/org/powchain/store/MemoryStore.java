package org.powchain.store;

/** A {@link ChainStore} in memory, for tests, simulations and throwaway nodes. */
public final class MemoryStore implements ChainStore {
    private final BlockStore blocks = new MemoryBlockStore();
    private final ChainState state = new MemoryChainState();
    private final MempoolJournal mempool = new MemoryMempoolJournal();

    @Override
    public BlockStore blocks() {
        return blocks;
    }

    @Override
    public ChainState state() {
        return state;
    }

    @Override
    public MempoolJournal mempool() {
        return mempool;
    }

    @Override
    public void close() {}
}
