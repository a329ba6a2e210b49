package org.powchain.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;

/** A {@link MempoolJournal} in memory. Every method is synchronized. */
final class MemoryMempoolJournal implements MempoolJournal {
    private final Map<Hash, Transaction> saved = new LinkedHashMap<>();

    @Override
    public synchronized void add(Transaction tx) {
        saved.putIfAbsent(tx.id(), tx);
    }

    @Override
    public synchronized void update(Collection<Hash> mined, Collection<? extends Transaction> returned) {
        mined.forEach(saved::remove);
        returned.forEach(this::add);
    }

    @Override
    public synchronized void replaceAll(List<? extends Transaction> txs) {
        saved.clear();
        txs.forEach(this::add);
    }

    @Override
    public synchronized List<Transaction> load() {
        return List.copyOf(saved.values());
    }
}
