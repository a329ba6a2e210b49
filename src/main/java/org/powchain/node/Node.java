package org.powchain.node;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;
import org.powchain.mempool.Mempool;
import org.powchain.mempool.MempoolJournalListener;
import org.powchain.mining.BlockAssembler;
import org.powchain.mining.Miner;
import org.powchain.p2p.HttpTransport;
import org.powchain.p2p.LinkFaults;
import org.powchain.p2p.Network;
import org.powchain.p2p.PeerStore;
import org.powchain.store.ChainStore;
import org.powchain.store.MemoryStore;
import org.powchain.store.SqliteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's object graph, wired in one place: store, chain, mempool, miner, peers. No statics,
 * so tests run several nodes in one JVM. The HTTP server ({@code api}) sits on top of it.
 */
public final class Node implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final NodeConfig config;
    private final LongSupplier clock;
    private final ChainStore store;
    private final ChainManager chain;
    /** Shared by the chain and the mempool: a transaction verified on admission is not verified again in a block. */
    private final SignatureVerifier signatures;
    private final Mempool mempool;
    private final Miner miner;
    private final PeerStore peers;
    private final Network network;
    /** Delay and loss on this node's outgoing peer messages; empty unless a devnet sets some. */
    private final LinkFaults linkFaults = new LinkFaults();
    /** The real-time side of the p2p protocol: calls {@link Network#tick} every second. */
    private final ScheduledExecutorService ticker;
    private final AccountNames accounts;
    private final Keys minerKeys;
    private final NodeMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Node(NodeConfig config) {
        this(config, config.dataDir().<ChainStore>map(SqliteStore::open).orElseGet(MemoryStore::new));
    }

    /** A node on {@code store}, already open (after {@code --reindex}); the node closes it. */
    public Node(NodeConfig config, ChainStore store) {
        this.config = config;
        this.clock = System::currentTimeMillis;
        this.accounts = new AccountNames(config.demoAccounts());
        // The miner is paid to the demo account named after the node, so getbalance?account=<node-id> works.
        this.minerKeys = Keys.demo(config.nodeId());
        this.store = store;
        this.signatures = new SignatureVerifier(200_000);
        try {
            // the journal listens from the start: a reorg that opening finishes gives transactions back too
            this.chain = ChainManager.open(config.params(), store, signatures, clock, new MempoolJournalListener(store.mempool()));
        } catch (RuntimeException e) {
            store.close(); // releases the data dir's lock
            throw e;
        }
        this.mempool = new Mempool(chain, signatures, 50_000);
        reloadMempool(signatures);
        // Registered first, so a transaction is saved before anyone relays or acknowledges it.
        mempool.addAdmittedListener(store.mempool()::add);
        this.miner = new Miner(chain, new BlockAssembler(chain, mempool), minerKeys.address(), config.threads(), clock);
        this.peers = new PeerStore(32, config.nodeIp() + ":" + config.port(), clock);
        this.metrics = new NodeMetrics(chain, mempool, miner, peers::countByState);
        chain.addListener(mempool);
        chain.addListener(miner);
        chain.addListener(metrics);
        // JSON is about 3x a block's binary size; a batch of blocks is bounded by GetBlocks.MAX_BLOCKS.
        int maxBlock = config.params().maxBlockBytes();
        HttpTransport http = new HttpTransport(peers::self, Duration.ofSeconds(10), 8L * maxBlock,
                maxBlock / Transaction.SIZE + 1, p -> true);
        http.faults(linkFaults);
        this.network = new Network(chain, mempool, peers, http, config.nodeId(), config.nodeIp(), config.bootNodes(), clock,
                new SplittableRandom());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "p2p-tick-" + config.nodeId());
            t.setDaemon(true);
            return t;
        });
        long tick = network.timings().tickMillis();
        ticker.scheduleWithFixedDelay(this::tickNetwork, tick, tick, TimeUnit.MILLISECONDS);
        accounts.demoKeys(config.nodeId());
        config.params().genesisAllocations().forEach(a -> accounts.demoKeys(a.demoName()));
    }

    /**
     * Puts the saved transactions back in the mempool, each checked again against the tip (some may
     * have been mined, or made unaffordable, since they were saved), and saves what is left.
     */
    private void reloadMempool(SignatureVerifier signatures) {
        List<Transaction> saved = store.mempool().load();
        if (saved.isEmpty()) {
            return;
        }
        saved.parallelStream().forEach(t -> { // verify in parallel; readd then finds them cached
            try {
                signatures.verify(t);
            } catch (RuleViolation invalid) {
                // readd drops it
            }
        });
        mempool.readd(saved);
        store.mempool().replaceAll(mempool.all());
        log.info("mempool: {} of {} saved transactions are still valid and back in the mempool", mempool.size(), saved.size());
    }

    private void tickNetwork() {
        try {
            network.tick();
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
            if (!network.caughtUp().isDone()) {
                log.info("mining starts once this node has caught up with its boot nodes {}", config.bootNodes());
            }
            network.caughtUp().thenRun(() -> {
                if (!closed.get()) {
                    miner.setContinuous(true);
                }
            });
        }
        log.info("node {} at height {}, tip {}", config.nodeId(), chain.height(), chain.tipNode().hash());
    }

    public NodeConfig config() {
        return config;
    }

    public ChainManager chain() {
        return chain;
    }

    public SignatureVerifier signatures() {
        return signatures;
    }

    public Mempool mempool() {
        return mempool;
    }

    public Miner miner() {
        return miner;
    }

    public PeerStore peers() {
        return peers;
    }

    /** Peers, relay and sync; talks to peers once {@link Network#start} is given the HTTP port. */
    public Network network() {
        return network;
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
        network.close();
        miner.close();
        store.mempool().replaceAll(mempool.all());
        store.close();
    }
}
