package org.powchain.mempool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;

/**
 * The pending transactions as a graph, whatever the ledger model: who claims what, who provides
 * what, and so who is whose parent. It knows no rule of any model; {@link Mempool} asks the model's
 * {@link MempoolPolicy} for each transaction's claims and provisions and puts them here. Not
 * thread-safe: {@link Mempool} holds its lock around every call.
 *
 * <p>Four indexes, kept together:
 * <ul>
 *   <li>by id, in arrival order, which is also an order with parents before children (a child is
 *       only ever added once its parents are in);</li>
 *   <li>claims: which transaction claims each claim (the UTXO model's outpoints spent, the account
 *       model's sender and nonce), as Bitcoin Core's {@code mapNextTx}: the conflict index;</li>
 *   <li>provisions: which transaction provides each claim a later one may make (the outpoints of
 *       its outputs; the sender's next nonce). A transaction's parents are the providers of its
 *       claims; its children are the claimants of its provisions;</li>
 *   <li>leaves (transactions no other one depends on) by fee rate: what eviction looks at, since
 *       evicting a leaf leaves no transaction without its parent.</li>
 * </ul>
 */
final class TxGraph {

    /** One pending transaction with what the graph keeps about it. */
    static final class Entry {
        final Transaction tx;
        final long fee;
        /** Arrival number: ties in fee rate go by it, and it is the order {@link #entries()} keeps. */
        final long seq;
        final List<Object> claims;
        final List<Object> provides;
        final Set<Entry> parents = new LinkedHashSet<>();
        final Set<Entry> children = new LinkedHashSet<>();

        private Entry(Transaction tx, long fee, long seq, List<Object> claims, List<Object> provides) {
            this.tx = tx;
            this.fee = fee;
            this.seq = seq;
            this.claims = List.copyOf(claims);
            this.provides = List.copyOf(provides);
        }

        Hash id() {
            return tx.id();
        }

        int size() {
            return tx.size();
        }

        @Override
        public String toString() {
            return "Entry[" + tx.id().toHex().substring(0, 16) + ", fee " + fee + "]";
        }
    }

    /** Lowest fee per byte first; among equal rates, the latest arrival first (it is the first to go). */
    static final Comparator<Entry> CHEAPEST_FIRST = ((Comparator<Entry>) (a, b) -> compareRates(a.fee, a.size(), b.fee, b.size()))
            .thenComparing(Comparator.comparingLong((Entry e) -> e.seq).reversed());

    /** Highest fee per byte first; among equal rates, the earliest arrival first. */
    static final Comparator<Entry> BEST_FIRST = ((Comparator<Entry>) (a, b) -> compareRates(b.fee, b.size(), a.fee, a.size()))
            .thenComparingLong(e -> e.seq);

    private final LinkedHashMap<Hash, Entry> byId = new LinkedHashMap<>();
    private final Map<Object, Entry> claimedBy = new HashMap<>();
    private final Map<Object, Entry> providedBy = new HashMap<>();
    private final TreeSet<Entry> leaves = new TreeSet<>(CHEAPEST_FIRST);
    private long nextSeq;
    private long bytes;

    int size() {
        return byId.size();
    }

    /** The encoded size of every transaction held. */
    long bytes() {
        return bytes;
    }

    Optional<Entry> get(Hash id) {
        return Optional.ofNullable(byId.get(id));
    }

    boolean contains(Hash id) {
        return byId.containsKey(id);
    }

    /** Every entry, parents before children (arrival order). */
    Collection<Entry> entries() {
        return byId.values();
    }

    /** The transaction that claims {@code claim}, if one does. */
    Optional<Entry> claimant(Object claim) {
        return Optional.ofNullable(claimedBy.get(claim));
    }

    /** The transaction that provides {@code claim}, if one does. */
    Optional<Entry> provider(Object claim) {
        return Optional.ofNullable(providedBy.get(claim));
    }

