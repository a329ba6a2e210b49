package org.powchain.chain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;
import org.powchain.store.BlockStore;
import org.powchain.store.ChainState;
import org.powchain.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the main chain on the valid branch with the most cumulative work (btcd's chain.go and
 * prune.go): when another branch has more, it disconnects blocks back to the fork point and
 * connects the new branch (a reorg); a block that fails to connect is forgotten with its
 * descendants and the next best branch is tried; side branches forking too deep are pruned.
 * See docs/concepts/fork-choice.md.
 *
 * <p>Threads: every method but the constant is called by {@link ChainManager} under its writer's lock.
 */
public final class BestChain {
    private static final Logger log = LoggerFactory.getLogger(BestChain.class);
    /** Side branches forking deeper than this below the tip are pruned from memory and disk. */
    public static final int MAX_SIDE_BRANCH_DEPTH = 100;

    private final ConsensusParams params;
    private final BlockStore blocks;
    private final ChainState state;
    /** The block tree, shared with the chain manager that adds to it; this class removes from it. */
    private final Map<Hash, BlockNode> tree;
    private final InvalidBlocks invalid;
    private final ChainEvents events;
    private final MainChain mainChain = new MainChain();
    /**
     * The tree's nodes that are not on the main chain: pruning looks at these alone, so its cost
     * follows the side branches, not the length of the chain.
     */
    private final Set<BlockNode> offMainChain = new HashSet<>();
    /** A store write failed during a reorg: the main chain may not be the one with the most work yet. */
    private boolean unfinishedReorg;
    private long reorgs;
    private int deepestReorg;

    BestChain(ConsensusParams params, BlockStore blocks, ChainState state, Map<Hash, BlockNode> tree,
              InvalidBlocks invalid, ChainEvents events) {
        this.params = params;
        this.blocks = blocks;
        this.state = state;
        this.tree = tree;
        this.invalid = invalid;
        this.events = events;
    }

    /** Starts from the main chain the store holds, genesis first, once the tree holds every stored block. */
    void load(List<BlockNode> stored) {
        stored.forEach(mainChain::add);
        tree.values().stream().filter(n -> !isOnMainChain(n)).forEach(offMainChain::add);
    }

    /** {@code node} was just added to the tree: off the main chain until it is connected. */
    void stored(BlockNode node) {
        offMainChain.add(node);
    }

    BlockNode tip() {
        return mainChain.tip();
    }

    int size() {
        return mainChain.size();
    }

    boolean isOnMainChain(BlockNode n) {
        return mainChain.contains(n);
    }

    /** The snapshot readers should see now: {@code last}, unless the tip moved (the ledger and the counters move only with it). */
    ChainSnapshot snapshotAfter(ChainSnapshot last) {
        if (last != null && last.tip() == mainChain.tip()) {
            return last;
        }
        return new ChainSnapshot(mainChain.tip(), mainChain.publish(), state.ledger(), reorgs, deepestReorg);
    }

    /** Moves to the best branch if a crash or a store failure left the main chain short of it. */
    Optional<TipChange> activateBest() {
        unfinishedReorg = false;
        return activate(bestTip());
    }

    /** Whether a store failure stopped the last move half way, so {@link #activateBest} must finish it. */
    boolean unfinished() {
        return unfinishedReorg;
    }

    /**
     * Moves the main chain to {@code candidate}, the valid block with the most work. If a block on the way fails
     * to connect, it and its descendants are forgotten and the next best branch is tried.
     */
    Optional<TipChange> activate(BlockNode candidate) {
        BlockNode oldTip = tip();
        List<Block> disconnected = new ArrayList<>();
        List<Block> connected = new ArrayList<>();
        try {
            moveTo(candidate, disconnected, connected);
        } catch (StoreException e) {
            // Each connect and disconnect is atomic in the store, and the main chain in memory follows
            // only those that succeeded: the two agree. Tell the listeners what was done (the mempool
            // takes the undone transactions back) and finish the move at the next block.
            unfinishedReorg = true;
            log.error("chain: a store write failed during a reorg, stopped at height {} ({}); it is finished when the "
                    + "store works again", tip().height(), e.getMessage());
            report(oldTip, disconnected, connected);
            throw e;
        }
        return report(oldTip, disconnected, connected);
    }

