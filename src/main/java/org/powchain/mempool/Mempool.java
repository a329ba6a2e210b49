package org.powchain.mempool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.powchain.chain.ChainListener;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.SignatureVerifier;
import org.powchain.chain.TipChange;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.AccountLedger;
import org.powchain.consensus.TransactionRules;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;
import org.powchain.core.AccountTransaction;

/**
 * Transactions waiting to be mined, by the account model's policy (per-sender nonce queues): the
 * checks of single transactions go through {@code consensus.Ledger}, the queues are the account
 * model's. See docs/concepts/ledger-models.md for what a second model brings.
 *
 * <p>Each is valid against the tip's ledger plus the sender's
 * transactions queued before it, so everything here can be mined: a sender with 1000 may queue
 * 800, and a second 800 is refused. When the tip moves, transactions the new blocks carry leave,
 * transactions of disconnected blocks come back, and everything is checked again.
 *
 * <p>Bounded: when full, a transaction paying a higher fee evicts the lowest-fee one (the last of
 * its sender's queue, so no queue gets a gap). Thread-safe: every method is synchronized.
 */
public final class Mempool implements ChainListener {
    @Override
    public ChainListener.Phase phase() {
        return ChainListener.Phase.STATE;
    }

    /** Retries of {@link #addWithNextNonce} when concurrent requests from one sender race for a nonce. */
    private static final int MAX_NONCE_RACES = 100;
    private final ChainQueries chain;
    private final SignatureVerifier signatures;
    private final int capacity;
    /** Arrival order, for display. */
    private final LinkedHashMap<Hash, AccountTransaction> byId = new LinkedHashMap<>();
    /** Each sender's queue, by nonce. */
    private final Map<Address, TreeMap<Long, AccountTransaction>> bySender = new LinkedHashMap<>();
    /** Told about each newly admitted transaction (not about re-admissions after a tip change). */
    private final List<Consumer<Transaction>> admittedListeners = new CopyOnWriteArrayList<>();

    public Mempool(ChainQueries chain, SignatureVerifier signatures, int capacity) {
        this.chain = chain;
        this.signatures = signatures;
        this.capacity = capacity;
    }

    /**
     * Calls {@code listener} with every transaction newly admitted by {@link #add}, after the
     * mempool's lock is released: it may be slow (relay, events) without blocking admissions.
     */
    public void addAdmittedListener(Consumer<Transaction> listener) {
        admittedListeners.add(listener);
    }

    /**
     * Validates {@code tx} and queues it; throws a {@link RuleViolation} naming what is wrong.
     * The signature, the expensive part, is checked before taking the lock, so admissions from
     * several threads verify in parallel.
     */
    public AccountTransaction add(Transaction received) throws RuleViolation {
        AccountTransaction tx = AccountLedger.transfer(received);
        checkStandalone(tx);
        addVerified(tx);
        admittedListeners.forEach(l -> l.accept(tx));
        return tx;
    }

    /** The checks that need only the transaction (and our network): outside the lock, so in parallel. */
    private void checkStandalone(AccountTransaction tx) throws RuleViolation {
        chain.params().ledger().checkWellFormed(tx, chain.networkId());
        signatures.verify(chain.params().ledger(), tx);
    }

    private synchronized void addVerified(AccountTransaction tx) throws RuleViolation {
        if (byId.containsKey(tx.id())) {
            throw new RuleViolation(Rule.ALREADY_KNOWN, "transaction " + tx.id() + " is already in the mempool");
        }
        AccountState state = account(tx.sender());
        SortedMap<Long, AccountTransaction> queue = unmined(tx.sender(), state);
        long pendingSpend = queue.values().stream().mapToLong(t -> t.amount() + t.fee()).sum();
        TransactionRules.checkAgainstSender(tx, state, queue.size(), pendingSpend);
        makeRoomFor(tx);
        byId.put(tx.id(), tx);
        bySender.computeIfAbsent(tx.sender(), a -> new TreeMap<>()).put(tx.nonce(), tx);
    }

    /**
     * Builds a transaction with the sender's next nonce (the ledger's plus what is queued) and adds
     * it. Signing and verifying happen outside the lock, so concurrent requests use every core; if
     * another request took the same nonce meanwhile, the admission fails on the nonce rule and the
     * transaction is built again with the next one. Two requests never both get the same nonce.
     */
    public AccountTransaction addWithNextNonce(Address sender, LongFunction<AccountTransaction> build) throws RuleViolation {
        for (int attempt = 1; ; attempt++) {
            long nonce = nextNonce(sender);
            AccountTransaction tx = build.apply(nonce);
            checkStandalone(tx);
            try {
                addVerified(tx);
            } catch (RuleViolation v) {
                boolean lostRace = v.rule() == Rule.BAD_NONCE || v.rule() == Rule.ALREADY_KNOWN; // identical request
                if (lostRace && attempt < MAX_NONCE_RACES && nextNonce(sender) > nonce) {
                    continue; // another request from this sender took the nonce first: take the next one
                }
                throw v;
            }
            admittedListeners.forEach(l -> l.accept(tx));
            return tx;
        }
    }

    public synchronized long nextNonce(Address sender) {
        AccountState state = account(sender);
        return state.nonce() + unmined(sender, state).size();
    }

    /** The sender's account at the tip, through the account model's reading of the ledger. */
    private AccountState account(Address address) {
        return AccountState.of(chain.snapshot().ledger(), address);
    }

