package org.powchain.store;

import java.util.Map;
import java.util.Optional;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;

/**
 * The state the main chain produces, today an account ledger, with the main chain it was produced
 * by. Stepped one block at a time: {@link #connect} moves the tip forward and keeps an undo record,
 * {@link #disconnect} steps back with it. The undo record is this store's own: nobody else reads
 * it, so another ledger model (UTXO, say) plugs in here without touching {@link BlockStore}.
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

    /** The ledger at the tip; {@link AccountState#EMPTY} for an address never seen. Never blocks. */
    AccountState account(Address address);

    /**
     * Every account of the ledger at the tip that is not {@link AccountState#EMPTY}: an immutable
     * snapshot, taken in constant time, that later blocks do not change (readers keep it unlocked).
     */
    Map<Address, AccountState> ledger();
}
