package org.powchain.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Hash;

/**
 * What both engines' {@link ChainState} share: the main chain's hashes and the ledger at its tip,
 * in memory, so that reads never touch a disk, and the checks a step must pass before anything is
 * written. The ledger is a persistent map: each version is immutable, and a block's change makes a
 * new one in O(accounts changed), so {@link #ledger()} hands out a snapshot readers keep as long as
 * they like. An engine writes its own way, then mirrors the step here. One writer; reads from any thread.
 */
abstract class MirroredChainState implements ChainState {
    private final List<Hash> mainChain = new ArrayList<>();
    /** Only non-empty accounts, so that the map is the ledger as {@link ChainState#ledger()} promises it. */
    private volatile PMap<Address, AccountState> accounts = HashTreePMap.empty();

    /** Refuses, before anything is written, a connect that would not extend the tip. */
    final synchronized void checkConnect(int height) {
        if (height != mainChain.size()) {
            throw new IllegalStateException("connect at height " + height + " on a chain of " + mainChain.size());
        }
    }

    /** Refuses, before anything is written, a disconnect of anything but the tip, back to its parent. */
    final synchronized void checkDisconnect(Hash block, int height, Hash newTip) {
        int tip = mainChain.size() - 1;
        if (height != tip || height < 1 || !mainChain.get(tip).equals(block) || !mainChain.get(tip - 1).equals(newTip)) {
            throw new IllegalStateException("disconnect of a block that is not the tip");
        }
    }

    final synchronized void append(Hash block) {
        mainChain.add(block);
    }

    final synchronized void removeTip() {
        mainChain.remove(mainChain.size() - 1);
    }

    final synchronized int length() {
        return mainChain.size();
    }

    @Override
    public final synchronized Optional<Hash> tip() {
        return mainChain.isEmpty() ? Optional.empty() : Optional.of(mainChain.get(mainChain.size() - 1));
    }

    @Override
    public final synchronized Optional<Hash> mainChainHash(int height) {
        return height >= 0 && height < mainChain.size() ? Optional.of(mainChain.get(height)) : Optional.empty();
    }

    /** Writes committed account states; an empty account leaves the map. */
    final void write(Map<Address, AccountState> states) {
        PMap<Address, AccountState> next = accounts;
        for (Map.Entry<Address, AccountState> e : states.entrySet()) {
            next = e.getValue().equals(AccountState.EMPTY) ? next.minus(e.getKey()) : next.plus(e.getKey(), e.getValue());
        }
        accounts = next;
    }

    @Override
    public final AccountState account(Address address) {
        return accounts.getOrDefault(address, AccountState.EMPTY);
    }

    @Override
    public final Map<Address, AccountState> ledger() {
        return accounts;
    }
}
