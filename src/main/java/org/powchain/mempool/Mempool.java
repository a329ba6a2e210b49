package org.powchain.mempool;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.powchain.chain.ChainListener;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.ChainSnapshot;
import org.powchain.chain.SignatureVerifier;
import org.powchain.chain.TipChange;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;

/**
 * Transactions waiting to be mined, whatever the ledger model. Each is valid against the tip plus
 * the pending transactions admitted before it, so everything here can be mined: a sender with 1000
 * may queue 800, and a second 800 is refused. The model's {@link MempoolPolicy} judges each
 * transaction and says what it claims and provides; this class does the rest, the same for every
 * model, on a {@link TxGraph}:
 * <ul>
 *   <li>lookup by id, and by the addresses a transaction involves;</li>
 *   <li>conflicts: a transaction claiming what a pending one claims (the same output, the same
 *       sender and nonce) is refused with the rule the policy names. Nothing is ever replaced;</li>
 *   <li>parents before children: a transaction may claim what a pending one provides (spend its
 *       output, take the sender's next nonce), and is then its child: selected after it, and
 *       removed with it;</li>
 *   <li>selection for a block template: highest fee per byte first, parents first;</li>
 *   <li>eviction: bounded at {@code capacity}; when full, a transaction paying a higher fee rate
 *       evicts the cheapest one no other depends on (never its own parent);</li>
 *   <li>tip changes: transactions the new blocks carry leave, those of disconnected blocks come
 *       back, and everything is checked again against the new tip.</li>
 * </ul>
 * See docs/concepts/mempool.md. Thread-safe: every method that reads or changes the pool holds its lock.
 */
public final class Mempool implements ChainListener {
    /** Rebuilds of {@link #addBuilt} when concurrent admissions keep taking what it claims. */
    private static final int MAX_RACES = 100;

    private final MempoolPolicy policy;
    private final Supplier<ChainSnapshot> tip;
    private final int capacity;
    private final TxGraph graph = new TxGraph();
    /** Counts every change to the pool: {@link #addBuilt} tells a lost race from a plain refusal by it. */
    private long version;
    /** Told about each newly admitted transaction (not about re-admissions after a tip change). */
    private final List<Consumer<Transaction>> admittedListeners = new CopyOnWriteArrayList<>();

    /** A mempool for {@code chain}, with the policy of the ledger model it runs. */
    public Mempool(ChainQueries chain, SignatureVerifier signatures, int capacity) {
        this(MempoolPolicy.forChain(chain, signatures), chain::snapshot, capacity);
    }

    /** A mempool judging by {@code policy} against the chain state {@code tip} gives when asked. */
    public Mempool(MempoolPolicy policy, Supplier<ChainSnapshot> tip, int capacity) {
        this.policy = policy;
        this.tip = tip;
        this.capacity = capacity;
    }

    @Override
    public ChainListener.Phase phase() {
        return ChainListener.Phase.STATE;
    }

    public MempoolPolicy policy() {
        return policy;
    }

    /**
     * Calls {@code listener} with every transaction newly admitted by {@link #add}, after the
     * mempool's lock is released: it may be slow (relay, events) without blocking admissions.
     */
    public void addAdmittedListener(Consumer<Transaction> listener) {
        admittedListeners.add(listener);
    }

    /**
     * Validates {@code tx} and queues it; throws a {@link RuleViolation} naming what is wrong. The
     * checks of the transaction alone (its signatures, the expensive part) run before taking the
     * lock, so admissions from several threads verify in parallel.
     */
    public <T extends Transaction> T add(T tx) throws RuleViolation {
        policy.checkAlone(tx);
        admit(tx);
        admittedListeners.forEach(l -> l.accept(tx));
        return tx;
    }

    /** Makes a transaction from what the pool holds now; see {@link #addBuilt}. */
    @FunctionalInterface
    public interface Builder<T extends Transaction> {
        T build() throws RuleViolation;
    }

    /**
     * Builds a transaction from the pool as it is now (the account model's next nonce, the UTXO
     * model's coins nobody pending spends) and adds it. Building and signing happen outside the
     * lock, so concurrent requests use every core; if another admission took what the transaction
     * claims meanwhile, it is built again from the pool as it then is. Two requests never both
     * claim the same thing, and neither is refused for the race.
     */
    public <T extends Transaction> T addBuilt(Builder<T> build) throws RuleViolation {
        for (int attempt = 1; ; attempt++) {
            long seen = version();
            T tx = build.build();
            policy.checkAlone(tx);
            try {
                admit(tx);
            } catch (RuleViolation v) {
                if (attempt < MAX_RACES && lostRace(tx, v, seen)) {
                    continue;
                }
                throw v;
            }
            admittedListeners.forEach(l -> l.accept(tx));
            return tx;
        }
    }

