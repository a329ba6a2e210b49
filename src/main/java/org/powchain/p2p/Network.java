package org.powchain.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.powchain.chain.BestChain;
import org.powchain.chain.BlockNode;
import org.powchain.chain.BlockOutcome;
import org.powchain.chain.ChainManager;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;
import org.powchain.mempool.Mempool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.powchain.wire.GetMempool;
import org.powchain.wire.PeerAddress;
import org.powchain.wire.Receiver;
import org.powchain.wire.Refused;
import org.powchain.wire.Request;

/**
 * This node's side of the peer-to-peer network (docs/PROTOCOL.md): it says hello to peers and
 * swaps peer lists with them ({@link PeerGossip}), relays new blocks and transactions ({@link BlockRelay},
 * {@link TxRelay}), syncs chains ({@link HeaderSync}), and scores peers ({@link PeerStore}).
 *
 * <p>Sans-I/O: this class and the ones it drives hold no sockets, threads or wall clock. What
 * peers send arrives through {@link #serve} (each message's handler is in its {@link Request});
 * what we send leaves through a {@link PeerTransport}; time comes from the clock it is given, and
 * {@link #tick()} is called every {@link Timings#tickMillis()} by whoever drives it. The real node
 * wires the HTTP transport ({@link HttpTransport}, with {@code api.PeerRoutes} mounting
 * {@link #serve}) and a timer thread; the simulator wires its own network and virtual clock.
 * Answers may arrive on any thread: state shared with them is in concurrent structures, and
 * syncs run one after another.
 */