    /**
     * The sender's queued transactions from its ledger nonce on. The chain may already have connected a
     * block carrying some of the queue before {@link #tipChanged} removes them; counting those would
     * hand out a nonce past a gap, and the transaction would be dropped once the mempool catches up.
     */
    private SortedMap<Long, AccountTransaction> unmined(Address sender, AccountState state) {
        TreeMap<Long, AccountTransaction> queue = bySender.get(sender);
        return queue == null ? Collections.emptySortedMap() : queue.tailMap(state.nonce(), true);
    }

    private void makeRoomFor(AccountTransaction tx) throws RuleViolation {
        if (byId.size() < capacity) {
            return;
        }
        AccountTransaction cheapest = null;
        for (TreeMap<Long, AccountTransaction> q : bySender.values()) {
            AccountTransaction last = q.lastEntry().getValue();
            if (cheapest == null || last.fee() < cheapest.fee()) {
                cheapest = last;
            }
        }
        if (cheapest == null || cheapest.fee() >= tx.fee() || cheapest.sender().equals(tx.sender())) {
            throw new RuleViolation(Rule.MEMPOOL_FULL, "the mempool holds " + capacity
                    + " transactions; pay a fee above " + (cheapest == null ? 0 : cheapest.fee()) + " to enter");
        }
        remove(cheapest);
    }

    private void remove(AccountTransaction tx) {
        byId.remove(tx.id());
        TreeMap<Long, AccountTransaction> q = bySender.get(tx.sender());
        if (q != null) {
            q.remove(tx.nonce());
            if (q.isEmpty()) {
                bySender.remove(tx.sender());
            }
        }
    }

    public synchronized List<Transaction> all() {
        return List.copyOf(byId.values());
    }

    public synchronized Optional<Transaction> get(Hash id) {
        return Optional.ofNullable(byId.get(id));
    }

    public synchronized int size() {
        return byId.size();
    }

    /** Queued transactions sent from or to {@code address}. */
    public synchronized List<AccountTransaction> involving(Address address) {
        return byId.values().stream().filter(t -> t.sender().equals(address) || t.to().equals(address)).toList();
    }

    /**
     * Picks up to {@code max} transactions for a block, highest fee first, while keeping each
     * sender's transactions in nonce order (a sender's second transaction can only follow its first).
     * Like admission, it skips what the tip has already mined but {@link #tipChanged} has not yet
     * removed: a template carrying it would break the nonce rule.
     */
    public synchronized List<AccountTransaction> selectForBlock(int max) {
        return select(max, Integer.MAX_VALUE);
    }

    /** What a block template carries: transactions chosen as {@link #selectForBlock} does, and their fees. */
    public record Selection(List<Transaction> transactions, long fees) {}

    /** Transactions for a block, as {@link #selectForBlock}, of at most {@code maxBytes} together. */
    public synchronized Selection selectForBlockBytes(int maxBytes) {
        List<AccountTransaction> picked = select(Integer.MAX_VALUE, maxBytes);
        return new Selection(List.copyOf(picked), picked.stream().mapToLong(AccountTransaction::fee).sum());
    }

    private List<AccountTransaction> select(int max, int maxBytes) {
        Comparator<AccountTransaction> byFee = Comparator.comparingLong(AccountTransaction::fee).reversed();
        PriorityQueue<AccountTransaction> heads = new PriorityQueue<>(byFee);
        for (Address sender : bySender.keySet()) {
            SortedMap<Long, AccountTransaction> pending = unmined(sender, account(sender));
            if (!pending.isEmpty()) {
                heads.add(pending.get(pending.firstKey()));
            }
        }
        List<AccountTransaction> picked = new ArrayList<>();
        int bytes = 0;
        while (!heads.isEmpty() && picked.size() < max) {
            AccountTransaction t = heads.poll();
            if (bytes + t.size() > maxBytes) {
                continue; // its sender's later transactions wait with it
            }
            bytes += t.size();
            picked.add(t);
            Map.Entry<Long, AccountTransaction> next = bySender.get(t.sender()).higherEntry(t.nonce());
            if (next != null) {
                heads.add(next.getValue());
            }
        }
        return picked;
    }

    /** Drops what the new blocks carry, takes back what the old ones carried, re-checks the rest. */
    @Override
    public synchronized void tipChanged(TipChange change) {
        Set<Hash> mined = new HashSet<>();
        change.connected().forEach(b -> b.transactions().forEach(t -> mined.add(t.id())));
        List<AccountTransaction> candidates = new ArrayList<>();
        for (Block b : change.disconnected()) {
            b.transactions().stream().filter(t -> !t.isCoinbase()).map(AccountLedger::transfer).forEach(candidates::add);
        }
        candidates.addAll(byId.values());
        readd(candidates.stream().filter(t -> !mined.contains(t.id())).toList());
    }

    /** Re-validates {@code txs} from scratch against the tip; those no longer valid are dropped. */
    public synchronized void readd(List<? extends Transaction> txs) {
        byId.clear();
        bySender.clear();
        List<AccountTransaction> sorted = new ArrayList<>(txs.stream().map(AccountLedger::transfer).toList());
        sorted.sort(Comparator.comparing(AccountTransaction::sender).thenComparingLong(AccountTransaction::nonce));
        for (AccountTransaction t : sorted) {
            try {
                checkStandalone(t); // the signature check is cached for anything seen before
                addVerified(t);
            } catch (RuleViolation dropped) {
                // mined by the new chain, conflicting with it, or now unaffordable
            }
        }
    }
}
