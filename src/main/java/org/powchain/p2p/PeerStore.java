package org.powchain.p2p;

import org.powchain.core.WallClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.powchain.core.Codes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.powchain.wire.PeerAddress;

/**
 * The peers this node knows, as {@code host:port}, bounded, each with its health: how often
 * dialling it failed (exponential backoff, dropped after {@link #MAX_FAILURES} in a row unless it
 * is a boot node), and its misbehaviour score (banned for a while at {@link #BAN_SCORE}).
 * Thread-safe; it does no network I/O, {@link Network} dials and reports back here.
 */
public final class PeerStore {
    private static final Logger log = LoggerFactory.getLogger(PeerStore.class);
    /** Misbehaviour points at which a peer is banned (an invalid block alone is worth this much). */
    public static final int BAN_SCORE = 100;
    static final int MAX_FAILURES = 5;
    static final long BASE_BACKOFF_MILLIS = 1_000;
    static final long MAX_BACKOFF_MILLIS = 60_000;
    static final long BOOT_MAX_BACKOFF_MILLIS = 15_000;
    static final long BAN_MILLIS = 10 * 60_000;
    /** A peer dropped for being unreachable is not taken back from gossip for this long. */
    static final long FORGET_MILLIS = 5 * 60_000;

    private final int capacity;
    private final LongSupplier clock;
    private volatile String self;
    // keyed by the address itself, not its "host:port" text: a lookup builds no string
    private final LinkedHashMap<PeerAddress, Peer> peers = new LinkedHashMap<>();
    private final LinkedHashMap<PeerAddress, Long> droppedUntil = new LinkedHashMap<>();

    /** Where a peer stands, as the explorer and {@code /metrics} show it. */
    public enum Status {
        /** Known, never dialled yet. */
        NEW,
        /** The last exchange with it worked. */
        HEALTHY,
        /** Dialling it failed; the next attempt waits (1 s, 2 s, 4 s... up to a minute). */
        BACKING_OFF,
        /** It sent invalid data; nothing from it is accepted and it is not dialled until the ban ends. */
        BANNED
    }

    /**
     * One peer's state, a snapshot.
     *
     * @param reachable     this node has dialled it successfully (only those are gossiped to others)
     * @param score         misbehaviour points; {@value #BAN_SCORE} bans
     * @param failures      dial failures in a row
     * @param lastProblem   what went wrong last (a failed dial or the rule its data broke), or null
     */
    public record PeerInfo(String address, Status status, int score, int failures, boolean boot, boolean reachable,
                           String nodeId, int height, long lastSeenMillis, long bannedUntilMillis, String lastProblem) {}

    private static final class Peer {
        final PeerAddress address;
        boolean boot;
        boolean reachable;
        int score;
        int failures;
        long nextAttemptAt;
        long bannedUntil;
        long lastSeen;
        String nodeId;
        int height = -1;
        String lastProblem;

        Peer(PeerAddress address) {
            this.address = address;
        }
    }

    /** @param self this node's advertised address, never stored as a peer */
    public PeerStore(int capacity, String self) {
        this(capacity, self, WallClock::millis);
    }

    public PeerStore(int capacity, String self, LongSupplier clock) {
        this.capacity = capacity;
        this.self = self;
        this.clock = clock;
    }

    /** The advertised address is known only once the HTTP server has its port. */
    void setSelf(String address) {
        this.self = address;
        synchronized (this) {
            peers.keySet().removeIf(a -> a.toString().equals(address)); // once, at start-up
        }
    }

    public String self() {
        return self;
    }

    /**
     * Adds a peer someone named on purpose ({@code /addpeer}); false if it is this node or known. It
     * is kept even when the store is full, as Bitcoin Core's {@code addnode} peers have slots of their
     * own: a split that healed must link its sides again however many peers each side found meanwhile.
     * A known peer waiting out a backoff is due at once: naming it again means "try it now" (Bitcoin
     * Core's {@code addnode ... onetry}).
     */
    public synchronized boolean add(PeerAddress peer) {
        droppedUntil.remove(peer);
        Peer known = peers.get(peer);
        if (known != null) {
            known.nextAttemptAt = 0;
            return false;
        }
        return put(peer, Integer.MAX_VALUE) != null;
    }

    /** A boot node: kept however often it fails, retried with a shorter backoff. */
    synchronized boolean addBoot(PeerAddress peer) {
        droppedUntil.remove(peer);
        Peer p = put(peer);
        Peer existing = p != null ? p : peers.get(peer);
        if (existing != null) {
            existing.boot = true;
        }
        return p != null;
    }

