package org.powchain.chain;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.powchain.consensus.BlockValidator;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Difficulty;
import org.powchain.consensus.Genesis;
import org.powchain.consensus.LedgerRules;
import org.powchain.consensus.MedianTimePast;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;
import org.powchain.core.NetworkId;
import org.powchain.store.BlockStore;
import org.powchain.store.ChainState;
import org.powchain.store.ChainStore;
import org.powchain.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a block arrives: validate it, store it in the block tree, and move the main
 * chain to the branch with the most cumulative work, disconnecting and connecting blocks (a
 * reorg) when that branch changes. Blocks whose parent is unknown wait in the orphan pool.
 * See docs/concepts/fork-choice.md.
 *
 * <p>Threads: one writer at a time ({@link #process} takes the writer's lock); readers never wait
 * for it. What needs no chain state (proof of work, body, signatures) is checked before the lock.
 * Readers see the {@link ChainSnapshot} the last block left, and the block tree (a concurrent map
 * of immutable nodes). Listeners are called after the lock is released, in the order the changes
 * happened.
 */
public final class ChainManager {
    private static final Logger log = LoggerFactory.getLogger(ChainManager.class);
    private static final int MAX_INVALID_REMEMBERED = 10_000;

    private final ConsensusParams params;
    /** Made from the params and genesis: every transfer in a block must be signed for it. */
    private final NetworkId networkId;
    private final BlockStore blocks;
    private final ChainState state;
    private final SignatureVerifier signatures;
    private final LongSupplier clock;
    /** A store write failed during a reorg: the main chain may not be the one with the most work yet. */
    private boolean unfinishedReorg;
    private final ReentrantLock writer = new ReentrantLock();
    /** Written by the writer, read by anyone. */
    private final Map<Hash, BlockNode> tree = new ConcurrentHashMap<>();
    /**
     * Unrequested blocks on branches with less work, by hash, with their height: remembered so a
     * peer sending one again costs a lookup, bounded so remembering costs little. Under the writer's lock.
     */
    private final Map<Hash, Integer> notStored = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Integer> eldest) {
            return size() > 10_000;
        }
    };
    /** Side branches forking deeper than this below the tip are pruned from memory and disk. */
    public static final int MAX_SIDE_BRANCH_DEPTH = 100;
    /**
     * Blocks found invalid, least recently seen first: a peer flooding new invalid blocks evicts
     * only the oldest entries, never the ones it keeps building on. Accessed under the writer's lock.
     */
    private final Map<Hash, RuleViolation> invalid = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, RuleViolation> eldest) {
            return size() > MAX_INVALID_REMEMBERED; // forgetting only costs re-validation if it comes again
        }
    };
    private final MainChain mainChain = new MainChain();
    /**
     * The tree's nodes that are not on the main chain, under the writer's lock: pruning looks at
     * these alone, so its cost follows the side branches, not the length of the chain.
     */
    private final Set<BlockNode> offMainChain = new HashSet<>();
    /** What readers see: published by the writer before it lets go of the lock. */
    private volatile ChainSnapshot snapshot;
    private final OrphanPool orphans;
    private final List<ChainListener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<Runnable> pendingEvents = new ConcurrentLinkedQueue<>();
    private final ReentrantLock dispatchLock = new ReentrantLock();
    private long sequence;
    private long reorgs;
    private int deepestReorg;

    private ChainManager(ConsensusParams params, ChainStore store, SignatureVerifier signatures, LongSupplier clock,
                         int orphanCapacity) {
        this.params = params;
        this.networkId = Genesis.networkId(params, Genesis.block(params));
        this.blocks = store.blocks();
        this.state = store.state();
        this.signatures = signatures;
        this.clock = clock;
        this.orphans = new OrphanPool(orphanCapacity);
    }

    /**
     * Opens the chain kept in {@code store}, starting it with genesis if the store is empty. The
     * stored blocks were validated when they were accepted, so they are not validated again.
     * {@code listeners} are added before the chain is loaded, so they also hear of a reorg that a
     * crash had left unfinished and that opening finishes.
     */
    public static ChainManager open(ConsensusParams params, ChainStore store, SignatureVerifier signatures,
                                    LongSupplier clock, ChainListener... listeners) {
        ChainManager chain = new ChainManager(params, store, signatures, clock, 256);
        for (ChainListener l : listeners) {
            chain.addListener(l);
        }
        chain.load();
        return chain;
    }

    private void load() {
        long started = System.nanoTime();
        StartupAudit.Result stored = new StartupAudit(params, blocks, state).run();
        tree.putAll(stored.tree());
        stored.mainChain().forEach(mainChain::add);
        tree.values().stream().filter(n -> !isOnMainChain(n)).forEach(offMainChain::add);
        sequence = tree.size();
        // A store that held only genesis (a new node, every test chain) has nothing worth saying.
        (tree.size() > 1 ? log.atInfo() : log.atDebug()).log(
                "chain: {} blocks stored ({} off the main chain), tip {} at height {} linked back to genesis; {} ({} ms)",
                tree.size(), tree.size() - mainChain.size(), tip().hash(), tip().height(), stored.summary(),
                (System.nanoTime() - started) / 1_000_000);
        // A crash between connecting the blocks of a reorg leaves a better branch not yet active.
        writer.lock();
        try {
            activateBestChain(bestTip()).ifPresent(c -> log.info("chain: finished an interrupted reorg to height {}",
                    c.newTip().height()));
        } finally {
            publishSnapshot();
            writer.unlock();
        }
        publish(); // to the listeners given to open, if any
    }

    /** Adds {@code listener} after the others of its {@link ChainListener.Phase}, before those of later phases. */
    public synchronized void addListener(ChainListener listener) {
        int at = listeners.size();
        while (at > 0 && listeners.get(at - 1).phase().compareTo(listener.phase()) > 0) {
            at--;
        }
        listeners.add(at, listener);
    }

    /**
     * Validates {@code block} and adds it to the chain. Throws {@link RuleViolation} for a block that
     * breaks a rule (nothing is stored) or whose parent is unknown (it is kept as an orphan, and
     * {@link Rule#UNKNOWN_PARENT} says so).
     */
    public BlockOutcome process(Block block) throws RuleViolation {
        return process(block, true);
    }

    /**
     * Like {@link #process(Block)} for a block nobody asked for (a peer's relay): if its branch has
     * less work than the main chain it is not stored ({@link BlockOutcome.Status#NOT_STORED}), only
     * remembered by hash. Blocks this node mined, a user submitted or a sync requested are stored.
     */
    public BlockOutcome processUnrequested(Block block) throws RuleViolation {
        return process(block, false);
    }

    private BlockOutcome process(Block block, boolean requested) throws RuleViolation {
        boolean checked = checkedBeforeLock(block, requested);
        BlockOutcome outcome;
        writer.lock();
        try {
            if (unfinishedReorg) { // a store failure stopped the last one half way: finish it first
                unfinishedReorg = false;
                activateBestChain(bestTip());
            }
            outcome = processLocked(block, requested, checked);
            if (outcome.status() != BlockOutcome.Status.DUPLICATE && outcome.status() != BlockOutcome.Status.NOT_STORED) {
                connectOrphansOf(block.hash());
                outcome = afterOrphans(outcome);
            }
        } catch (RuleViolation v) {
            pendingEvents.add(() -> listeners.forEach(l -> l.blockRejected(block, v)));
            throw v;
        } finally {
            publishSnapshot();
            writer.unlock();
            publish();
        }
        return outcome;
    }

    /**
     * The checks that need no chain state, run before the writer's lock so that neither readers nor
     * other blocks wait for them: proof of work, the body (Merkle root, sizes, coinbase) and, the
     * costliest, the signatures, in parallel. The verifier remembers the signatures; what passed
     * here is not checked again under the lock (true). What failed is left for the lock to find
     * again, remember and answer for, in rule order (false), as is any block the lock would refuse
     * before its signatures: a known one, an orphan, a weaker branch nobody asked for.
     */
    private boolean checkedBeforeLock(Block block, boolean requested) {
        Hash hash = block.hash();
        BlockNode parent = tree.get(block.previousHash());
        if (parent == null || tree.containsKey(hash)) {
            return false;
        }
        BigInteger work = parent.chainWorkWith(block.header());
        if (!requested && work.compareTo(snapshot.tip().chainWork()) < 0) {
            return false;
        }
        try {
            BlockValidator.checkProofOfWork(params, block.header());
            BlockValidator.checkBody(params, networkId, block);
            signatures.verifyAll(block.transactions());
            return true;
        } catch (RuleViolation v) {
            return false;
        }
    }

    /** A new snapshot when the tip moved (the ledger and the counters move only with it); most blocks that come are known. */
    private void publishSnapshot() {
        if (snapshot != null && snapshot.tip() == mainChain.tip()) {
            return;
        }
        snapshot = new ChainSnapshot(mainChain.tip(), mainChain.publish(), state.ledger(), reorgs, deepestReorg);
    }

    /**
     * Orphans waiting for a block can carry its branch past the tip, so a block that arrived on a
     * side branch may end on the main chain, or be found invalid when its branch is connected.
     */
    private BlockOutcome afterOrphans(BlockOutcome outcome) throws RuleViolation {
        BlockNode node = tree.get(outcome.hash());
        if (node == null) {
            throw invalid.get(outcome.hash());
        }
        if (outcome.status() == BlockOutcome.Status.SIDE_BRANCH && isOnMainChain(node)) {
            return new BlockOutcome(BlockOutcome.Status.MAIN_CHAIN, outcome.hash(), outcome.height(), outcome.tipChange());
        }
        return outcome;
    }

    /** {@code checked}: proof of work, body and signatures passed before the lock ({@link #checkedBeforeLock}). */
    private BlockOutcome processLocked(Block block, boolean requested, boolean checked) throws RuleViolation {
        Hash hash = block.hash();
        BlockNode known = tree.get(hash);
        if (known != null || orphans.contains(hash)) {
            return new BlockOutcome(BlockOutcome.Status.DUPLICATE, hash, known == null ? -1 : known.height(), Optional.empty());
        }
        Integer lowWorkHeight = notStored.get(hash);
        if (lowWorkHeight != null && !requested) {
            return new BlockOutcome(BlockOutcome.Status.NOT_STORED, hash, lowWorkHeight, Optional.empty());
        }
        RuleViolation earlier = invalid.get(hash);
        if (earlier != null) {
            throw earlier;
        }
        BlockHeader header = block.header();
        if (!checked) {
            BlockValidator.checkProofOfWork(params, header);
            BlockValidator.checkBody(params, networkId, block);
        }

        Hash parentHash = header.previousHash();
        if (invalid.get(parentHash) != null) { // get, not containsKey: building on it keeps it remembered
            throw rememberInvalid(hash, new RuleViolation(Rule.INVALID_ANCESTOR, "parent " + parentHash + " is invalid"));
        }
        BlockNode parent = tree.get(parentHash);
        if (parent == null) {
            orphans.add(block);
            throw new RuleViolation(Rule.UNKNOWN_PARENT, "parent " + parentHash
                    + " is unknown; the block waits in the orphan pool (" + orphans.size() + "/" + orphans.capacity()
                    + ") until it arrives");
        }
        BigInteger work = parent.chainWorkWith(header);
        try {
            checkContext(header, parent);
            // Bitcoin Core's AcceptBlock: after the header's checks, before the costly ones and the disk
            if (!requested && work.compareTo(tip().chainWork()) < 0) {
                notStored.put(hash, parent.height() + 1);
                return new BlockOutcome(BlockOutcome.Status.NOT_STORED, hash, parent.height() + 1, Optional.empty());
            }
            if (!checked) {
                signatures.verifyAll(block.transactions());
            }
        } catch (RuleViolation v) {
            if (v.rule() == Rule.TIME_TOO_NEW) {
                throw v; // not invalid for ever: the same block is fine once our clock catches up
            }
            throw rememberInvalid(hash, v);
        }

        BlockNode node = new BlockNode(hash, header, parent, work, sequence++);
        blocks.putBlock(block, node.height(), node.chainWork());
        tree.put(hash, node);
        offMainChain.add(node); // until it is connected
        // told only if still stored when listeners hear of it: connecting may yet find it invalid
        pendingEvents.add(() -> {
            if (tree.containsKey(hash)) {
                listeners.forEach(l -> l.blockStored(block, node));
            }
        });

        Optional<TipChange> change = Optional.empty();
        if (node.beats(tip())) {
            change = activateBestChain(node);
            if (!tree.containsKey(hash)) { // it failed to connect
                throw invalid.get(hash);
            }
        }
        boolean onMain = isOnMainChain(node);
        return new BlockOutcome(onMain ? BlockOutcome.Status.MAIN_CHAIN : BlockOutcome.Status.SIDE_BRANCH,
                hash, node.height(), change);
    }

    /**
     * Checks a run of headers extending a block we have, before any body is fetched (headers-first
     * sync): each follows the one before, meets its proof of work, and has the difficulty and
     * timestamp the chain requires at its height. Nothing is stored.
     */
    public void checkHeaderChain(List<BlockHeader> headers) throws RuleViolation {
        if (headers.isEmpty()) {
            return;
        }
        BlockNode parent = node(headers.get(0).previousHash()).orElseThrow(() -> new IllegalArgumentException(
                "the first header's parent " + headers.get(0).previousHash() + " is not in the block tree"));
        for (BlockHeader h : headers) {
            if (!h.previousHash().equals(parent.hash())) {
                throw new RuleViolation(Rule.UNKNOWN_PARENT, "header " + h.hash() + " does not follow " + parent.hash());
            }
            BlockValidator.checkProofOfWork(params, h);
            checkContext(h, parent);
            parent = new BlockNode(h.hash(), h, parent, parent.chainWorkWith(h), -1);
        }
    }

    private void checkContext(BlockHeader header, BlockNode parent) throws RuleViolation {
        BlockValidator.checkHeaderInChain(params, header, parent.height() + 1, h -> parent.ancestor(h).header(),
                clock.getAsLong());
    }

    private void connectOrphansOf(Hash parent) {
        Deque<Hash> parents = new ArrayDeque<>(List.of(parent));
        while (!parents.isEmpty()) {
            for (Block child : orphans.takeChildren(parents.poll())) {
                try {
                    processLocked(child, true, false);
                    parents.add(child.hash());
                } catch (RuleViolation v) {
                    // An invalid orphan is dropped; it came from someone who is already scored for it.
                }
            }
        }
    }

    /**
     * Moves the main chain to {@code candidate}, the valid block with the most work. If a block on the way fails
     * to connect, it and its descendants are forgotten and the next best branch is tried.
     */
    private Optional<TipChange> activateBestChain(BlockNode candidate) {
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
            BlockNode fork = forkPoint(tip(), best);
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
                    LedgerChange change = LedgerRules.apply(params, block, n.height(), state::account);
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
        pendingEvents.add(() -> listeners.forEach(l -> l.tipChanged(change)));
        return Optional.of(change);
    }

    private Block disconnectTip() {
        BlockNode t = tip();
        Block block = blocks.block(t.hash()).orElseThrow();
        listeners.forEach(l -> l.beforeDisconnect(block));
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
            rememberInvalid(n.hash(), n == bad ? v
                    : new RuleViolation(Rule.INVALID_ANCESTOR, "ancestor " + bad.hash() + " is invalid: " + v.detail()));
        }
    }

    private RuleViolation rememberInvalid(Hash hash, RuleViolation v) {
        invalid.put(hash, v);
        return v;
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

    private static BlockNode forkPoint(BlockNode a, BlockNode b) {
        while (a.height() > b.height()) {
            a = a.parent();
        }
        while (b.height() > a.height()) {
            b = b.parent();
        }
        while (a != b) {
            a = a.parent();
            b = b.parent();
        }
        return a;
    }

    private boolean isOnMainChain(BlockNode n) {
        return mainChain.contains(n);
    }

    private BlockNode tip() {
        return mainChain.tip();
    }

    private void publish() {
        dispatchLock.lock();
        try {
            Runnable event;
            while ((event = pendingEvents.poll()) != null) {
                event.run();
            }
        } finally {
            dispatchLock.unlock();
        }
    }

    // ---- queries: no lock, from the snapshot and the block tree ----

    public ConsensusParams params() {
        return params;
    }

    /** The network this chain belongs to (see {@link Genesis#networkId}). */
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

    public boolean knows(Hash hash) {
        return tree.containsKey(hash) || orphans.contains(hash);
    }

    public AccountState account(Address address) {
        return snapshot.account(address);
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