public final class Network implements Receiver, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Network.class);
    /** The header naming the sender's advertised address on every node-to-node request. */
    public static final String PEER_HEADER = "X-Powchain-Peer";
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]{1,38}");
    static final int MAX_MEMPOOL_PULL = GetMempool.MAX;

    private final ChainManager chain;
    private final Mempool mempool;
    private final PeerStore peers;
    private final LongSupplier clock;
    private final Timings timings;
    private final RandomGenerator random;
    private final String nodeIp;
    private final List<String> bootNodes;
    private final PeerTransport transport;
    private final PeerGossip gossip;
    private final HeaderSync sync;
    private final BlockRelay blockRelay;
    private final TxRelay txRelay;
    private final Set<PeerAddress> syncQueued = ConcurrentHashMap.newKeySet();
    /** The last sync queued: the next one starts when it ends, so syncs run one at a time. */
    private CompletableFuture<?> syncs = CompletableFuture.completedFuture(null);
    /** Who sent us each recent block or transaction, so we do not send it back to them. */
    private final Map<Hash, PeerAddress> origins = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, PeerAddress> eldest) {
            return size() > 10_000;
        }
    });
    private volatile Predicate<PeerAddress> dialFilter = p -> true;
    private volatile long lastSyncTick;
    private volatile boolean started;
    private volatile boolean closed;
    /** Done once the boot nodes have been heard and synced with (see {@link #caughtUp()}). */
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    /** When {@link #start} was called: after {@link #CATCH_UP_SYNCS} sync periods, a node stops waiting for silent boot nodes. */
    private long startedAt;
    /** A boot node answered: catching up ends with the syncs queued by then, however long they take. */
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();

    /**
     * @param transport how requests reach peers
     * @param random    the only source of chance in the protocol (which peer to sync with, our
     *                  instance number), so a seeded simulation repeats exactly
     */
    public Network(ChainManager chain, Mempool mempool, PeerStore peers, PeerTransport transport, String nodeId,
                   String nodeIp, List<String> bootNodes, LongSupplier clock, RandomGenerator random) {
        this(chain, mempool, peers, transport, nodeId, nodeIp, bootNodes, clock, random, Timings.DEFAULT);
    }

    public Network(ChainManager chain, Mempool mempool, PeerStore peers, PeerTransport transport, String nodeId,
                   String nodeIp, List<String> bootNodes, LongSupplier clock, RandomGenerator random, Timings timings) {
        this.chain = chain;
        this.mempool = mempool;
        this.peers = peers;
        this.clock = clock;
        this.timings = timings;
        this.random = random;
        this.nodeIp = nodeIp;
        this.bootNodes = List.copyOf(bootNodes);
        if (this.bootNodes.isEmpty()) {
            caughtUp.complete(null); // nobody to catch up with: this node's chain is the network's
        }
        this.transport = new PeerTransport() { // the dial filter, a test's firewall, stands in front of every request
            @Override
            public <A> CompletableFuture<A> request(PeerAddress peer, Request<A> request) {
                if (!dialFilter.test(peer)) {
                    return CompletableFuture.failedFuture(new PeerException(PeerException.Kind.UNREACHABLE, peer + " is filtered out"));
                }
                return transport.request(peer, request);
            }
        };
        this.sync = new HeaderSync(chain, peers, this.transport);
        this.gossip = new PeerGossip(chain.queries(), peers, this.transport, clock, timings.helloEveryMillis(), nodeId, random,
                this::requestSync);
        Fanout fanout = new Fanout(peers, this.transport);
        this.blockRelay = new BlockRelay(chain.queries(), fanout, origins, sync::isDownloading);
        this.txRelay = new TxRelay(fanout, origins, mempool);
        chain.addListener(blockRelay);
        chain.addListener(txRelay); // in the NETWORK phase: after the mempool has taken returned txs back
        mempool.addAdmittedListener(txRelay);
    }

    /**
     * Starts talking to peers once this node can be reached at {@code port}: from then on it
     * advertises {@code nodeIp:port} and greets its boot nodes at the next {@link #tick()}.
     */
    public synchronized void start(int port) {
        if (started) {
            return;
        }
        startedAt = clock.getAsLong(); // before started: a tick that sees started sees this too
        started = true;
        peers.setSelf(nodeIp + ":" + port);
        for (String b : bootNodes) {
            PeerAddress.parse(b).ifPresentOrElse(peers::addBoot, () -> log.warn("ignoring boot node '{}': not host:port", b));
        }
        log.info("p2p: advertising {}, boot nodes {}", peers.self(), bootNodes);
        tick(); // greet the boot nodes now, not a tick from now
    }

    public PeerStore peers() {
        return peers;
    }

    /** Test hook: only peers that pass {@code filter} are dialled, as if a firewall stood between. */
    public void setDialFilter(Predicate<PeerAddress> filter) {
        this.dialFilter = filter;
    }

    // ---- the tick: greet, gossip, sync ----

    public Timings timings() {
        return timings;
    }

    /** What to do every {@link Timings#tickMillis()}: greet peers that are due; now and then sync with one and pull its mempool. */
    public void tick() {
        if (!started || closed) {
            return;
        }
        long now = clock.getAsLong();
        gossip.tick();
        checkCaughtUp(now);
        if (now - lastSyncTick >= timings.syncEveryMillis()) {
            lastSyncTick = now;
            List<PeerAddress> healthy = peers.healthy();
            if (!healthy.isEmpty()) {
                PeerAddress p = healthy.get(random.nextInt(healthy.size()));
                requestSync(p);
                pullMempool(p);
            }
        }
    }

    /**
     * Done once this node has caught up with the network it joins: a boot node has answered its hello
     * and the sync that hello asked for (if the boot node had more work) has ended; or no boot node
     * answered within {@link #CATCH_UP_SYNCS} sync periods; or there are no boot nodes. A miner waits
     * for it, as Bitcoin Core does not mine during its initial block download: mining from genesis
     * first, a new node could out-work a young network's short chain and reorg it away.
     */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    private static final int CATCH_UP_SYNCS = 2;

    private void checkCaughtUp(long now) {
        if (caughtUp.isDone() || catchUpQueued.get()) {
            return;
        }
        if (!peers.healthy().isEmpty()) { // a hello was answered: the sync it asked for is queued already
            if (catchUpQueued.compareAndSet(false, true)) {
                queueSync(() -> CompletableFuture.completedFuture(null)).thenRun(() -> caughtUp.complete(null));
            }
        } else if (now - startedAt >= CATCH_UP_SYNCS * timings.syncEveryMillis()) {
            log.warn("p2p: no boot node answered within {} s; going on with this node's own chain",
                    CATCH_UP_SYNCS * timings.syncEveryMillis() / 1000);
            caughtUp.complete(null);
        }
    }

    /** What this node says about itself in a hello (tests build a fake peer's hello from it). */
    public ObjectNode hello() {
        return gossip.hello();
    }

    // ---- what peers send us ----

    /**
     * A message from a peer (or, without {@code from}, from someone who did not say who they are):
     * runs its handler and gives its answer. A banned peer is refused.
     */
    public <A> A serve(Request<A> request, Optional<PeerAddress> from) throws RuleViolation, Refused {
        if (from.isPresent() && peers.isBanned(from.get())) {
            throw new Refused("banned", from.get() + " sent invalid data and is banned for a while");
        }
        return request.serve(this, from);
    }

    @Override
    public List<BlockHeader> headersAfter(List<Hash> locator, int max) {
        return chain.queries().headersAfter(locator, max);
    }

    @Override
    public OptionalInt height(Hash block) {
        return chain.queries().node(block).map(n -> OptionalInt.of(n.height())).orElse(OptionalInt.empty());
    }

    @Override
    public List<Block> blocks(List<Hash> hashes) {
        List<Block> out = new ArrayList<>(hashes.size());
        for (Hash h : hashes) {
            chain.queries().block(h).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public ObjectNode receiveHello(JsonNode hello, Optional<PeerAddress> from) throws Refused {
        return gossip.receiveHello(hello, from);
    }

    @Override
    public BlockOutcome receiveBlock(Block block, Optional<PeerAddress> from) throws RuleViolation {
        arrived(block.hash(), from);
        try {
            if (from.isEmpty()) {
                return chain.process(block); // a user's /addblock: stored like a block this node mined
            }
            BlockOutcome outcome = chain.processUnrequested(block);
            if (outcome.status() == BlockOutcome.Status.NOT_STORED
                    && outcome.height() < chain.queries().height() - BestChain.MAX_SIDE_BRANCH_DEPTH) {
                // a stale block near the tip is normal; one on a branch this deep only costs us
                penalize(from.get(), Misbehavior.DEEP_SIDE_BLOCK, "block " + block.hash() + " at height " + outcome.height()
                        + " is on a side branch deeper than " + BestChain.MAX_SIDE_BRANCH_DEPTH + " blocks");
            }
            return outcome;
        } catch (RuleViolation v) {
            if (v.rule() == Rule.UNKNOWN_PARENT) {
                from.ifPresentOrElse(this::requestSync, () -> peers.healthy().forEach(this::requestSync));
            } else {
                from.ifPresent(p -> penalize(p, Misbehavior.forBlock(v.rule()), "block " + block.hash() + ": " + v.getMessage()));
            }
            throw v;
        }
    }

    @Override
    public Transaction receiveTransaction(Transaction tx, Optional<PeerAddress> from) throws RuleViolation {
        arrived(tx.id(), from);
        try {
            return mempool.add(tx);
        } catch (RuleViolation v) {
            from.ifPresent(p -> penalize(p, Misbehavior.forTransaction(v.rule()), "tx " + tx.id() + ": " + v.getMessage()));
            throw v;
        }
    }

    /** Remembers who sent {@code id}, so relaying it skips them. */
    private void arrived(Hash id, Optional<PeerAddress> from) {
        from.ifPresent(p -> {
            peers.heardFrom(p);
            origins.put(id, p);
        });
    }

    /** A peer sent something that is not a protocol message (not JSON, the wrong shape, too large). */
    public void receivedGarbage(PeerAddress from, String detail) {
        penalize(from, Misbehavior.GARBAGE, "garbage: " + detail);
    }

    /**
     * Who sent a request: the address in its {@value #PEER_HEADER} header, if that claim is
     * believable from {@code remoteIp}, the address the request came from. Anyone can write any
     * header, so a claim is taken only from the claimed IP address itself (or from this machine),
     * else a stranger could get an honest peer banned by sending garbage in its name. An unbelieved or
     * missing claim makes the request anonymous: served, but nothing can be held against anyone.
     */
    public static Optional<PeerAddress> identify(String claim, String remoteIp) {
        Optional<PeerAddress> claimed = PeerAddress.parse(claim);
        return claimed.filter(p -> believable(p, remoteIp));
    }

    static boolean believable(PeerAddress claim, String remoteIp) {
        try {
            InetAddress remote = InetAddress.getByName(remoteIp); // the socket's address, a literal: no lookup
            if (remote.isLoopbackAddress()) {
                return true; // this machine: nodes started side by side, whatever --node-ip they advertise
            }
            // Only an IP address is compared: resolving a name here would let a stranger stall
            // request threads with names that take DNS seconds to fail. --node-ip is an address.
            String host = claim.host().startsWith("[") ? claim.host().substring(1, claim.host().length() - 1) : claim.host();
            return IP_LITERAL.matcher(host).matches() && InetAddress.getByName(host).equals(remote);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean isBanned(PeerAddress peer) {
        return peers.isBanned(peer);
    }

    /** Someone named a peer on purpose ({@code /addpeer}): greet it now, even if it is known and backing off. */
    public boolean addPeer(PeerAddress peer) {
        boolean added = peers.add(peer);
        if (started && peers.contains(peer) && !peers.isBanned(peer)) {
            gossip.greetSoon(peer);
        }
        return added;
    }

    private void penalize(PeerAddress peer, int points, String problem) {
        peers.penalize(peer, points, problem);
    }

    // ---- sync ----

    /** Queues a sync with {@code peer}, unless one is already queued. */
    void requestSync(PeerAddress peer) {
        if (!closed && syncQueued.add(peer)) {
            queueSync(() -> {
                syncQueued.remove(peer);
                return syncNow(peer);
            });
        }
    }

    /** Runs {@code job} after the syncs queued before it have ended. */
    private synchronized <T> CompletableFuture<T> queueSync(Supplier<CompletableFuture<T>> job) {
        CompletableFuture<T> next = syncs.handle((r, e) -> null).thenCompose(ignored -> job.get());
        syncs = next;
        return next;
    }

    private CompletableFuture<HeaderSync.Result> syncNow(PeerAddress peer) {
        if (closed || peers.isBanned(peer)) {
            return CompletableFuture.completedFuture(HeaderSync.Result.nothing());
        }
        return sync.syncWith(peer, peers.healthy()).thenApply(r -> {
            r.misbehaving().forEach((p, problem) -> penalize(p, problem.points(), problem.detail()));
            r.unreachable().forEach(p -> peers.failed(p, "sync: no answer"));
            if (r.answered() && !r.unreachable().contains(peer) && !r.misbehaving().containsKey(peer)) {
                peers.answered(peer); // e.g. /resolvesplit after a split: relay to it again without waiting for a hello
            }
            if (r.accepted() > 0) {
                log.info("p2p: synced {} block(s) from {}; height {}", r.accepted(), peer, chain.queries().height());
            }
            blockRelay.announceTip(); // relaying was held back while blocks were connected (a no-op if already announced)
            return r;
        });
    }

    private void pullMempool(PeerAddress peer) {
        transport.request(peer, new GetMempool(MAX_MEMPOOL_PULL)).whenComplete((txs, failure) -> {
            if (failure != null) {
                if (PeerClient.unwrap(failure) instanceof PeerException e && e.kind() == PeerException.Kind.GARBAGE) {
                    receivedGarbage(peer, e.getMessage());
                }
                return;
            }
            for (Transaction tx : txs) {
                if (mempool.get(tx.id()).isEmpty()) {
                    try {
                        receiveTransaction(tx, Optional.of(peer));
                    } catch (RuleViolation stale) {
                        // scored in receiveTransaction if it was more than stale
                    }
                }
            }
        });
    }

    /**
     * {@code /resolvesplit}: syncs with every known peer now, one after the other, and says what
     * changed: the old and new tip, and how many blocks were disconnected and connected.
     */
    public CompletableFuture<Map<String, Object>> resolveSplit() {
        return queueSync(() -> {
            BlockNode oldTip = chain.queries().tipNode();
            List<PeerAddress> targets = peers.all();
            AtomicInteger answered = new AtomicInteger();
            CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
            for (PeerAddress p : targets) {
                all = all.thenCompose(x -> syncNow(p)).thenAccept(r -> answered.addAndGet(r.answered() ? 1 : 0));
            }
            return all.thenApply(x -> {
                BlockNode newTip = chain.queries().tipNode();
                BlockNode fork = oldTip.forkPoint(newTip);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("oldTip", oldTip.hash().toHex());
                out.put("oldHeight", oldTip.height());
                out.put("newTip", newTip.hash().toHex());
                out.put("height", newTip.height());
                out.put("disconnected", oldTip.height() - fork.height());
                out.put("connected", newTip.height() - fork.height());
                out.put("peersAsked", targets.size());
                out.put("peersAnswered", answered.get());
                return out;
            });
        });
    }

    /** A node nobody can dial gets transactions this way ({@code /p2p/mempool}). */
    @Override
    public List<Transaction> mempoolForPeers(int max) {
        List<Transaction> all = mempool.all();
        return all.subList(0, Math.min(max, all.size()));
    }

    /** Stops syncing and ticking; answers still on their way are ignored. */
    @Override
    public void close() {
        closed = true;
    }
}
