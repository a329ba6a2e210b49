package org.powchain.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.MerkleTree;
import org.powchain.core.NetworkId;
import org.powchain.core.Target;
import org.powchain.core.Transaction;

/**
 * The first block, identical on every node because everything in it is fixed by the
 * {@link ConsensusParams}: a coinbase of the ledger model per genesis allocation, the fixed timestamp, and the first
 * nonce (counting from 0) that meets the genesis target. The default network's nonce is written
 * down ({@link #KNOWN_NONCES}), as Bitcoin's genesis nonce is, so a node starts without mining
 * genesis; any other parameters are mined once per process.
 */
public final class Genesis {
    /**
     * Finding the nonce takes about 65,000 hashes at the default target, and a simulation builds
     * thousands of nodes: each set of parameters is mined once. A cache of a pure function, so it
     * holds no state any caller could tell apart from recomputing.
     */
    private static final Map<ConsensusParams, Block> MINED = new ConcurrentHashMap<>();

    /**
     * The nonce of a genesis that has been mined once, keyed by what the header commits to besides
     * it ({@link #headerKey}). Only the first nonce meeting the target is genesis's: a start checks
     * that the nonce written here meets it, and {@code GenesisTest} mines each entry again from 0.
     * A change to the coinbase's encoding changes the Merkle root, so its entry no longer matches
     * and genesis is mined at start until the new nonce is written here.
     */
    static final Map<String, Long> KNOWN_NONCES = Map.of(
            // ConsensusParams.defaults(): account model, 16 zero bits, A and B funded with 1000 each
            "0x1f00ffff/1795564800000/35065224a62bdd2fe885c60b505fca2135bd7e75ea44b311ebeafc9ff5c49c55", 28_562L);

    private Genesis() {}

    /**
     * The id of the network these parameters make: SHA-256d over their encoding and the genesis
     * hash. Two networks that differ in any consensus number (say only {@code --difficulty}) have
     * different ids, even though they share genesis and its allocations.
     */
    public static NetworkId networkId(ConsensusParams params, Block genesis) {
        return NetworkId.derive(params.encode(), genesis.hash());
    }

    public static NetworkId networkId(ConsensusParams params) {
        return networkId(params, block(params));
    }

    public static Block block(ConsensusParams params) {
        return MINED.computeIfAbsent(params, Genesis::mine);
    }

    private static Block mine(ConsensusParams params) {
        List<Transaction> txs = transactions(params);
        BlockHeader header = unmined(params, txs);
        Long known = KNOWN_NONCES.get(headerKey(header));
        if (known != null && Target.meets(header.withNonce(known).hash(), header.bits())) {
            return new Block(header.withNonce(known), txs);
        }
        return new Block(firstNonceMeetingTarget(header), txs);
    }

    static List<Transaction> transactions(ConsensusParams params) {
        List<Transaction> txs = new ArrayList<>();
        for (ConsensusParams.Allocation a : params.genesisAllocations()) {
            txs.add(params.ledger().coinbase(Keys.demo(a.demoName()).address(), a.amount(), 0));
        }
        return txs;
    }

    /** Genesis's header with nonce 0. */
    static BlockHeader unmined(ConsensusParams params, List<Transaction> txs) {
        return new BlockHeader(ConsensusParams.BLOCK_VERSION, Hash.ZERO, MerkleTree.rootOf(txs),
                params.genesisTimestamp(), params.genesisBits(), 0);
    }

    static BlockHeader firstNonceMeetingTarget(BlockHeader header) {
        while (!Target.meets(header.hash(), header.bits())) {
            header = header.withNonce(header.nonce() + 1);
        }
        return header;
    }

    /** What a genesis header commits to besides its nonce (its version and parent are fixed). */
    static String headerKey(BlockHeader header) {
        return String.format("0x%08x/%d/%s", header.bits(), header.timestamp(), header.merkleRoot());
    }
}
