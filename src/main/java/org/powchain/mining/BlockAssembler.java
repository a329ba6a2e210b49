package org.powchain.mining;

import java.util.ArrayList;
import java.util.List;
import org.powchain.chain.ChainQueries;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.MerkleTree;
import org.powchain.core.Transaction;
import org.powchain.mempool.Mempool;

/**
 * Builds the block a miner works on: the tip as parent, the mempool's best transactions, a
 * coinbase paying the reward plus their fees to the miner, and the bits the chain requires.
 * The nonce is left at 0 for {@link NonceSearch} to fill in.
 */
public final class BlockAssembler {
    private final ChainQueries chain;
    private final Mempool mempool;

    public BlockAssembler(ChainQueries chain, Mempool mempool) {
        this.chain = chain;
        this.mempool = mempool;
    }

    public Block template(Address miner, long nowMillis) {
        ConsensusParams params = chain.params();
        int room = (params.maxBlockBytes() - BlockHeader.SIZE - 4) / Transaction.SIZE - 1;
        ChainQueries.TemplateContext ctx;
        List<Transaction> picked;
        do { // the mempool filters by the tip's ledger: select again if the tip moved meanwhile
            ctx = chain.templateContext();
            picked = mempool.selectForBlock(room);
        } while (!chain.templateContext().parent().equals(ctx.parent()));
        long fees = picked.stream().mapToLong(Transaction::fee).sum();
        List<Transaction> txs = new ArrayList<>(picked.size() + 1);
        txs.add(Transaction.coinbase(miner, params.blockReward() + fees, ctx.height()));
        txs.addAll(picked);
        BlockHeader header = new BlockHeader(ConsensusParams.BLOCK_VERSION, ctx.parent(), MerkleTree.rootOf(txs),
                Math.max(nowMillis, ctx.minTimestamp()), ctx.bits(), 0);
        return new Block(header, txs);
    }
}
