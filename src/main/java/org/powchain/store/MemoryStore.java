package org.powchain.store;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private record Stored(Block block, int height, BigInteger chainWork) {}

    /** Insertion order is storage order, which {@link #blockIndex()} promises. */
    private final Map<Hash, Stored> blocks = new LinkedHashMap<>();
    private final Map<Hash, LedgerChange> undo = new HashMap<>();
    private final List<Hash> mainChain = new ArrayList<>();
    private final Map<Address, AccountState> accounts = new HashMap<>();
    private final Map<Hash, Transaction> mempool = new LinkedHashMap<>();

    @Override
    public synchronized void putBlock(Block block, int height, BigInteger chainWork) {
        blocks.putIfAbsent(block.hash(), new Stored(block, height, chainWork));
    }

    @Override
    public synchronized Optional<Block> block(Hash hash) {
        return Optional.ofNullable(blocks.get(hash)).map(Stored::block);
    }

    @Override
    public synchronized List<IndexEntry> blockIndex() {
        return blocks.values().stream()
                .map(s -> new IndexEntry(s.block().hash(), s.block().header(), s.height(), s.chainWork()))
                .toList();
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
        blocks.get(block).block().transactions().forEach(t -> mempool.remove(t.id()));
    }

    @Override
    public synchronized void disconnect(Hash block, int height, Hash newTip) {
        if (height != mainChain.size() - 1 || !mainChain.get(height).equals(block)) {
            throw new IllegalStateException("disconnect of a block that is not the tip");
        }
        accounts.putAll(undo.remove(block).before());
        mainChain.remove(height);
        blocks.get(block).block().transactions().stream().filter(t -> !t.isCoinbase())
                .forEach(t -> mempool.putIfAbsent(t.id(), t));
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
    public synchronized Map<Address, AccountState> ledger() {
        Map<Address, AccountState> out = new HashMap<>(accounts);
        out.values().removeIf(AccountState.EMPTY::equals);
        return out;
    }

    @Override
    public synchronized void addMempoolTx(Transaction tx) {
        mempool.putIfAbsent(tx.id(), tx);
    }

    @Override
    public synchronized void saveMempool(List<Transaction> txs) {
        mempool.clear();
        txs.forEach(this::addMempoolTx);
    }

    @Override
    public synchronized List<Transaction> loadMempool() {
        return List.copyOf(mempool.values());
    }

    @Override
    public void close() {}
}
