package org.powchain.store;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;
import org.powchain.core.Transaction;

/** A {@link ChainStore} in memory, for tests and throwaway nodes. Every method is synchronized. */
public final class MemoryStore implements ChainStore {
    private final Map<Hash, StoredBlock> blocks = new HashMap<>();
    private final Map<Hash, LedgerChange> undo = new HashMap<>();
    private final List<Hash> mainChain = new ArrayList<>();
    private final Map<Address, AccountState> accounts = new HashMap<>();
    private List<Transaction> mempool = List.of();

    @Override
    public synchronized void putBlock(Block block, int height, BigInteger chainWork) {
        blocks.putIfAbsent(block.hash(), new StoredBlock(block, height, chainWork));
    }

    @Override
    public synchronized Optional<Block> block(Hash hash) {
        return Optional.ofNullable(blocks.get(hash)).map(StoredBlock::block);
    }

    @Override
    public synchronized List<StoredBlock> allBlocks() {
        List<StoredBlock> all = new ArrayList<>(blocks.values());
        all.sort(Comparator.comparingInt(StoredBlock::height));
        return all;
    }

    @Override
    public synchronized void deleteBlock(Hash hash) {
        if (mainChain.contains(hash)) {
            throw new IllegalStateException("cannot delete a main-chain block");
        }
        blocks.remove(hash);
    }

    @Override
    public synchronized void connect(Hash block, int height, LedgerChange change) {
        if (height != mainChain.size()) {
            throw new IllegalStateException("connect at height " + height + " on a chain of " + mainChain.size());
        }
        accounts.putAll(change.after());
        undo.put(block, change);
        mainChain.add(block);
    }

    @Override
    public synchronized void disconnect(Hash block, int height, Hash newTip) {
        if (height != mainChain.size() - 1 || !mainChain.get(height).equals(block)) {
            throw new IllegalStateException("disconnect of a block that is not the tip");
        }
        accounts.putAll(undo.remove(block).before());
        mainChain.remove(height);
    }

    @Override
    public synchronized Optional<LedgerChange> undo(Hash block) {
        return Optional.ofNullable(undo.get(block));
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
    public synchronized AccountState account(Address address) {
        return accounts.getOrDefault(address, AccountState.EMPTY);
    }

    @Override
    public synchronized void saveMempool(List<Transaction> txs) {
        mempool = List.copyOf(txs);
    }

    @Override
    public synchronized List<Transaction> loadMempool() {
        return mempool;
    }

    @Override
    public void close() {}
}
