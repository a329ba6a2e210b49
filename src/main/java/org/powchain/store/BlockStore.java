package org.powchain.store;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;

/**
 * Blocks and the block tree: every block that passed validation, on the main chain or a side
 * branch, with its height and chain work, and the settings the chain was made with. Knows nothing
 * of ledgers or of which branch is the main chain: that is {@link ChainState}'s.
 *
 * <p>Each write is atomic and durable when the method returns. Only the chain layer writes.
 */
public interface BlockStore {

    /** A stored block's place in the block tree, without its transactions: what start-up needs. */
    record IndexEntry(Hash hash, BlockHeader header, int height, BigInteger chainWork) {}

    /** Stores a block that passed header and body checks (it may be on a side branch). */
    void putBlock(Block block, int height, BigInteger chainWork);

    Optional<Block> block(Hash hash);

    /**
     * Every stored block's header, height and chain work in the order the blocks were stored, so
     * parents come before children and "first seen" survives a restart: the block tree is rebuilt
     * from this on start.
     */
    List<IndexEntry> blockIndex();

    /** Forgets a stored block that is not on the main chain (pruned, or found invalid when connected). */
    void deleteBlock(Hash hash);

    /** The setting that names the ledger model a chain was made with: a data dir of one model is never opened by the other. */
    String LEDGER_SETTING = "ledger-model";

    /** A setting written with the chain (the consensus parameters it was made with), if any. */
    Optional<String> setting(String key);

    void putSetting(String key, String value);
}