    /** A peer heard of through gossip: ignored if it was dropped lately (unreachable, or on another network). */
    synchronized boolean learn(PeerAddress peer) {
        Long until = droppedUntil.get(peer);
        if (until != null && until > clock.getAsLong()) {
            return false;
        }
        droppedUntil.remove(peer);
        return put(peer) != null;
    }

    /**
     * {@code peer} greeted this node itself, on its network: whatever made us drop it (dials that failed,
     * another network before a restart) is over, so it is taken back at once rather than after
     * {@link #FORGET_MILLIS}; a split that heals would otherwise leave the two sides strangers for
     * minutes. Only an address known to be this node stays out. True if it is new to the store.
     */
    synchronized boolean greetedBy(PeerAddress peer) {
        Long until = droppedUntil.get(peer);
        if (until != null && until == Long.MAX_VALUE) {
            return false;
        }
        droppedUntil.remove(peer);
        return put(peer) != null;
    }

    private Peer put(PeerAddress peer) {
        return put(peer, capacity);
    }

    private Peer put(PeerAddress peer, int limit) {
        if (peers.containsKey(peer) || peers.size() >= limit || peer.toString().equals(self)) {
            return null;
        }
        Peer p = new Peer(peer);
        peers.put(peer, p);
        return p;
    }

    /** Forgets {@code peer} and does not take it back from gossip for a while (it is on another network). */
    synchronized void drop(PeerAddress peer) {
        peers.remove(peer);
        droppedUntil.put(peer, clock.getAsLong() + FORGET_MILLIS);
        trim(droppedUntil);
    }

    /** {@code peer} turned out to be this node under another name ({@code 127.0.0.1} for {@code localhost}): never again. */
    synchronized void forgetAsSelf(PeerAddress peer) {
        peers.remove(peer);
        droppedUntil.put(peer, Long.MAX_VALUE);
        trim(droppedUntil);
    }

    public synchronized boolean remove(PeerAddress peer) {
        return peers.remove(peer) != null;
    }

    /** Every known peer that is not banned: what {@code /getpeerstore} lists. */
    public synchronized List<PeerAddress> all() {
        long now = clock.getAsLong();
        return addresses(p -> p.bannedUntil <= now);
    }

    /** Peers worth telling others about: dialled successfully, not banned, not failing. */
    public synchronized List<PeerAddress> gossipable() {
        long now = clock.getAsLong();
        return addresses(p -> p.reachable && p.failures == 0 && p.bannedUntil <= now);
    }

    /** Peers to relay to and sync from: the last dial worked and they are not banned. */
    public synchronized List<PeerAddress> healthy() {
        return gossipable();
    }

    /** Peers due for a dial: not banned, not waiting out a backoff. */
    synchronized List<PeerAddress> due() {
        long now = clock.getAsLong();
        return addresses(p -> p.bannedUntil <= now && p.nextAttemptAt <= now);
    }

