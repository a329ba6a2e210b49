package org.powchain.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.powchain.chain.BlockNode;
import org.powchain.chain.BlockOutcome;
import org.powchain.chain.ChainManager;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;
import org.powchain.mempool.Mempool;
import org.powchain.p2p.PeerStore.PeerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the peer-to-peer network (docs/PROTOCOL.md): it says hello to peers and
 * swaps peer lists with them ({@link PeerGossip}), relays new blocks and transactions ({@link BlockRelay},
 * {@link TxRelay}), syncs chains ({@link HeaderSync}), and scores peers ({@link PeerStore}).
 * The HTTP routes peers call are in {@code api.PeerRoutes}; they hand what arrives to the
 * {@code receive...} methods here.
 *
 * <p>Threads: a tick thread decides what to do every second; a bounded pool of I/O workers makes
 * the requests (each with a deadline), so a slow peer holds one worker for a few seconds at most
 * and never an HTTP thread; one sync thread runs chain syncs one at a time.
 */
public final class Network implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Network.class);
    /** The header naming the sender's advertised address on every node-to-node request. */
    public static final String PEER_HEADER = "X-Powchain-Peer";
    static final long TICK_MILLIS = 1_000;
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]{1,38}");
    /** A sync with one peer and a pull of its mempool this often, even when nothing was announced. */
    static final long SYNC_EVERY_MILLIS = 5_000;
    static final int MAX_MEMPOOL_PULL = 1_000;

    private final ChainManager chain;
    private final Mempool mempool;
    private final PeerStore peers;
    private final LongSupplier clock;
    private final String nodeIp;
    private final List<String> bootNodes;
    private final PeerGossip gossip;
    private final PeerClient client;
    private final ThreadPoolExecutor io;
    private final ExecutorService syncThread;
    private final ScheduledExecutorService tick;
    private final HeaderSync sync;
    private final BlockRelay blockRelay;
    private final TxRelay txRelay;
    private final Set<PeerAddress> syncQueued = ConcurrentHashMap.newKeySet();
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

    public Network(ChainManager chain, Mempool mempool, PeerStore peers, String nodeId, String nodeIp,
                   List<String> bootNodes, LongSupplier clock) {
        this.chain = chain;
        this.mempool = mempool;
        this.peers = peers;
        this.clock = clock;
        this.nodeIp = nodeIp;
        this.bootNodes = List.copyOf(bootNodes);
        // JSON is about 3x a block's binary size; a batch of blocks is bounded by HeaderSync.BLOCKS_PER_REQUEST.
        long maxAnswer = 8L * chain.params().maxBlockBytes();
        this.client = new PeerClient(peers::self, Duration.ofSeconds(10), maxAnswer, p -> dialFilter.test(p));
        AtomicInteger n = new AtomicInteger();
        // Bounded queue, oldest relay dropped when full: a flood of work never grows memory without bound.
        this.io = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(4_096),
                r -> daemon(r, "p2p-io-" + nodeId + "-" + n.incrementAndGet()), new ThreadPoolExecutor.DiscardOldestPolicy());
        this.io.allowCoreThreadTimeOut(true);
        this.syncThread = Executors.newSingleThreadExecutor(r -> daemon(r, "p2p-sync-" + nodeId));
        this.tick = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "p2p-tick-" + nodeId));
        this.sync = new HeaderSync(chain, peers, client, io);
        this.gossip = new PeerGossip(chain, peers, client, io, clock, nodeId, this::requestSync);
        Fanout fanout = new Fanout(peers, client, io);
        this.blockRelay = new BlockRelay(chain, fanout, origins, sync::isDownloading);
        this.txRelay = new TxRelay(fanout, origins, mempool);
        chain.addListener(blockRelay);
        chain.addListener(txRelay); // after the mempool (Node adds it first), so returned txs are back in it
        mempool.addAdmittedListener(txRelay);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts talking to peers once the HTTP server listens on {@code port}: from then on this node
     * advertises {@code nodeIp:port}, greets its boot nodes and catches up with them.
     */
    public synchronized void start(int port) {
        if (started) {
            return;
        }
        started = true;
        peers.setSelf(nodeIp + ":" + port);
        for (String b : bootNodes) {
            PeerStore.parse(b).ifPresentOrElse(peers::addBoot, () -> log.warn("ignoring boot node '{}': not host:port", b));
        }
        tick.scheduleWithFixedDelay(this::tickSafely, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        log.info("p2p: advertising {}, boot nodes {}", peers.self(), bootNodes);
    }

    public PeerStore peers() {
        return peers;
    }

    /** Test hook: only peers that pass {@code filter} are dialled, as if a firewall stood between. */
    public void setDialFilter(Predicate<PeerAddress> filter) {
        this.dialFilter = filter;
    }

    // ---- the tick: greet, gossip, sync ----

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("p2p tick failed", e);
        }
    }

    private void tick() {
        long now = clock.getAsLong();
        gossip.tick();
        if (now - lastSyncTick >= SYNC_EVERY_MILLIS) {
            lastSyncTick = now;
            List<PeerAddress> healthy = peers.healthy();
            if (!healthy.isEmpty()) {
                PeerAddress p = healthy.get(ThreadLocalRandom.current().nextInt(healthy.size()));
                requestSync(p);
                io.execute(() -> pullMempool(p));
            }
        }
    }

    /** What this node says about itself in a hello (tests build a fake peer's hello from it). */
    public ObjectNode hello() {
        return gossip.hello();
    }

    // ---- what peers send us (called by the HTTP routes) ----

    /** Thrown when a peer's hello is one we must refuse. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        Refused(String code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A peer said hello: see {@link PeerGossip#receiveHello}. */
    public ObjectNode receiveHello(JsonNode hello, Optional<PeerAddress> from) throws Refused {
        return gossip.receiveHello(hello, from);
    }

    /** A peer (or a user) sent a block: validate it; a block whose parent we lack makes us sync with the sender. */
    public BlockOutcome receiveBlock(Block block, Optional<PeerAddress> from) throws RuleViolation {
        arrived(block.hash(), from);
        try {
            return chain.process(block);
        } catch (RuleViolation v) {
            if (v.rule() == Rule.UNKNOWN_PARENT) {
                from.ifPresentOrElse(this::requestSync, () -> peers.healthy().forEach(this::requestSync));
            } else {
                from.ifPresent(p -> penalize(p, Misbehavior.forBlock(v.rule()), "block " + block.hash() + ": " + v.getMessage()));
            }
            throw v;
        }
    }

    /** A peer relayed a transaction: admit it to the mempool (which relays it on if it is new). */
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
        Optional<PeerAddress> claimed = PeerStore.parse(claim);
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

    /** Someone named a peer on purpose ({@code /addpeer}): greet it now. */
    public boolean addPeer(PeerAddress peer) {
        boolean added = peers.add(peer);
        if (added && started) {
            gossip.greetSoon(peer);
        }
        return added;
    }

    private void penalize(PeerAddress peer, int points, String problem) {
        peers.penalize(peer, points, problem);
    }

    // ---- sync ----

    /** Queues a sync with {@code peer} on the sync thread, unless one is already queued. */
    void requestSync(PeerAddress peer) {
        if (syncQueued.add(peer)) {
            try {
                syncThread.execute(() -> {
                    syncQueued.remove(peer);
                    syncNow(peer);
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                syncQueued.remove(peer);
            }
        }
    }

    private HeaderSync.Result syncNow(PeerAddress peer) {
        if (peers.isBanned(peer)) {
            return HeaderSync.Result.nothing();
        }
        HeaderSync.Result r = sync.syncWith(peer, peers.healthy());
        r.misbehaving().forEach((p, problem) -> penalize(p, problem.points(), problem.detail()));
        r.unreachable().forEach(p -> peers.failed(p, "sync: no answer"));
        if (r.accepted() > 0) {
            log.info("p2p: synced {} block(s) from {}; height {}", r.accepted(), peer, chain.height());
        }
        blockRelay.announceTip(); // relaying was held back while blocks were connected (a no-op if already announced)
        return r;
    }

    private void pullMempool(PeerAddress peer) {
        try {
            JsonNode txs = client.get(peer, "/p2p/mempool?max=" + MAX_MEMPOOL_PULL);
            if (!txs.isArray() || txs.size() > MAX_MEMPOOL_PULL) {
                receivedGarbage(peer, "/p2p/mempool must answer an array of at most " + MAX_MEMPOOL_PULL);
                return;
            }
            for (JsonNode t : txs) {
                Transaction tx = WireFormat.parseTransaction(t);
                if (mempool.get(tx.id()).isEmpty()) {
                    try {
                        receiveTransaction(tx, Optional.of(peer));
                    } catch (RuleViolation stale) {
                        // scored in receiveTransaction if it was more than stale
                    }
                }
            }
        } catch (PeerException e) {
            if (e.kind() == PeerException.Kind.GARBAGE) {
                receivedGarbage(peer, e.getMessage());
            }
        } catch (MalformedMessage m) {
            receivedGarbage(peer, m.getMessage());
        }
    }

    /**
     * {@code /resolvesplit}: syncs with every known peer now, one after the other on the sync
     * thread, and says what changed: the old and new tip, and how many blocks were disconnected
     * and connected. No thread waits for it meanwhile.
     */
    public CompletableFuture<Map<String, Object>> resolveSplit() {
        return CompletableFuture.supplyAsync(() -> {
            BlockNode oldTip = chain.tipNode();
            List<PeerAddress> targets = peers.all();
            int answered = 0;
            for (PeerAddress p : targets) {
                answered += syncNow(p).answered() ? 1 : 0;
            }
            BlockNode newTip = chain.tipNode();
            BlockNode fork = forkPoint(oldTip, newTip);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("oldTip", oldTip.hash().toHex());
            out.put("oldHeight", oldTip.height());
            out.put("newTip", newTip.hash().toHex());
            out.put("height", newTip.height());
            out.put("disconnected", oldTip.height() - fork.height());
            out.put("connected", newTip.height() - fork.height());
            out.put("peersAsked", targets.size());
            out.put("peersAnswered", answered);
            return out;
        }, syncThread);
    }

    private static BlockNode forkPoint(BlockNode a, BlockNode b) {
        int h = Math.min(a.height(), b.height());
        a = a.ancestor(h);
        b = b.ancestor(h);
        while (a != b && !a.hash().equals(b.hash())) {
            a = a.parent();
            b = b.parent();
        }
        return a;
    }

    /** Mempool transactions for a peer that pulls ({@code /p2p/mempool}): a node nobody can dial gets txs this way. */
    public List<Transaction> mempoolForPeers(int max) {
        List<Transaction> all = mempool.all();
        return all.subList(0, Math.min(max, all.size()));
    }

    @Override
    public void close() {
        tick.shutdownNow();
        syncThread.shutdownNow();
        io.shutdownNow();
    }
}