    /**
     * Pays {@code amount} from {@code payer} to {@code to} in the pool's ledger model and adds the
     * transfer ({@link MempoolPolicy#transfer}, {@link #addBuilt}): what the simulator's users do.
     */
    public Transaction addTransfer(Keys payer, Address to, long amount) throws RuleViolation {
        return addBuilt(() -> policy.transfer(this, payer, to, amount));
    }

    private synchronized long version() {
        return version;
    }

    /** The pool changed since {@code seen} and now holds {@code tx} or something claiming what it claims. */
    private synchronized boolean lostRace(Transaction tx, RuleViolation v, long seen) {
        return version != seen
                && (v.rule() == Rule.ALREADY_KNOWN || graph.firstConflict(policy.claims(tx)).isPresent());
    }

    private synchronized void admit(Transaction tx) throws RuleViolation {
        if (graph.contains(tx.id())) {
            throw new RuleViolation(Rule.ALREADY_KNOWN, "transaction " + tx.id() + " is already in the mempool");
        }
        ChainSnapshot at = tip.get();
        PoolView view = view(e -> false);
        List<Object> claims = policy.claims(tx);
        Optional<Map.Entry<Object, TxGraph.Entry>> conflict = graph.firstConflict(claims);
        if (conflict.isPresent()) {
            throw policy.conflict(tx, conflict.get().getKey(), conflict.get().getValue().tx, view, at);
        }
        long fee = policy.check(tx, view, at);
        makeRoomFor(tx, fee, claims);
        graph.add(tx, fee, claims, policy.provides(tx));
        version++;
    }

    /**
     * When full, evicts the cheapest transaction no other one depends on if {@code tx} pays a higher
     * fee per byte; never {@code tx}'s own parent, which would leave it claiming what nothing provides.
     */
    private void makeRoomFor(Transaction tx, long fee, List<Object> claims) throws RuleViolation {
        if (graph.size() < capacity) {
            return;
        }
        Optional<TxGraph.Entry> cheapest = graph.cheapestLeaf();
        if (cheapest.isEmpty()) {
            throw new RuleViolation(Rule.MEMPOOL_FULL, "the mempool holds " + capacity + " transactions");
        }
        TxGraph.Entry c = cheapest.get();
        if (graph.providersOf(claims).contains(c)) {
            throw new RuleViolation(Rule.MEMPOOL_FULL, "the mempool holds " + capacity + " transactions; the cheapest, "
                    + c.id() + " (fee " + c.fee + "), is this transaction's parent, which it cannot evict");
        }
        if (TxGraph.compareRates(fee, tx.size(), c.fee, c.size()) <= 0) {
            BigInteger above = BigInteger.valueOf(c.fee).multiply(BigInteger.valueOf(tx.size()))
                    .divide(BigInteger.valueOf(c.size()));
            throw new RuleViolation(Rule.MEMPOOL_FULL, "the mempool holds " + capacity
                    + " transactions; pay a fee above " + above + " to enter");
        }
        graph.removeWithDescendants(c.id()); // a leaf: nothing else goes with it
    }

    /** Every pending transaction, in arrival order (which has parents before children). */
    public synchronized List<Transaction> all() {
        return graph.entries().stream().map(e -> e.tx).toList();
    }

    public synchronized Optional<Transaction> get(Hash id) {
        return graph.get(id).map(e -> e.tx);
    }

    /**
     * The pending transaction that claims {@code claim}, in the policy's terms: which pending
     * transaction spends an outpoint, or uses a sender's nonce.
     */
    public synchronized Optional<Transaction> claimant(Object claim) {
        return graph.claimant(claim).map(e -> e.tx);
    }

    /** The pending transaction that provides {@code claim}: which one makes an outpoint. */
    public synchronized Optional<Transaction> provider(Object claim) {
        return graph.provider(claim).map(e -> e.tx);
    }

    public synchronized int size() {
        return graph.size();
    }

    /** The encoded size of every pending transaction together. */
    public synchronized long bytes() {
        return graph.bytes();
    }

    /** Pending transactions sent from or paying {@code address}, in arrival order. */
    public synchronized List<Transaction> involving(Address address) {
        return graph.entries().stream().map(e -> e.tx).filter(t -> policy.involves(t, address)).toList();
    }

    /**
     * Answers {@code query} about the pending transactions and the tip, under the pool's lock: for a
     * model's own questions ({@link AccountPolicy#nextNonce}).
     */
    public synchronized <R> R read(BiFunction<PoolView, ChainSnapshot, R> query) {
        return query.apply(view(e -> false), tip.get());
    }

