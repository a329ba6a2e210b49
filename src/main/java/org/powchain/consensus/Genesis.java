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
 * nonce (counting from 0) that meets the genesis target.
 */
public final class Genesis {
    /**
     * Finding the nonce takes about 65,000 hashes at the default target, and a simulation builds
     * thousands of nodes: each set of parameters is mined once. A cache of a pure function, so it
     * holds no state any caller could tell apart from recomputing.
     */
    private static final Map<ConsensusParams, Block> MINED = new ConcurrentHashMap<>();

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
        List<Transaction> txs = new ArrayList<>();
        for (ConsensusParams.Allocation a : params.genesisAllocations()) {
            txs.add(params.ledger().coinbase(Keys.demo(a.demoName()).address(), a.amount(), 0));
        }
        BlockHeader header = new BlockHeader(ConsensusParams.BLOCK_VERSION, Hash.ZERO, MerkleTree.rootOf(txs),
                params.genesisTimestamp(), params.genesisBits(), 0);
        while (!Target.meets(header.hash(), header.bits())) {
            header = header.withNonce(header.nonce() + 1);
        }
        return new Block(header, txs);
    }
}
