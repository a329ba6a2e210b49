package org.powchain.store;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;
import org.powchain.core.Transaction;

/**
 * Where a node keeps what it has accepted: every valid block (main chain and side branches), the
 * main chain's ledger state, undo data to step back during a reorg, and the transactions it has
 * acknowledged but not yet mined. See docs/concepts/storage.md.
 *
 * <p>Each method that changes the main chain is atomic: after a crash the store holds the state
 * before or after the call, never a mix. Each write is durable when the method returns (against a
 * killed process; see {@link SqliteStore} for power loss). Callers serialise writes (the chain
 * layer holds one lock); reads may come from any thread. Only blocks that passed validation are
 * ever put here.
 */
public interface ChainStore extends AutoCloseable {

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

    /** Forgets a stored block that later failed to connect (it must not be on the main chain). */
    void deleteBlock(Hash hash);

    /**
     * Makes {@code block}, already stored and a child of the current tip, the new tip: writes
     * {@code change.after()} into the ledger, keeps {@code change} as undo data, and drops the
     * block's transactions from the saved mempool. Atomic.
     */
    void connect(Hash block, int height, LedgerChange change);

    /**
     * Steps the tip back from {@code block} to its parent {@code newTip}, restoring the ledger from
     * the undo data; the block's transactions go back to the saved mempool. Atomic.
     */
    void disconnect(Hash block, int height, Hash newTip);

    /** The undo data kept when {@code block} was connected. */
    Optional<LedgerChange> undo(Hash block);

    /** The main chain's tip; empty for a store that has never connected genesis. */
    Optional<Hash> tip();

    /** The main chain's block at {@code height}. */
    Optional<Hash> mainChainHash(int height);

    /** The ledger at the tip; {@link AccountState#EMPTY} for an address never seen. */
    AccountState account(Address address);

    /** Every account of the ledger at the tip that is not {@link AccountState#EMPTY}. */
    Map<Address, AccountState> ledger();

    /**
     * Saves one newly admitted transaction; when this returns it survives a crash, so a node may
     * acknowledge it. It stays saved until a block carrying it is connected.
     */
    void addMempoolTx(Transaction tx);

    /** Replaces the saved mempool with {@code txs} (on clean shutdown, and after reloading). */
    void saveMempool(List<Transaction> txs);

    /** The saved transactions, in the order they were saved, to re-validate on start. */
    List<Transaction> loadMempool();

    @Override
    void close();
}
