package org.powchain.mining;

import java.util.ArrayList;
import java.util.List;
import org.powchain.chain.ChainQueries;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Ledger;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.MerkleTree;
import org.powchain.core.Transaction;
import org.powchain.mempool.Mempool;

/**
 * Builds the block a miner works on: the tip as parent, the mempool's best transactions that fit
 * the size limit, the ledger model's coinbase paying the reward plus their fees to the miner, and the bits the chain requires.
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
        Ledger ledger = params.ledger();
        ChainQueries.TemplateContext ctx;
        Mempool.Selection picked;
        do { // the mempool filters by the tip's ledger: select again if the tip moved meanwhile
            ctx = chain.templateContext();
            int coinbaseBytes = ledger.coinbase(miner, params.blockReward(), ctx.height()).size();
            picked = mempool.selectForBlockBytes(params.maxBlockBytes() - BlockHeader.SIZE - 4 - coinbaseBytes);
        } while (!chain.templateContext().parent().equals(ctx.parent()));
        List<Transaction> txs = new ArrayList<>(picked.transactions().size() + 1);
        txs.add(ledger.coinbase(miner, params.blockReward() + picked.fees(), ctx.height()));
        txs.addAll(picked.transactions());
        BlockHeader header = new BlockHeader(ConsensusParams.BLOCK_VERSION, ctx.parent(), MerkleTree.rootOf(txs),
                Math.max(nowMillis, ctx.minTimestamp()), ctx.bits(), 0);
        return new Block(header, txs);
    }
}
