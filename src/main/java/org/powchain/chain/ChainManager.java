package org.powchain.chain;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.powchain.consensus.BlockValidator;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Genesis;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.NetworkId;
import org.powchain.store.BlockStore;
import org.powchain.store.ChainState;
import org.powchain.store.ChainStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a block arrives (btcd's process.go and accept.go): the checks that need no
 * chain state, before the writer's lock; then, under it, the checks in context (difficulty, time,
 * a known and valid parent), storing the block in the block tree, and handing it to
 * {@link BestChain}, which moves the main chain to the branch with the most work. Blocks whose
 * parent is unknown wait in the {@link OrphanPool} and are processed when it comes. Reads go
 * through {@link #queries()}; listeners hear what happened through {@link ChainEvents}.
 * See docs/concepts/fork-choice.md.
 *
 * <p>Threads: one writer at a time ({@link #process} takes the writer's lock); readers never wait
 * for it. What needs no chain state (proof of work, body, signatures) is checked before the lock,
 * each check once ({@link PreChecked}). Readers see the {@link ChainSnapshot} the last block left,
 * and the block tree (a concurrent map of immutable nodes). Listeners are called after the lock is
 * released, in the order the changes happened.
 */
public final class ChainManager {
    private static final Logger log = LoggerFactory.getLogger(ChainManager.class);

    private final ConsensusParams params;
    /** The ledger model (a consensus parameter): what the transactions mean, how a block changes the ledger. */
    private final Ledger ledger;
    /** Made from the params and genesis: every transfer in a block must be signed for it. */
    private final NetworkId networkId;
    private final BlockStore blocks;
    private final ChainState state;
    private final SignatureVerifier signatures;
    private final LongSupplier clock;
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
    private final InvalidBlocks invalid = new InvalidBlocks();
    private final OrphanPool orphans;
    private final ChainEvents events = new ChainEvents();
    private final BestChain best;
    private final ChainQueries queries;
    private long sequence;

    private ChainManager(ConsensusParams params, ChainStore store, SignatureVerifier signatures, LongSupplier clock,
                         int orphanCapacity) {
        this.params = params;
        this.ledger = params.ledger();
        this.networkId = Genesis.networkId(params, Genesis.block(params));
        this.blocks = store.blocks();
        this.state = store.state();
        this.signatures = signatures;
        this.clock = clock;
        this.orphans = new OrphanPool(orphanCapacity);
        this.best = new BestChain(params, blocks, state, tree, invalid, events);
        this.queries = new ChainQueries(params, networkId, blocks, tree, orphans);
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
        // after the audit, which refuses a store of another model before anything reads its entries as ours
        state.indexOwners(ledger); // balances and a wallet's coins by owner, without a scan
        tree.putAll(stored.tree());
        best.load(stored.mainChain());
        sequence = tree.size();
        // A store that held only genesis (a new node, every test chain) has nothing worth saying.
        (tree.size() > 1 ? log.atInfo() : log.atDebug()).log(
                "chain: {} blocks stored ({} off the main chain), tip {} at height {} linked back to genesis; {} ({} ms)",
                tree.size(), tree.size() - best.size(), best.tip().hash(), best.tip().height(), stored.summary(),
                (System.nanoTime() - started) / 1_000_000);
        // A crash between connecting the blocks of a reorg leaves a better branch not yet active.
        writer.lock();
        try {
            best.activateBest().ifPresent(c -> log.info("chain: finished an interrupted reorg to height {}",
                    c.newTip().height()));
        } finally {
            publishSnapshot();
            writer.unlock();
        }
        events.publish(); // to the listeners given to open, if any
    }

    /** What readers ask: the tip, blocks, the ledger, locators... from the last published snapshot, without a lock. */
    public ChainQueries queries() {
        return queries;
    }

    /** Adds {@code listener} after the others of its {@link ChainListener.Phase}, before those of later phases. */
    public void addListener(ChainListener listener) {
        events.add(listener);
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
        PreChecked checked = checkBeforeLock(block, requested);
        BlockOutcome outcome;
        writer.lock();
        try {
            if (best.unfinished()) { // a store failure stopped the last reorg half way: finish it first
                best.activateBest();
            }
            outcome = processLocked(checked, requested);
            if (outcome.status() != BlockOutcome.Status.DUPLICATE && outcome.status() != BlockOutcome.Status.NOT_STORED) {
                connectOrphansOf(block.hash());
                outcome = afterOrphans(outcome);
            }
        } catch (RuleViolation v) {
            events.blockRejected(block, v);
            throw v;
        } finally {
            publishSnapshot();
            writer.unlock();
            events.publish();
        }
        return outcome;
    }

    /**
     * Runs the checks that need no chain state before the writer's lock, so that neither readers
     * nor other blocks wait for them: proof of work and the body (Merkle root, sizes, coinbase)
     * and, the costliest, the signatures, in parallel. A failure is kept for the lock to answer
     * for in rule order. Skipped for a block the lock refuses before these checks (a known one, one
     * remembered invalid, a weaker branch nobody asked for), and the signatures for an orphan: their
     * checks run, once, if the lock asks.
     */
    private PreChecked checkBeforeLock(Block block, boolean requested) {
        PreChecked checked = new PreChecked(block);
        Hash hash = block.hash();
        if (tree.containsKey(hash) || orphans.contains(hash) || invalid.contains(hash)) {
            return checked;
        }
        BlockNode parent = tree.get(block.previousHash());
        if (parent != null && !requested
                && parent.chainWorkWith(block.header()).compareTo(queries.snapshot().tip().chainWork()) < 0) {
            return checked;
        }
        try {
            checked.checkProofOfWorkAndBody(params, networkId);
            if (parent != null) {
                checked.checkSignatures(signatures, ledger);
            }
        } catch (RuleViolation v) {
            // kept in checked: the lock refuses the block for it, after the rules that come first
        }
        return checked;
    }

    private void publishSnapshot() {
        queries.publish(best.snapshotAfter(queries.snapshot()));
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
        if (outcome.status() == BlockOutcome.Status.SIDE_BRANCH && best.isOnMainChain(node)) {
            return new BlockOutcome(BlockOutcome.Status.MAIN_CHAIN, outcome.hash(), outcome.height(), outcome.tipChange());
        }
        return outcome;
    }

    /** The rules in their order; those that need no chain state answer from {@code checked}, run once. */
    private BlockOutcome processLocked(PreChecked checked, boolean requested) throws RuleViolation {
        Block block = checked.block();
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
        checked.checkProofOfWorkAndBody(params, networkId);

        Hash parentHash = header.previousHash();
        if (invalid.get(parentHash) != null) { // get, not contains: building on it keeps it remembered
            throw invalid.remember(hash, new RuleViolation(Rule.INVALID_ANCESTOR, "parent " + parentHash + " is invalid"));
        }
        BlockNode parent = tree.get(parentHash);
        if (parent == null) {
            orphans.add(checked);
            throw new RuleViolation(Rule.UNKNOWN_PARENT, "parent " + parentHash
                    + " is unknown; the block waits in the orphan pool (" + orphans.size() + "/" + orphans.capacity()
                    + ") until it arrives");
        }
        BigInteger work = parent.chainWorkWith(header);
        try {
            checkContext(header, parent);
            // Bitcoin Core's AcceptBlock: after the header's checks, before the costly ones and the disk
            if (!requested && work.compareTo(best.tip().chainWork()) < 0) {
                notStored.put(hash, parent.height() + 1);
                return new BlockOutcome(BlockOutcome.Status.NOT_STORED, hash, parent.height() + 1, Optional.empty());
            }
            checked.checkSignatures(signatures, ledger);
        } catch (RuleViolation v) {
            if (v.rule() == Rule.TIME_TOO_NEW) {
                throw v; // not invalid for ever: the same block is fine once our clock catches up
            }
            throw invalid.remember(hash, v);
        }

        BlockNode node = new BlockNode(hash, header, parent, work, sequence++);
        blocks.putBlock(block, node.height(), node.chainWork());
        tree.put(hash, node);
        best.stored(node); // off the main chain until it is connected
        // told only if still stored when listeners hear of it: connecting may yet find it invalid
        events.blockStored(block, node, () -> tree.containsKey(hash));

        Optional<TipChange> change = Optional.empty();
        if (node.beats(best.tip())) {
            change = best.activate(node);
            if (!tree.containsKey(hash)) { // it failed to connect
                throw invalid.get(hash);
            }
        }
        boolean onMain = best.isOnMainChain(node);
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
        BlockNode parent = queries.node(headers.get(0).previousHash()).orElseThrow(() -> new IllegalArgumentException(
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

    /** Orphans waiting for {@code parent}, and for them in turn, are processed now that it is stored. */
    private void connectOrphansOf(Hash parent) {
        Deque<Hash> parents = new ArrayDeque<>(List.of(parent));
        while (!parents.isEmpty()) {
            for (PreChecked child : orphans.takeChildren(parents.poll())) {
                try {
                    processLocked(child, true);
                    parents.add(child.block().hash());
                } catch (RuleViolation v) {
                    // An invalid orphan is dropped; it came from someone who is already scored for it.
                }
            }
        }
    }
}
