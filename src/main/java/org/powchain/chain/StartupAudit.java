package org.powchain.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Genesis;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.Bytes;
import org.powchain.core.Hash;
import org.powchain.core.LedgerView;
import org.powchain.core.Target;
import org.powchain.store.BlockStore;
import org.powchain.store.ChainState;
import org.powchain.store.StoreCorruptedException;
import org.powchain.store.StoreException;

/**
 * What a node checks of its store before it trusts it, on every start: the chain was made with
 * this node's consensus parameters, every main-chain block links back to genesis, and the ledger
 * is the one the main chain produces. Stored blocks are not validated again (they were when they
 * arrived), so these checks are what stands between a damaged or foreign store and a wrong chain.
 * A new store gets genesis here. See docs/concepts/storage.md.
 */
final class StartupAudit {
    /** Chains up to this height are replayed on start to check the ledger; longer ones only by supply. */
    private static final int REPLAY_LIMIT = 2_000;
    /** The consensus parameters a store's chain was made with, kept with it. */
    private static final String PARAMS_SETTING = "consensus-params";

    /** The block tree and main chain the store holds, checked; {@code summary} says what was checked. */
    record Result(Map<Hash, BlockNode> tree, List<BlockNode> mainChain, String summary) {}

    private final ConsensusParams params;
    private final Block genesis;
    private final BlockStore blocks;
    private final ChainState state;

    StartupAudit(ConsensusParams params, BlockStore blocks, ChainState state) {
        this.params = params;
        this.genesis = Genesis.block(params);
        this.blocks = blocks;
        this.state = state;
    }

    Result run() {
        if (state.tip().isEmpty()) {
            startWithGenesis();
        }
        checkMadeWithOurParams();
        Map<Hash, BlockNode> tree = blockTree();
        List<BlockNode> mainChain = mainChain(tree);
        return new Result(tree, mainChain, checkLedger(mainChain));
    }

    private void startWithGenesis() {
        blocks.putBlock(genesis, 0, Target.work(genesis.header().bits()));
        try {
            state.connect(genesis.hash(), 0, params.ledger().apply(params, genesis, 0, state.ledger()));
        } catch (RuleViolation v) {
            throw new IllegalStateException("genesis breaks the rules: " + v.getMessage(), v);
        }
    }

    private void checkMadeWithOurParams() {
        Hash g = state.mainChainHash(0).orElseThrow();
        Optional<String> stored = blocks.setting(PARAMS_SETTING);
        checkMadeWithOurLedger(stored);
        String made = stored.orElse(params.toString());
        if (!g.equals(genesis.hash()) || !made.equals(params.toString())) {
            // Stored blocks are not validated again, so a chain made under other rules would pass unnoticed.
            throw new StoreException("the stored chain was made with other consensus parameters than this node's"
                    + difficultyHint(made) + ": it belongs to another network. Start with the flags it was made with,"
                    + " or give this node another --data-dir. Stored: " + made + "; this node: " + params);
        }
        if (stored.isEmpty()) {
            blocks.putSetting(PARAMS_SETTING, made);
        }
    }

    /**
     * A chain keeps the ledger model it was made with: its blocks and its ledger mean nothing to
     * another model. Refused first, naming both models and the flag, before anything is read as
     * this node's model; then the model is written down, so a node started on the data dir without
     * {@code --ledger} can take the one it holds ({@code SqliteStore.storedLedger}).
     */
    private void checkMadeWithOurLedger(Optional<String> storedParams) {
        String ours = params.ledger().name();
        Optional<String> made = blocks.setting(BlockStore.LEDGER_SETTING).or(() -> storedParams.flatMap(StartupAudit::ledgerIn));
        if (made.isPresent() && !made.get().equals(ours)) {
            throw StoreException.otherLedger(made.get(), ours);
        }
        if (blocks.setting(BlockStore.LEDGER_SETTING).isEmpty()) {
            blocks.putSetting(BlockStore.LEDGER_SETTING, ours);
        }
    }

