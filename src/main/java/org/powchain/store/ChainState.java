package org.powchain.store;

import java.util.Optional;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;
import org.powchain.core.LedgerView;

/**
 * The state the main chain produces, the ledger, with the main chain it was produced by. Stepped
 * one block at a time: {@link #connect} moves the tip forward and keeps an undo record,
 * {@link #disconnect} steps back with it. The ledger is kept as opaque entries (key and value
 * bytes) that only the ledger model ({@code consensus.Ledger}) reads, and the undo record is the
 * entries before the step: so any model (accounts, UTXOs) is stored here unchanged, and neither
 * this store nor {@link BlockStore} names one.
 *
 * <p>Each step is atomic: after a crash the state is the one before or after it, never a mix.
 * Writes come from the chain layer's single writer; reads may come from any thread.
 */
public interface ChainState {

    /**
     * Makes {@code block} (a child of the current tip) the new tip: writes {@code change.after()}
     * into the ledger and keeps {@code change} to undo it. Atomic.
     */
    void connect(Hash block, int height, LedgerChange change);

    /** Steps the tip back from {@code block} to its parent {@code newTip} with the undo record. Atomic. */
    void disconnect(Hash block, int height, Hash newTip);

    /** The main chain's tip; empty for a state that has never connected genesis. */
    Optional<Hash> tip();

    /** The main chain's block at {@code height}. */
    Optional<Hash> mainChainHash(int height);

    /**
     * The ledger at the tip: an immutable snapshot, taken in constant time, that later blocks do
     * not change (readers keep it unlocked). Never blocks.
     */
    LedgerView ledger();

    /**
     * From now on {@link #ledger()} carries an owner index, by {@code owners} (the ledger model's
     * reading of an entry): built once from the entries held, then kept with every step. Kept in
     * memory only, so nothing a store wrote depends on it. Called by the chain when it opens.
     */
    void indexOwners(LedgerView.Owners owners);
}
