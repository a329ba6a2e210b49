package org.powchain.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Difficulty;
import org.powchain.consensus.Genesis;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.MerkleTree;
import org.powchain.core.NetworkId;
import org.powchain.core.Target;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Transaction;
import org.powchain.core.TxInput;
import org.powchain.core.TxOutput;
import org.powchain.core.UtxoTransaction;

/**
 * Builds chains of tiny-difficulty blocks in memory, valid unless a test bends them, so a test
 * reads "extend genesis by 3; fork at 1 with 4 blocks; expect a reorg". Blocks are 5 s apart
 * unless a test spaces them otherwise ({@link #extend(Block, int, long)}), so difficulty stays at
 * the genesis target until a test makes blocks come faster or slower than that and a retarget
 * moves it.
 */
public final class ChainBuilder {
    public static final Address MINER = Keys.demo("miner").address();

    private final ConsensusParams params;
    private final Block genesis;
    private final Map<Hash, Block> blocks = new HashMap<>();
    private final Map<Hash, Integer> heights = new HashMap<>();
    private int salt;

    public ChainBuilder() {
        this(ConsensusParams.forTests());
    }

    public ChainBuilder(ConsensusParams params) {
        this.params = params;
        this.genesis = Genesis.block(params);
        remember(genesis, 0);
    }

    public ConsensusParams params() {
        return params;
    }

    public Block genesis() {
        return genesis;
    }

    /** The network these blocks belong to: what a transaction in them must be signed for. */
    public NetworkId network() {
        return Genesis.networkId(params, genesis);
    }

    /** A clock well after every block this builder makes. */
    public long now() {
        return params.genesisTimestamp() + 1_000_000_000L;
    }

    public ChainManager newChain() {
        return newChain(new org.powchain.store.MemoryStore());
    }

    /** A chain kept in {@code store}: opening it on a store that holds a chain carries on from there. */
    public ChainManager newChain(org.powchain.store.ChainStore store) {
        return ChainManager.open(params, store, new SignatureVerifier(1000), this::now);
    }

    public int height(Block b) {
        return heights.get(b.hash());
    }

    /** A valid child of {@code parent} carrying {@code txs} after a correct coinbase to {@link #MINER}. */
    public Block child(Block parent, List<? extends Transaction> txs) {
        return child(parent, txs, UnaryOperator.identity());
    }

    public Block child(Block parent, Transaction... txs) {
        return child(parent, List.of(txs));
    }

    /**
     * A child whose header is bent by {@code bend} before mining (the nonce search then makes the
     * bent header meet its bits, so only the bent rule fails).
     */
    public Block child(Block parent, List<? extends Transaction> txs, UnaryOperator<BlockHeader> bend) {
        int height = height(parent) + 1;
        List<Transaction> all = new ArrayList<>();
        all.add(params.ledger().coinbase(MINER, params.blockReward() + fees(txs), height));
        all.addAll(txs);
        return withTransactions(parent, all, bend);
    }

    /**
     * What {@code txs} pay their miner, as their model says: an account transfer its fee; a UTXO
     * transfer what its inputs state beyond its outputs (0 if that is negative: such a block is
     * refused for it, not for its coinbase).
     */
    public static long fees(List<? extends Transaction> txs) {
        long fees = 0;
        for (Transaction t : txs) {
            if (t instanceof AccountTransaction a) {
                fees += a.fee();
            } else if (t instanceof UtxoTransaction u) {
                try {
                    long in = 0;
                    for (TxInput i : u.inputs()) {
                        in = Math.addExact(in, i.amount());
                    }
                    long out = 0;
                    for (TxOutput o : u.outputs()) {
                        out = Math.addExact(out, o.amount());
                    }
                    fees += Math.max(0, Math.subtractExact(in, out));
                } catch (ArithmeticException overflow) {
                    // refused for the overflow, not for its coinbase
                }
            }
        }
        return fees;
    }

    /** A child carrying exactly {@code all} (the test writes the coinbase itself). */
    public Block withTransactions(Block parent, List<? extends Transaction> all, UnaryOperator<BlockHeader> bend) {
        return build(parent, all, bend, params.targetBlockMillis());
    }

    /** An empty valid child stamped {@code millis} after its parent (the retarget sees how fast it came). */
    public Block childAfter(Block parent, long millis) {
        List<Transaction> coinbase = List.of(params.ledger().coinbase(MINER, params.blockReward(), height(parent) + 1));
        return build(parent, coinbase, UnaryOperator.identity(), millis);
    }

    private Block build(Block parent, List<? extends Transaction> all, UnaryOperator<BlockHeader> bend, long afterMillis) {
        int height = height(parent) + 1;
        BlockHeader header = new BlockHeader(ConsensusParams.BLOCK_VERSION, parent.hash(), MerkleTree.rootOf(all),
                parent.header().timestamp() + afterMillis, bitsFor(parent, height), salt++ * 1_000_000L);
        Block block = new Block(mine(bend.apply(header)), all);
        remember(block, height);
        return block;
    }

    /** {@code n} empty blocks on top of {@code parent}; returns them oldest first. */
    public List<Block> extend(Block parent, int n) {
        return extend(parent, n, params.targetBlockMillis());
    }

    /**
     * {@code n} empty blocks on top of {@code parent}, each stamped {@code spacingMillis} after the
     * one before: faster than the target interval and the next retarget makes blocks harder,
     * slower and it makes them easier. Returns them oldest first.
     */
    public List<Block> extend(Block parent, int n, long spacingMillis) {
        List<Block> out = new ArrayList<>();
        Block b = parent;
        for (int i = 0; i < n; i++) {
            b = childAfter(b, spacingMillis);
            out.add(b);
        }
        return out;
    }

    public static BlockHeader mine(BlockHeader h) {
        while (!Target.meets(h.hash(), h.bits())) {
            h = h.withNonce(h.nonce() + 1);
        }
        return h;
    }

    private int bitsFor(Block parent, int height) {
        return Difficulty.nextBits(params, height, parent.header(), h -> ancestor(parent, h).header());
    }

    private Block ancestor(Block b, int height) {
        while (height(b) > height) {
            b = blocks.get(b.previousHash());
        }
        return b;
    }

    private void remember(Block b, int height) {
        blocks.put(b.hash(), b);
        heights.put(b.hash(), height);
    }
}
