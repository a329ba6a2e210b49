package org.powchain.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.powchain.consensus.Ledger;
import org.powchain.chain.ChainListener;
import org.powchain.chain.ChainManager;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.TipChange;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;

/**
 * Where each main-chain transaction is: transaction id to block hash, and each address's most
 * recent main-chain transactions. Kept in memory only: built by scanning the main chain once, on
 * another thread once the HTTP server listens (a long chain's scan is not on the way to a node's
 * first answer; a lookup made meanwhile waits for the scan, so it is never answered wrongly), then kept current as a {@link ChainListener} (a reorg removes what the
 * disconnected blocks carried and adds what the connected ones carry). About 70 bytes per
 * transaction; a persistent index belongs in {@code store} if chains ever get long.
 *
 * <p>Every answer is checked against the chain before it is given (the block must still be on the
 * main chain and carry the transaction), so an event racing the first scan can at worst leave an
 * entry that is never shown. Thread-safe: every method is synchronized.
 */
final class TxIndex implements ChainListener {
    @Override
    public Phase phase() {
        return Phase.STATE;
    }

    static final int RECENT_PER_ADDRESS = 50;
    private static final int SCAN_PAGE = 500;

    /** A main-chain transaction and where it is. */
    record Located(Transaction tx, Hash blockHash, int height) {}

    private final ChainQueries chain;
    /** Which addresses a transaction touches is the ledger model's to say. */
    private final Ledger ledger;
    private final Map<Hash, Hash> blockOf = new HashMap<>();
    private final Map<Address, Deque<Hash>> recent = new HashMap<>();
    private final CompletableFuture<Void> scanned = new CompletableFuture<>();
    private final AtomicBoolean scanStarted = new AtomicBoolean();

    private TxIndex(ChainQueries chain) {
        this.chain = chain;
        this.ledger = chain.params().ledger();
    }

    /** Registers with {@code chain}; the scan of what it holds already starts with {@link #scanInBackground}. */
    static TxIndex on(ChainManager chain) {
        TxIndex index = new TxIndex(chain.queries());
        chain.addListener(index); // before the scan, so no block is missed
        return index;
    }

    /** Scans the main chain on another thread (once). */
    void scanInBackground() {
        if (scanStarted.compareAndSet(false, true)) {
            CompletableFuture.runAsync(this::scan);
        }
    }

    private void scan() {
        try {
            for (int from = 0; ; from += SCAN_PAGE) {
                List<Block> page = chain.blocks(from, SCAN_PAGE);
                page.forEach(this::connect);
                if (page.size() < SCAN_PAGE) {
                    break;
                }
            }
            scanned.complete(null);
        } catch (RuntimeException e) {
            scanned.completeExceptionally(e);
        }
    }

    /** Lookups wait for the first scan (run here if the server never started it). */
    private void awaitScan() {
        if (scanStarted.compareAndSet(false, true)) {
            scan();
        }
        scanned.join();
    }

    @Override
    public synchronized void tipChanged(TipChange change) {
        change.disconnected().forEach(this::disconnect);
        change.connected().forEach(this::connect);
    }

    private synchronized void connect(Block block) {
        for (Transaction t : block.transactions()) {
            blockOf.put(t.id(), block.hash());
            ledger.parties(t).touched().forEach(a -> remember(a, t.id()));
        }
    }

    private void disconnect(Block block) {
        for (Transaction t : block.transactions()) {
            blockOf.remove(t.id());
            ledger.parties(t).touched().forEach(a -> forget(a, t.id()));
        }
    }

    private void remember(Address a, Hash id) {
        Deque<Hash> q = recent.computeIfAbsent(a, k -> new ArrayDeque<>());
        q.remove(id);
        q.addLast(id);
        while (q.size() > RECENT_PER_ADDRESS) {
            q.removeFirst();
        }
    }

    private void forget(Address a, Hash id) {
        Deque<Hash> q = recent.get(a);
        if (q != null) {
            q.remove(id);
            if (q.isEmpty()) {
                recent.remove(a);
            }
        }
    }

    /** The main-chain transaction {@code id}, if there is one. */
    Optional<Located> find(Hash id) {
        awaitScan();
        Hash blockHash;
        synchronized (this) {
            blockHash = blockOf.get(id);
        }
        return blockHash == null ? Optional.empty() : locate(id, blockHash);
    }

    /** {@code address}'s latest main-chain transactions (sent or received), newest first, at most {@link #RECENT_PER_ADDRESS}. */
    List<Located> recent(Address address) {
        awaitScan();
        List<Hash> ids;
        synchronized (this) {
            ids = new ArrayList<>(recent.getOrDefault(address, new ArrayDeque<>()));
        }
        List<Located> out = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            find(ids.get(i)).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Located> locate(Hash id, Hash blockHash) {
        if (!chain.isOnMainChain(blockHash)) {
            return Optional.empty();
        }
        Optional<Block> block = chain.block(blockHash);
        int height = chain.node(blockHash).map(n -> n.height()).orElse(-1);
        return block.flatMap(b -> b.transactions().stream().filter(t -> t.id().equals(id)).findFirst())
                .map(t -> new Located(t, blockHash, height));
    }
}