    /** The addresses of the peers {@code keep} accepts, in the store's order; a loop, not a stream: every hello and tick asks. */
    private List<PeerAddress> addresses(Predicate<Peer> keep) {
        List<PeerAddress> out = new ArrayList<>(peers.size());
        for (Peer p : peers.values()) {
            if (keep.test(p)) {
                out.add(p.address);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Dialling it failed last time: it is retried on its backoff schedule rather than the usual hello interval. */
    synchronized boolean isBackingOff(PeerAddress peer) {
        Peer p = peers.get(peer);
        return p != null && p.failures > 0;
    }

    public synchronized int size() {
        return all().size();
    }

    public synchronized boolean contains(PeerAddress peer) {
        return peers.containsKey(peer);
    }

    public synchronized Map<String, PeerAddress> snapshot() {
        Map<String, PeerAddress> out = new LinkedHashMap<>();
        all().forEach(a -> out.put(a.toString(), a));
        return out;
    }

    /** The state of every known peer, banned ones included. */
    public synchronized List<PeerInfo> peers() {
        long now = clock.getAsLong();
        List<PeerInfo> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            Status status = p.bannedUntil > now ? Status.BANNED
                    : p.failures > 0 ? Status.BACKING_OFF
                    : p.reachable ? Status.HEALTHY : Status.NEW;
            out.add(new PeerInfo(p.address.toString(), status, p.score, p.failures, p.boot, p.reachable, p.nodeId,
                    p.height, p.lastSeen, p.bannedUntil > now ? p.bannedUntil : 0, p.lastProblem));
        }
        return out;
    }

    /** How many peers are in each state, keyed by the state's lower-case name ({@code healthy}, {@code backing-off}...). */
    public synchronized Map<String, Integer> countByState() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (PeerInfo p : peers()) {
            out.merge(Codes.of(p.status()), 1, Integer::sum);
        }
        return out;
    }

    /** A dial of {@code peer} worked; true if it is newly known to be reachable (news worth gossiping). */
    synchronized boolean succeeded(PeerAddress peer, String nodeId, int height) {
        Peer p = peers.get(peer);
        boolean news = p != null && !p.reachable;
        if (p != null) {
            p.failures = 0;
            p.nextAttemptAt = 0;
            p.reachable = true;
            p.lastSeen = clock.getAsLong();
            p.nodeId = nodeId;
            p.height = height;
        }
        return news;
    }

    /** {@code peer} answered a sync: it is reachable, whatever earlier dials said, so relays and syncs use it again now. */
    synchronized void answered(PeerAddress peer) {
        Peer p = peers.get(peer);
        if (p != null) {
            p.failures = 0;
            p.nextAttemptAt = 0;
            p.reachable = true;
            p.lastSeen = clock.getAsLong();
        }
    }

    /**
     * A dial of {@code peer} failed: back off exponentially; after {@link #MAX_FAILURES} in a row drop it
     * (it is no longer gossiped; a boot node stays and keeps being retried). True if it was dropped.
     */
    synchronized boolean failed(PeerAddress peer, String problem) {
        Peer p = peers.get(peer);
        if (p == null) {
            return false;
        }
        p.lastProblem = problem;
        if (p.failures > 0 && clock.getAsLong() < p.nextAttemptAt) {
            return false; // another request lost in the same outage: the dial already failed once for it
        }
        p.failures++;
        long cap = p.boot ? BOOT_MAX_BACKOFF_MILLIS : MAX_BACKOFF_MILLIS;
        long backoff = Math.min(cap, BASE_BACKOFF_MILLIS << Math.min(p.failures - 1, 20));
        p.nextAttemptAt = clock.getAsLong() + backoff;
        if (p.failures >= MAX_FAILURES && !p.boot && p.bannedUntil <= clock.getAsLong()) {
            drop(peer);
            return true;
        }
        return false;
    }

    /**
     * {@code peer} sent data that broke a rule or was garbage: add {@code points}; at {@link #BAN_SCORE}
     * it is banned for ten minutes. True if it is banned now. An unknown peer is added to remember the ban.
     */
    synchronized boolean penalize(PeerAddress peer, int points, String problem) {
        Peer p = peers.get(peer);
        if (p == null) {
            p = new Peer(peer);
            if (peer.toString().equals(self)) {
                return false;
            }
            peers.put(peer, p); // over capacity is fine: a ban must be remembered
        }
        if (points <= 0) {
            return p.bannedUntil > clock.getAsLong();
        }
        p.score += points;
        p.lastProblem = problem;
        if (p.score >= BAN_SCORE && p.bannedUntil <= clock.getAsLong()) {
            p.bannedUntil = clock.getAsLong() + BAN_MILLIS;
            p.reachable = false;
            log.warn("p2p: banned {} for {} min: {}", peer, BAN_MILLIS / 60_000, problem);
        }
        return p.bannedUntil > clock.getAsLong();
    }

    public synchronized boolean isBanned(PeerAddress peer) {
        Peer p = peers.get(peer);
        if (p == null) {
            return false;
        }
        if (p.bannedUntil != 0 && p.bannedUntil <= clock.getAsLong()) { // the ban is over: a clean slate
            p.bannedUntil = 0;
            p.score = 0;
        }
        return p.bannedUntil > clock.getAsLong();
    }

    /** An inbound message from {@code peer}. */
    synchronized void heardFrom(PeerAddress peer) {
        Peer p = peers.get(peer);
        if (p != null) {
            p.lastSeen = clock.getAsLong();
        }
    }

    private static void trim(LinkedHashMap<PeerAddress, Long> map) {
        Iterator<PeerAddress> oldest = map.keySet().iterator();
        while (map.size() > 1024) {
            oldest.next();
            oldest.remove();
        }
    }
}
