package org.powchain.store;

/** A {@link ChainStore} in memory, for tests, simulations and throwaway nodes. */
public final class MemoryStore implements ChainStore {
    private final MemoryBlockStore blocks = new MemoryBlockStore();
    private final ChainState state;
    private final MempoolJournal mempool = new MemoryMempoolJournal();

    /** Keeps every block and every undo record, as a node with a data dir does. */
    public MemoryStore() {
        this.state = new MemoryChainState();
    }

    private MemoryStore(int keepDepth) {
        this.state = new MemoryChainState(keepDepth, blocks::deleteBlock);
    }

    /**
     * A pruned store (as Bitcoin Core's {@code -prune}), for long simulations whose memory must not
     * grow with the chain: when a block is connected, the body and the undo record of the main-chain
     * block {@code keepDepth} below it are dropped. The block tree (headers, heights, chain work)
     * stays, so fork choice, difficulty and locators work as before; what is lost is the ability to
     * serve those old bodies to a syncing peer and to disconnect that deep. A reorg deeper than
     * {@code keepDepth} fails with {@link IllegalStateException}: keep it above any reorg the run can
     * make (side branches forking deeper than {@code chain.BestChain.MAX_SIDE_BRANCH_DEPTH} are
     * pruned anyway).
     */
    public static MemoryStore pruned(int keepDepth) {
        if (keepDepth < 1) {
            throw new IllegalArgumentException("a pruned store keeps at least 1 block: " + keepDepth);
        }
        return new MemoryStore(keepDepth);
    }

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
