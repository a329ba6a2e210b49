package org.powchain.consensus;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.MerkleTree;
import org.powchain.core.NetworkId;
import org.powchain.core.Target;
import org.powchain.core.Transaction;

/**
 * Checks of a block that do not depend on the ledger: its header (proof of work, difficulty,
 * time) and its body (Merkle root, size, coinbase, duplicates; each transaction's own checks, then
 * the block's transactions together, by its {@link Ledger} model). State-dependent checks are in {@link Ledger#apply}; signatures in
 * {@link Ledger#checkSignature}.
 */
public final class BlockValidator {
    private BlockValidator() {}

    /**
     * Checks that need only the header: the hash meets the target the header claims, and that
     * target is one the rules could ever allow. Cheap, so done first on anything from a peer.
     */
    public static void checkProofOfWork(ConsensusParams params, BlockHeader header) throws RuleViolation {
        if (header.version() != ConsensusParams.BLOCK_VERSION) {
            throw new RuleViolation(Rule.BAD_VERSION, "version " + header.version() + ", expected "
                    + ConsensusParams.BLOCK_VERSION);
        }
        BigInteger target = Target.fromCompact(header.bits());
        BigInteger easiest = params.pinnedBits().isPresent()
                ? Target.fromCompact(params.pinnedBits().getAsInt()).max(Target.fromCompact(params.genesisBits()))
                : Target.fromCompact(params.genesisBits());
        if (target.signum() <= 0 || target.compareTo(easiest) > 0) {
            throw new RuleViolation(Rule.BAD_BITS, String.format("bits %08x are not a target the rules allow", header.bits()));
        }
        Hash hash = header.hash();
        if (!Target.meets(hash, header.bits())) {
            throw new RuleViolation(Rule.HIGH_HASH, "hash " + hash + " is above target " + String.format("%064x", target));
        }
    }

    /**
     * Checks of a header against its place in the chain.
     *
     * @param expectedBits    from {@link Difficulty#nextBits}
     * @param medianTimePast  from {@link MedianTimePast#of} over the parent and its ancestors
     * @param nowMillis       this node's clock
     */
    public static void checkContext(ConsensusParams params, BlockHeader header, int expectedBits,
                                    long medianTimePast, long nowMillis) throws RuleViolation {
        if (header.bits() != expectedBits) {
            throw new RuleViolation(Rule.BAD_BITS, String.format("bits %08x, but the chain requires %08x",
                    header.bits(), expectedBits));
        }
        if (header.timestamp() <= medianTimePast) {
            throw new RuleViolation(Rule.TIME_TOO_OLD, "timestamp " + header.timestamp()
                    + " is not after the median time past " + medianTimePast);
        }
        if (header.timestamp() > nowMillis + params.maxFutureMillis()) {
            throw new RuleViolation(Rule.TIME_TOO_NEW, "timestamp " + header.timestamp() + " is more than "
                    + params.maxFutureMillis() / 1000 + " s ahead of this node's clock " + nowMillis);
        }
    }

    /**
     * Checks of a header against the branch below it: the bits the retarget requires at its height,
     * a timestamp after the median time past and not too far ahead. Full nodes ({@code ChainManager})
     * and light clients ({@code light.HeaderChain}) both call this, so both hold headers to one rule.
     *
     * @param height    the header's height
     * @param ancestor  the header at a given height below {@code height} on the header's branch
     * @param nowMillis the caller's clock
     */
    public static void checkHeaderInChain(ConsensusParams params, BlockHeader header, int height,
                                          IntFunction<BlockHeader> ancestor, long nowMillis) throws RuleViolation {
        int expectedBits = Difficulty.nextBits(params, height, ancestor.apply(height - 1), ancestor);
        checkContext(params, header, expectedBits, MedianTimePast.before(params, height, ancestor), nowMillis);
    }

    /**
     * Checks of the body: every rule that needs the transactions but not the ledger.
     *
     * @param network from {@link Genesis#networkId}: every transfer must be signed for it
     */
    public static void checkBody(ConsensusParams params, NetworkId network, Block block) throws RuleViolation {
        List<Transaction> txs = block.transactions();
        Ledger ledger = params.ledger();
        if (block.sizeBytes() > params.maxBlockBytes()) {
            throw new RuleViolation(Rule.BLOCK_TOO_LARGE, block.sizeBytes() + " bytes, limit " + params.maxBlockBytes());
        }
        if (txs.isEmpty()) {
            throw new RuleViolation(Rule.NO_COINBASE, "the first transaction must be the coinbase");
        }
        ledger.checkCoinbaseForm(txs.get(0));
        Set<Hash> seen = new HashSet<>();
        for (int i = 0; i < txs.size(); i++) {
            Transaction tx = txs.get(i);
            if (!seen.add(tx.id())) {
                throw new RuleViolation(Rule.DUPLICATE_TX, "transaction " + tx.id() + " appears twice");
            }
            if (i > 0) {
                ledger.checkWellFormed(tx, network);
            }
        }
        ledger.checkBody(txs, network); // what only the transactions together can break (the UTXO model: a double spend)
        Hash root = MerkleTree.rootOf(txs);
        if (!root.equals(block.header().merkleRoot())) {
            throw new RuleViolation(Rule.BAD_MERKLE_ROOT, "header says " + block.header().merkleRoot()
                    + ", transactions give " + root);
        }
    }
}
