package org.powchain.node;

import org.powchain.core.WallClock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.powchain.chain.ChainManager;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.SignatureVerifier;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.mempool.Mempool;
import org.powchain.mining.Miner;
import org.powchain.p2p.HttpTransport;
import org.powchain.p2p.LinkFaults;
import org.powchain.p2p.Network;
import org.powchain.p2p.PeerStore;
import org.powchain.p2p.Timings;
import org.powchain.wire.WireFormat;
import org.powchain.store.ChainStore;
import org.powchain.store.MemoryStore;
import org.powchain.store.SqliteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real node: the {@link NodeAssembly} (chain, mempool, peers, network) on the wall clock, a
 * store on disk or in memory and the HTTP transport, with the mining threads, the p2p timer
 * thread and the metrics on top. No statics, so tests run several nodes in one JVM. The HTTP
 * server ({@code api}) sits on top of it.
 */
public final class Node implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final NodeConfig config;
    private final LongSupplier clock;
    private final ChainStore store;
    /** Shared by the chain and the mempool: a transaction verified on admission is not verified again in a block. */
    private final SignatureVerifier signatures;
    /** Chain, mempool, peers and network, as the simulator wires them too. */
    private final NodeAssembly parts;
    private final Miner miner;
    /** Delay and loss on this node's outgoing peer messages; empty unless a devnet sets some. */
    private final LinkFaults linkFaults = new LinkFaults();
    /** The real-time side of the p2p protocol: calls {@link Network#tick} every second. */
    private final ScheduledExecutorService ticker;
    private final AccountNames accounts;
    private final Keys minerKeys;
    private final NodeMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Node(NodeConfig config) {
        this(config, config.dataDir().<ChainStore>map(d -> SqliteStore.open(d, config.params().ledger())).orElseGet(MemoryStore::new));
    }

    /** A node on {@code store}, already open (after {@code --reindex}); the node closes it. */
    public Node(NodeConfig config, ChainStore store) {
        this.config = config;
        this.clock = WallClock::millis;
        this.accounts = new AccountNames(config.demoAccounts());
        // The miner is paid to the demo account named after the node, so getbalance?account=<node-id> works.
        this.minerKeys = Keys.demo(config.nodeId());
        this.store = store;
        this.signatures = new SignatureVerifier(200_000);
        int maxBlock = config.params().maxBlockBytes();
        try {
            // JSON is about 3x a block's binary size; a batch of blocks is bounded by GetBlocks.MAX_BLOCKS.
            this.parts = new NodeAssembly(config.params(), store, signatures, clock, new NodeAssembly.Peering(
                    config.nodeId(), config.nodeIp(), config.port(), config.maxPeers(), config.bootNodes(),
                    peers -> {
                        HttpTransport http = new HttpTransport(peers::self, Duration.ofSeconds(10), 8L * maxBlock, wire(),
                                p -> true);
                        http.faults(linkFaults);
                        return http;
                    },
                    new SplittableRandom(), Timings.DEFAULT));
        } catch (RuntimeException e) {
            store.close(); // releases the data dir's lock
            throw e;
        }
        this.miner = new Miner(parts.chain(), parts.assembler(), minerKeys.address(), config.threads(), clock);
        this.metrics = new NodeMetrics(parts.chain().queries(), parts.mempool(), miner, parts.peers()::countByState);
        parts.chain().addListener(miner);
        parts.chain().addListener(metrics);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "p2p-tick-" + config.nodeId());
            t.setDaemon(true);
            return t;
        });
        long tick = parts.network().timings().tickMillis();
        ticker.scheduleWithFixedDelay(this::tickNetwork, tick, tick, TimeUnit.MILLISECONDS);
        accounts.demoKeys(config.nodeId());
        config.params().genesisAllocations().forEach(a -> accounts.demoKeys(a.demoName()));
    }

    private void tickNetwork() {
        try {
            parts.network().tick();
        } catch (RuntimeException e) {
            log.warn("p2p tick failed", e);
        }
    }

    /** A short random id, like the original's. */
    public static String randomNodeId() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    public void start() {
        miner.start();
        if (config.mine()) {
            if (!parts.network().caughtUp().isDone()) {
                log.info("mining starts once this node has caught up with its boot nodes {}", config.bootNodes());
            }
            parts.network().caughtUp().thenRun(() -> {
                if (!closed.get()) {
                    miner.setContinuous(true);
                }
            });
        }
        log.info("node {} at height {}, tip {}", config.nodeId(), queries().height(), queries().tipNode().hash());
    }

    public NodeConfig config() {
        return config;
    }

    /** The parts the simulator's nodes are wired from too. */
    public NodeAssembly assembly() {
        return parts;
    }

    public ChainManager chain() {
        return parts.chain();
    }

    /** What the chain answers readers: {@code chain().queries()}. */
    public ChainQueries queries() {
        return parts.chain().queries();
    }

    public SignatureVerifier signatures() {
        return signatures;
    }

    public Mempool mempool() {
        return parts.mempool();
    }

    public Miner miner() {
        return miner;
    }

    public PeerStore peers() {
        return parts.peers();
    }

    /** Peers, relay and sync; talks to peers once {@link Network#start} is given the HTTP port. */
    public Network network() {
        return parts.network();
    }

    /** Blocks and transactions as JSON, in this network's ledger model: for peers and for the API. */
    public WireFormat wire() {
        return WireFormat.of(config.params());
    }

    public LinkFaults linkFaults() {
        return linkFaults;
    }

    public AccountNames accounts() {
        return accounts;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    public Address minerAddress() {
        return minerKeys.address();
    }

    public long now() {
        return clock.getAsLong();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // a shutdown hook and a caller may both close; the store is gone after the first
        }
        ticker.shutdownNow();
        parts.network().close();
        miner.close();
        store.mempool().replaceAll(parts.mempool().all());
        store.close();
    }
}
