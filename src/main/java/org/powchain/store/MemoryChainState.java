package org.powchain.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;

/** A {@link ChainState} in memory: the mirror both engines keep, and the undo records. */
final class MemoryChainState implements ChainState {
    private final LedgerMirror mirror = new LedgerMirror();
    private final Map<Hash, LedgerChange> undo = new HashMap<>();

    @Override
    public synchronized void connect(Hash block, int height, LedgerChange change) {
        mirror.checkConnect(height);
        mirror.write(change.after());
        undo.put(block, change);
        mirror.append(block);
    }

    @Override
    public synchronized void disconnect(Hash block, int height, Hash newTip) {
        mirror.checkDisconnect(block, height, newTip);
        mirror.write(undo.remove(block).before());
        mirror.removeTip();
    }

    @Override
    public Optional<Hash> tip() {
        return mirror.tip();
    }

    @Override
    public Optional<Hash> mainChainHash(int height) {
        return mirror.mainChainHash(height);
    }

    @Override
    public AccountState account(Address address) {
        return mirror.account(address);
    }

    @Override
    public Map<Address, AccountState> ledger() {
        return mirror.ledger();
    }
}
