package org.powchain.node;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.mempool.Mempool;
import org.powchain.mining.BlockAssembler;
import org.powchain.mining.Miner;
import org.powchain.p2p.Network;
import org.powchain.p2p.PeerStore;
import org.powchain.store.ChainStore;
import org.powchain.store.MemoryStore;
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
    private final Mempool mempool;
    private final Miner miner;
    private final PeerStore peers;
    private final Network network;
    private final AccountNames accounts;
    private final Keys minerKeys;
    private final NodeMetrics metrics;

    public Node(NodeConfig config) {
        this.config = config;
        this.clock = System::currentTimeMillis;
        this.accounts = new AccountNames(config.demoAccounts());
        // The miner is paid to the demo account named after the node, so getbalance?account=<node-id> works.
        this.minerKeys = Keys.demo(config.nodeId());
        this.store = new MemoryStore();
        SignatureVerifier signatures = new SignatureVerifier(200_000);
        this.chain = ChainManager.open(config.params(), store, signatures, clock);
        this.mempool = new Mempool(chain, signatures, 50_000);
        this.miner = new Miner(chain, new BlockAssembler(chain, mempool), minerKeys.address(), config.threads(), clock);
        this.peers = new PeerStore(32, config.nodeIp() + ":" + config.port(), clock);
        this.metrics = new NodeMetrics(chain, mempool, miner, peers::countByState);
        chain.addListener(mempool);
        chain.addListener(miner);
        chain.addListener(metrics);
        this.network = new Network(chain, mempool, peers, config.nodeId(), config.nodeIp(), config.bootNodes(), clock);
        accounts.demoKeys(config.nodeId());
        config.params().genesisAllocations().forEach(a -> accounts.demoKeys(a.demoName()));
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
        miner.setContinuous(config.mine());
        log.info("node {} at height {}, tip {}", config.nodeId(), chain.height(), chain.tipNode().hash());
    }

    public NodeConfig config() {
        return config;
    }

    public ChainManager chain() {
        return chain;
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
        network.close();
        miner.close();
        store.close();
    }
}
