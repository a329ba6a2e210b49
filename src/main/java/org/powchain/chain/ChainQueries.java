package org.powchain.chain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Difficulty;
import org.powchain.consensus.Genesis;
import org.powchain.consensus.MedianTimePast;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.NetworkId;
import org.powchain.store.BlockStore;

/**
 * What the layers above ask of the chain (btcd's chain queries): the tip, blocks by height or
 * hash, the ledger, locators and headers for a syncing peer, branch tips, what a miner builds on.
 * Answers come from the last {@link ChainSnapshot} the writer published and from the block tree,
 * without a lock, so a reader never waits for a block being validated or a reorg; a reorg is seen
 * whole or not at all. Get it from {@link ChainManager#queries()}.
 */
public final class ChainQueries {
    private final ConsensusParams params;
    private final NetworkId networkId;
    private final BlockStore blocks;
    private final Map<Hash, BlockNode> tree;
    private final OrphanPool orphans;
    /** Published by the writer before it lets go of its lock. */
    private volatile ChainSnapshot snapshot;

    ChainQueries(ConsensusParams params, NetworkId networkId, BlockStore blocks, Map<Hash, BlockNode> tree,
                 OrphanPool orphans) {
        this.params = params;
        this.networkId = networkId;
        this.blocks = blocks;
        this.tree = tree;
        this.orphans = orphans;
    }

    void publish(ChainSnapshot next) {
        snapshot = next;
    }

    public ConsensusParams params() {
        return params;
    }

    /** The network this chain belongs to (see {@link Genesis#networkId}): every transfer in a block must be signed for it. */
    public NetworkId networkId() {
        return networkId;
    }

    /** The main chain as the last processed block left it; later blocks do not change it. */
    public ChainSnapshot snapshot() {
        return snapshot;
    }

    public BlockNode tipNode() {
        return snapshot.tip();
    }

    public int height() {
        return snapshot.height();
    }

    public Block tipBlock() {
        return blocks.block(snapshot.tip().hash()).orElseThrow();
    }

    public Optional<Block> blockAt(int height) {
        List<BlockNode> chain = snapshot.mainChain();
        return height >= 0 && height < chain.size() ? blocks.block(chain.get(height).hash()) : Optional.empty();
    }

    /** Main-chain blocks from {@code from}, at most {@code limit}, genesis first. */
    public List<Block> blocks(int from, int limit) {
        List<BlockNode> chain = snapshot.mainChain();
        List<Block> out = new ArrayList<>();
        for (int h = Math.max(0, from); h < chain.size() && out.size() < limit; h++) {
            out.add(blocks.block(chain.get(h).hash()).orElseThrow());
        }
        return out;
    }

    /** A stored block by hash, on any branch. */
    public Optional<Block> block(Hash hash) {
        return tree.containsKey(hash) ? blocks.block(hash) : Optional.empty();
    }

    public Optional<BlockNode> node(Hash hash) {
        return Optional.ofNullable(tree.get(hash));
    }

    public boolean isOnMainChain(Hash hash) {
        BlockNode n = tree.get(hash);
        return n != null && snapshot.isOnMainChain(n);
    }

    /** Stored, or waiting in the orphan pool. */
    public boolean knows(Hash hash) {
        return tree.containsKey(hash) || orphans.contains(hash);
    }

    /** What {@code address} may spend at the tip, as the ledger model reads the ledger. */
    public long balance(Address address) {
        return params.ledger().balance(snapshot.ledger(), address);
    }

    /** The parent a chain of orphans ending in {@code hash} waits for, if {@code hash} is an orphan. */
    public Optional<Hash> missingAncestor(Hash hash) {
        return orphans.missingAncestor(hash);
    }

    public List<Block> orphans() {
        return orphans.all();
    }

    /** Every branch tip (a block with no child), the main tip first: like Bitcoin's getchaintips. */
    public List<BlockNode> branchTips() {
        BlockNode tip = snapshot.tip();
        List<BlockNode> nodes = List.copyOf(tree.values());
        Set<Hash> parents = new HashSet<>();
        nodes.forEach(n -> {
            if (n.parent() != null) {
                parents.add(n.parent().hash());
            }
        });
        List<BlockNode> tips = new ArrayList<>();
        tips.add(tip);
        nodes.stream().filter(n -> !parents.contains(n.hash()) && n != tip)
                .sorted((a, b) -> b.chainWork().compareTo(a.chainWork())).forEach(tips::add);
        return tips;
    }

    /** The whole block tree (for the explorer's drawing). */
    public Collection<BlockNode> allNodes() {
        return List.copyOf(tree.values());
    }

    /** A locator of the main chain (see {@link BlockLocator}). */
    public List<Hash> locator() {
        List<BlockNode> chain = snapshot.mainChain();
        return BlockLocator.heights(chain.size() - 1).stream().map(h -> chain.get(h).hash()).toList();
    }

    /**
     * Main-chain headers after the first locator hash we have on our main chain (genesis if none),
     * at most {@code max}: what a peer asks for to sync.
     */
    public List<BlockHeader> headersAfter(List<Hash> locator, int max) {
        ChainSnapshot now = snapshot;
        int start = 0;
        for (Hash h : locator) {
            BlockNode n = tree.get(h);
            if (n != null && now.isOnMainChain(n)) {
                start = n.height();
                break;
            }
        }
        List<BlockHeader> out = new ArrayList<>();
        for (int h = start + 1; h < now.mainChain().size() && out.size() < max; h++) {
            out.add(now.mainChain().get(h).header());
        }
        return out;
    }

    /** What a miner needs to build on the tip: parent, height, required bits, earliest timestamp. */
    public record TemplateContext(Hash parent, int height, int bits, long minTimestamp) {}

    public TemplateContext templateContext() {
        BlockNode parent = snapshot.tip();
        int height = parent.height() + 1;
        int bits = Difficulty.nextBits(params, height, parent.header(), h -> parent.ancestor(h).header());
        return new TemplateContext(parent.hash(), height, bits,
                MedianTimePast.before(params, height, h -> parent.ancestor(h).header()) + 1);
    }

    public long reorgCount() {
        return snapshot.reorgs();
    }

    public int deepestReorg() {
        return snapshot.deepestReorg();
    }
}