    /**
     * Picks up to {@code max} transactions for a block, highest fee per byte first, each after its
     * parents (a sender's second transaction can only follow its first; a spend of an unconfirmed
     * output only follows the transaction making it). Like admission, it leaves out what the tip has
     * already mined or made impossible but {@link #tipChanged} has not yet removed: a template
     * carrying it would be an invalid block.
     */
    public synchronized List<Transaction> selectForBlock(int max) {
        return select(max, Long.MAX_VALUE).stream().map(e -> e.tx).toList();
    }

    /** What a block template carries: transactions chosen as {@link #selectForBlock} does, and their fees. */
    public record Selection(List<Transaction> transactions, long fees) {}

    /** Transactions for a block, as {@link #selectForBlock}, of at most {@code maxBytes} together. */
    public synchronized Selection selectForBlockBytes(int maxBytes) {
        List<TxGraph.Entry> picked = select(Integer.MAX_VALUE, maxBytes);
        return new Selection(picked.stream().map(e -> e.tx).toList(), picked.stream().mapToLong(e -> e.fee).sum());
    }

    private List<TxGraph.Entry> select(int max, long maxBytes) {
        Set<TxGraph.Entry> gone = goneAt(tip.get());
        return graph.select(max, maxBytes, gone::contains);
    }

    /** The pending transactions {@code at} has mined or made impossible, judged parents first. */
    private Set<TxGraph.Entry> goneAt(ChainSnapshot at) {
        Set<TxGraph.Entry> gone = new HashSet<>();
        PoolView live = view(gone::contains);
        for (TxGraph.Entry e : graph.entries()) {
            if (!policy.stillPending(e.tx, live, at)) {
                gone.add(e);
            }
        }
        return gone;
    }

    /** Drops what the new blocks carry, takes back what the old ones carried, re-checks the rest. */
    @Override
    public synchronized void tipChanged(TipChange change) {
        Set<Hash> mined = new HashSet<>();
        change.connected().forEach(b -> b.transactions().forEach(t -> mined.add(t.id())));
        List<Transaction> candidates = new ArrayList<>();
        List<Block> disconnected = new ArrayList<>(change.disconnected());
        java.util.Collections.reverse(disconnected); // oldest first, as they were mined
        for (Block b : disconnected) {
            b.transactions().stream().filter(t -> !t.isCoinbase()).forEach(candidates::add);
        }
        graph.entries().forEach(e -> candidates.add(e.tx));
        readd(candidates.stream().filter(t -> !mined.contains(t.id())).toList());
    }

    /**
     * Re-validates {@code txs} from scratch against the tip, parents first; those no longer valid are
     * dropped, and with them every child that claims what only they provided (its check finds
     * nothing to spend). A parent dropped because the chain has mined it leaves its children valid:
     * what it made is on the chain now. That is the case after a crash between a block's commit and
     * the journal forgetting its transactions, when both come back from disk.
     */
    public synchronized void readd(List<? extends Transaction> txs) {
        graph.clear();
        version++;
        Map<Hash, Transaction> unique = new LinkedHashMap<>();
        txs.forEach(t -> unique.putIfAbsent(t.id(), t));
        for (Transaction t : TxGraph.parentsFirst(List.copyOf(unique.values()), policy::claims, policy::provides)) {
            readmit(t);
        }
    }

    /** Admits {@code t} again, unless it is no longer valid (mined by the new chain, conflicting with it, now unaffordable). */
    private void readmit(Transaction t) {
        try {
            policy.checkAlone(t); // the signature check is cached for anything seen before
            admit(t);
        } catch (RuleViolation dropped) {
            // dropped
        }
    }

    /** The pool as a policy sees it, without the entries {@code hidden} says to leave out. */
    private PoolView view(Predicate<TxGraph.Entry> hidden) {
        return new PoolView() {
            @Override
            public List<Transaction> all() {
                return graph.entries().stream().filter(e -> !hidden.test(e)).map(e -> e.tx).toList();
            }

            @Override
            public Optional<Transaction> get(Hash id) {
                return graph.get(id).filter(e -> !hidden.test(e)).map(e -> e.tx);
            }

            @Override
            public Optional<Transaction> claimant(Object claim) {
                return graph.claimant(claim).filter(e -> !hidden.test(e)).map(e -> e.tx);
            }

            @Override
            public Optional<Transaction> provider(Object claim) {
                return graph.provider(claim).filter(e -> !hidden.test(e)).map(e -> e.tx);
            }
        };
    }
}
