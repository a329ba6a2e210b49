package org.powchain.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;

/** A {@link ChainState} in memory. Writes are synchronized; account reads take no lock. */
final class MemoryChainState implements ChainState {
    private final List<Hash> mainChain = new ArrayList<>();
    private final Map<Hash, LedgerChange> undo = new HashMap<>();
    /** Only non-empty accounts, so {@link #ledger()} is a copy. */
    private final Map<Address, AccountState> accounts = new ConcurrentHashMap<>();

    @Override
    public synchronized void connect(Hash block, int height, LedgerChange change) {
        if (height != mainChain.size()) {
            throw new IllegalStateException("connect at height " + height + " on a chain of " + mainChain.size());
        }
        write(change.after());
        undo.put(block, change);
        mainChain.add(block);
    }

    @Override
    public synchronized void disconnect(Hash block, int height, Hash newTip) {
        if (height != mainChain.size() - 1 || !mainChain.get(height).equals(block)) {
            throw new IllegalStateException("disconnect of a block that is not the tip");
        }
        write(undo.remove(block).before());
        mainChain.remove(height);
    }

    private void write(Map<Address, AccountState> states) {
        states.forEach((a, s) -> {
            if (s.equals(AccountState.EMPTY)) {
                accounts.remove(a);
            } else {
                accounts.put(a, s);
            }
        });
    }

    @Override
    public synchronized Optional<Hash> tip() {
        return mainChain.isEmpty() ? Optional.empty() : Optional.of(mainChain.get(mainChain.size() - 1));
    }

    @Override
    public synchronized Optional<Hash> mainChainHash(int height) {
        return height >= 0 && height < mainChain.size() ? Optional.of(mainChain.get(height)) : Optional.empty();
    }

    @Override
    public AccountState account(Address address) {
        return accounts.getOrDefault(address, AccountState.EMPTY);
    }

    @Override
    public synchronized Map<Address, AccountState> ledger() {
        return Map.copyOf(accounts);
    }
}