    private void moveTo(BlockNode candidate, List<Block> disconnected, List<Block> connected) {
        BlockNode best = candidate;
        while (best != tip()) {
            BlockNode fork = tip().forkPoint(best);
            while (tip() != fork) {
                disconnected.add(disconnectTip());
            }
            List<BlockNode> path = new ArrayList<>();
            for (BlockNode n = best; n != fork; n = n.parent()) {
                path.add(0, n);
            }
            boolean failed = false;
            for (BlockNode n : path) {
                Block block = blocks.block(n.hash()).orElseThrow();
                try {
                    LedgerChange change = params.ledger().apply(params, block, n.height(), state.ledger());
                    state.connect(n.hash(), n.height(), change);
                    mainChain.add(n);
                    offMainChain.remove(n);
                    connected.add(block);
                } catch (RuleViolation v) {
                    forgetInvalidBranch(n, v);
                    failed = true;
                    break;
                }
            }
            if (failed) { // part of the branch was invalid: choose again among what is left
                best = bestTip();
            }
        }
    }

    private Optional<TipChange> report(BlockNode oldTip, List<Block> disconnected, List<Block> connected) {
        // Report the net change: blocks disconnected and connected again cancel out.
        Set<Hash> both = new HashSet<>();
        connected.forEach(b -> both.add(b.hash()));
        both.retainAll(disconnected.stream().map(Block::hash).toList());
        disconnected.removeIf(b -> both.contains(b.hash()));
        connected.removeIf(b -> both.contains(b.hash()));
        if (oldTip == tip()) {
            return Optional.empty();
        }
        if (tip().height() % 16 == 0) {
            pruneDeepSideBranches();
        }
        TipChange change = new TipChange(oldTip, tip(), disconnected, connected);
        if (change.isReorg()) {
            reorgs++;
            deepestReorg = Math.max(deepestReorg, disconnected.size());
        }
        events.tipChanged(change);
        return Optional.of(change);
    }

    private Block disconnectTip() {
        BlockNode t = tip();
        Block block = blocks.block(t.hash()).orElseThrow(() -> new IllegalStateException("cannot disconnect block " + t.hash()
                + " at height " + t.height() + ": its body is not stored (a pruned store keeps only the last blocks)"));
        events.beforeDisconnect(block);
        state.disconnect(t.hash(), t.height(), t.parent().hash());
        mainChain.removeLast();
        offMainChain.add(t);
        return block;
    }

    /**
     * Forgets side branches that fork more than {@link #MAX_SIDE_BRANCH_DEPTH} blocks below the tip:
     * a reorg that deep would not happen by chance, and keeping them lets cheap blocks pile up.
     */
    private void pruneDeepSideBranches() {
        int floor = tip().height() - MAX_SIDE_BRANCH_DEPTH;
        if (floor <= 0) {
            return;
        }
        List<BlockNode> doomed = new ArrayList<>();
        for (BlockNode n : offMainChain) {
            if (forkHeight(n) < floor) {
                doomed.add(n);
            }
        }
        for (BlockNode n : doomed) {
            tree.remove(n.hash());
            offMainChain.remove(n);
            blocks.deleteBlock(n.hash());
        }
        if (!doomed.isEmpty()) {
            log.info("chain: pruned {} side-branch block(s) forking more than {} blocks below the tip", doomed.size(),
                    MAX_SIDE_BRANCH_DEPTH);
        }
    }

    private int forkHeight(BlockNode n) {
        while (!isOnMainChain(n)) {
            n = n.parent();
        }
        return n.height();
    }

    private void forgetInvalidBranch(BlockNode bad, RuleViolation v) {
        List<BlockNode> doomed = new ArrayList<>();
        for (BlockNode n : tree.values()) {
            if (n.height() >= bad.height() && n.ancestor(bad.height()) == bad) {
                doomed.add(n);
            }
        }
        doomed.sort((a, b) -> Integer.compare(b.height(), a.height()));
        for (BlockNode n : doomed) {
            tree.remove(n.hash());
            offMainChain.remove(n);
            blocks.deleteBlock(n.hash());
            invalid.remember(n.hash(), n == bad ? v
                    : new RuleViolation(Rule.INVALID_ANCESTOR, "ancestor " + bad.hash() + " is invalid: " + v.detail()));
        }
    }

    private BlockNode bestTip() {
        BlockNode best = tip();
        for (BlockNode n : tree.values()) {
            if (n.beats(best)) {
                best = n;
            }
        }
        return best;
    }
}