    /** The first of {@code claims} some transaction already claims, with that transaction. */
    Optional<Map.Entry<Object, Entry>> firstConflict(List<Object> claims) {
        for (Object c : claims) {
            Entry holder = claimedBy.get(c);
            if (holder != null) {
                return Optional.of(Map.entry(c, holder));
            }
        }
        return Optional.empty();
    }

    /** The transactions that provide some of {@code claims}: the parents a transaction making them would have. */
    Set<Entry> providersOf(List<Object> claims) {
        Set<Entry> out = new LinkedHashSet<>();
        for (Object c : claims) {
            Entry p = providedBy.get(c);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The cheapest transaction no other one depends on: the one to evict when the pool is full. */
    Optional<Entry> cheapestLeaf() {
        return leaves.isEmpty() ? Optional.empty() : Optional.of(leaves.first());
    }

    /**
     * Adds {@code tx}; its parents are the providers of its claims. The caller has checked that none
     * of its claims is claimed yet; its provisions are new too, since a transaction's provisions
     * follow from its claims in every model (an output's outpoint names the transaction that spends
     * the inputs; the next nonce follows the nonce).
     */
    Entry add(Transaction tx, long fee, List<Object> claims, List<Object> provides) {
        if (byId.containsKey(tx.id())) {
            throw new IllegalArgumentException("transaction " + tx.id() + " is already in the graph");
        }
        firstConflict(claims).ifPresent(c -> {
            throw new IllegalArgumentException(c.getKey() + " is already claimed by " + c.getValue().id());
        });
        for (Object p : provides) {
            if (providedBy.containsKey(p)) {
                throw new IllegalArgumentException(p + " is already provided by " + providedBy.get(p).id());
            }
        }
        Entry e = new Entry(tx, fee, nextSeq++, claims, provides);
        for (Entry parent : providersOf(e.claims)) {
            e.parents.add(parent);
            parent.children.add(e);
            leaves.remove(parent);
        }
        e.claims.forEach(c -> claimedBy.put(c, e));
        e.provides.forEach(p -> providedBy.put(p, e));
        byId.put(e.id(), e);
        leaves.add(e);
        bytes += e.size();
        return e;
    }

    /**
     * Removes {@code id} and every transaction that depends on it, children before parents, and
     * returns what it removed in that order (nothing if {@code id} is not here). A child never
     * stays without its parent: it would claim what no transaction in the pool or the chain provides.
     */
    List<Entry> removeWithDescendants(Hash id) {
        Entry root = byId.get(id);
        if (root == null) {
            return List.of();
        }
        List<Entry> gone = new ArrayList<>(descendants(root));
        java.util.Collections.reverse(gone);
        gone.add(root);
        gone.forEach(this::unlink);
        return gone;
    }

    /** Every transaction that depends on {@code e}, directly or not, parents before children. */
    List<Entry> descendants(Entry e) {
        Set<Entry> seen = new LinkedHashSet<>();
        Deque<Entry> todo = new ArrayDeque<>(e.children);
        while (!todo.isEmpty()) {
            Entry d = todo.poll();
            if (seen.add(d)) {
                todo.addAll(d.children);
            }
        }
        List<Entry> out = new ArrayList<>(seen);
        out.sort(Comparator.comparingLong(x -> x.seq)); // arrival order has parents first
        return out;
    }

    /** Every transaction {@code e} depends on, directly or not. */
    Set<Entry> ancestors(Entry e) {
        Set<Entry> seen = new LinkedHashSet<>();
        Deque<Entry> todo = new ArrayDeque<>(e.parents);
        while (!todo.isEmpty()) {
            Entry a = todo.poll();
            if (seen.add(a)) {
                todo.addAll(a.parents);
            }
        }
        return seen;
    }

    private void unlink(Entry e) {
        byId.remove(e.id());
        leaves.remove(e);
        e.claims.forEach(c -> claimedBy.remove(c, e));
        e.provides.forEach(p -> providedBy.remove(p, e));
        for (Entry parent : e.parents) {
            parent.children.remove(e);
            if (parent.children.isEmpty() && byId.containsKey(parent.id())) {
                leaves.add(parent);
            }
        }
        for (Entry child : e.children) {
            child.parents.remove(e);
        }
        bytes -= e.size();
    }

    void clear() {
        byId.clear();
        claimedBy.clear();
        providedBy.clear();
        leaves.clear();
        bytes = 0;
    }

    /**
     * Picks transactions for a block: the highest fee per byte first among those whose parents are
     * picked already, so a parent always comes before its children; at most {@code max} of them, of
     * at most {@code maxBytes} together. A transaction that does not fit is skipped, and its
     * descendants wait with it. {@code gone} are entries the tip has already mined or made
     * impossible: they are not picked, and count as done for their children (whether a child can
     * still be mined then is for {@code gone} to say too).
     */
    List<Entry> select(int max, long maxBytes, Predicate<Entry> gone) {
        Map<Entry, Integer> waitingFor = new HashMap<>();
        PriorityQueue<Entry> ready = new PriorityQueue<>(BEST_FIRST);
        for (Entry e : byId.values()) {
            if (gone.test(e)) {
                continue;
            }
            int parents = (int) e.parents.stream().filter(p -> !gone.test(p)).count();
            if (parents == 0) {
                ready.add(e);
            } else {
                waitingFor.put(e, parents);
            }
        }
        List<Entry> picked = new ArrayList<>();
        long used = 0;
        while (!ready.isEmpty() && picked.size() < max) {
            Entry e = ready.poll();
            if (used + e.size() > maxBytes) {
                continue; // its descendants wait with it
            }
            used += e.size();
            picked.add(e);
            for (Entry child : e.children) {
                Integer left = waitingFor.computeIfPresent(child, (c, n) -> n - 1);
                if (left != null && left == 0) {
                    waitingFor.remove(child);
                    ready.add(child);
                }
            }
        }
        return picked;
    }

    /**
     * Orders {@code txs} so that every transaction comes after those among them providing what it
     * claims, and otherwise keeps their order: how transactions coming back to the pool are
     * re-admitted. Claims and provisions come from {@code claims} and {@code provides}.
     */
    static <T> List<T> parentsFirst(List<T> txs, java.util.function.Function<T, List<Object>> claims,
                                    java.util.function.Function<T, List<Object>> provides) {
        Map<Object, Integer> providerAt = new HashMap<>();
        for (int i = 0; i < txs.size(); i++) {
            for (Object p : provides.apply(txs.get(i))) {
                providerAt.putIfAbsent(p, i);
            }
        }
        List<List<Integer>> children = new ArrayList<>(txs.size());
        int[] waiting = new int[txs.size()];
        for (int i = 0; i < txs.size(); i++) {
            children.add(new ArrayList<>());
        }
        for (int i = 0; i < txs.size(); i++) {
            Set<Integer> parents = new LinkedHashSet<>();
            for (Object c : claims.apply(txs.get(i))) {
                Integer p = providerAt.get(c);
                if (p != null && p != i) {
                    parents.add(p);
                }
            }
            waiting[i] = parents.size();
            for (int p : parents) {
                children.get(p).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < txs.size(); i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<T> out = new ArrayList<>(txs.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            out.add(txs.get(i));
            for (int c : children.get(i)) {
                if (--waiting[c] == 0) {
                    ready.add(c);
                }
            }
        }
        // a cycle cannot be mined in any order: its transactions are left out, and so refused
        return out;
    }

    /**
     * Compares fee {@code feeA} over {@code sizeA} bytes with {@code feeB} over {@code sizeB}
     * exactly, by cross-multiplying in 128 bits (fees are never negative, sizes always positive).
     */
    static int compareRates(long feeA, int sizeA, long feeB, int sizeB) {
        long highA = Math.multiplyHigh(feeA, sizeB);
        long highB = Math.multiplyHigh(feeB, sizeA);
        if (highA != highB) {
            return Long.compare(highA, highB);
        }
        return Long.compareUnsigned(feeA * sizeB, feeB * sizeA);
    }
}