    /** The model named in a stored parameters record ({@code ..., ledger=utxo, ...}); none before there was a choice. */
    static Optional<String> ledgerIn(String storedParams) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[\\[ ]ledger=([A-Za-z0-9_-]+)").matcher(storedParams);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Names the usual cause, a different {@code --difficulty}, in the words of the flag. */
    private String difficultyHint(String made) {
        String ours = "pinnedBits=" + params.pinnedBits();
        return made.contains("pinnedBits=") && !made.contains(ours) ? " (another --difficulty)" : "";
    }

    /** Stored blocks passed validation when they arrived: only the links are rebuilt, in arrival order. */
    private Map<Hash, BlockNode> blockTree() {
        Map<Hash, BlockNode> tree = new HashMap<>();
        long sequence = 0;
        for (BlockStore.IndexEntry e : blocks.blockIndex()) {
            BlockNode parent = tree.get(e.header().previousHash());
            if (parent == null && e.height() != 0) {
                continue; // a block whose parent is gone is unreachable; it was never on our chain
            }
            tree.put(e.hash(), new BlockNode(e.hash(), e.header(), parent, e.chainWork(), sequence++));
        }
        return tree;
    }

    private List<BlockNode> mainChain(Map<Hash, BlockNode> tree) {
        List<BlockNode> mainChain = new ArrayList<>();
        for (int h = 0; ; h++) {
            Optional<Hash> hash = state.mainChainHash(h);
            if (hash.isEmpty()) {
                return mainChain;
            }
            BlockNode node = tree.get(hash.get());
            if (node == null || node.height() != h || (h > 0 && node.parent() != mainChain.get(h - 1))) {
                throw new StoreCorruptedException(null, "main-chain block " + hash.get() + " at height " + h
                        + (node == null ? " is missing or unreachable from genesis" : " does not link to the block below it"));
            }
            mainChain.add(node);
        }
    }

    /**
     * Checks the stored ledger is the one the main chain produces. Always: coins in the ledger equal
     * the genesis allocations plus one reward per block (fees only move coins). On short chains also
     * a replay of every block from genesis, entry by entry (no signatures: they were checked on
     * arrival). The store checked its own checksum when it opened.
     */
    private String checkLedger(List<BlockNode> mainChain) {
        Ledger model = params.ledger();
        LedgerView ledger = state.ledger();
        int height = mainChain.size() - 1;
        BigInteger supply = model.coins(ledger);
        BigInteger allocated = BigInteger.valueOf(params.genesisAllocations().stream().mapToLong(a -> a.amount()).sum());
        BigInteger expected = allocated.add(BigInteger.valueOf(params.blockReward()).multiply(BigInteger.valueOf(height)));
        if (!supply.equals(expected)) {
            throw new StoreCorruptedException(null, "the ledger holds " + supply + " coins; genesis " + allocated
                    + " plus " + height + " rewards of " + params.blockReward() + " make " + expected);
        }
        String checked = "ledger of " + ledger.size() + " entries holds " + supply + " coins = genesis + " + height + " rewards";
        if (height > REPLAY_LIMIT) {
            return checked;
        }
        Map<Bytes, Bytes> replayed = new HashMap<>();
        for (BlockNode n : mainChain) {
            Block block = blocks.block(n.hash()).orElseThrow(() -> new StoreCorruptedException(null, "block " + n.hash() + " is missing"));
            try {
                replayed.putAll(model.apply(params, block, n.height(), LedgerView.of(replayed)).after());
            } catch (RuleViolation v) {
                throw new StoreCorruptedException(null, "replaying stored block " + n.hash() + " breaks a rule: " + v.getMessage());
            }
            replayed.values().removeIf(Bytes::isEmpty);
        }
        if (!replayed.equals(ledger.entries())) {
            throw new StoreCorruptedException(null, "the ledger differs from a replay of the main chain");
        }
        return checked + ", equal to a replay of all " + (height + 1) + " blocks";
    }
}
