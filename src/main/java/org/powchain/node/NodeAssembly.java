package org.powchain.node;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Transaction;
import org.powchain.mempool.Mempool;
import org.powchain.mempool.MempoolJournalListener;
import org.powchain.mining.BlockAssembler;
import org.powchain.p2p.Network;
import org.powchain.p2p.PeerStore;
import org.powchain.p2p.PeerTransport;
import org.powchain.p2p.Timings;
import org.powchain.store.ChainStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's protocol object graph, wired in one place and one order: chain, mempool (with its
 * saved journal), block assembler, peers and network. The real {@link Node} and the simulator's
 * {@code sim.SimNode} both build theirs here, so the simulator runs exactly the real node's
 * classes; they hand in only what differs: the clock, the store, the transport and the seeded
 * chance. What drives it sits on top, in each: mining (the {@code Miner}'s threads, or the
 * simulator's modelled hash power, both building on {@link #assembler()}), the timer that calls
 * {@link Network#tick()}, and, in the real node, metrics and the HTTP server.
 *
 * <p>Nothing here starts a thread; the network talks to peers once {@link Network#start} is called.
 */
public final class NodeAssembly {
    private static final Logger log = LoggerFactory.getLogger(NodeAssembly.class);
    static final int MEMPOOL_CAPACITY = 50_000;

    /**
     * How a node meets its peers.
     *
     * @param host      the address other nodes should dial ({@code --node-ip})
     * @param port      the port advertised until {@link Network#start} is given the one bound
     * @param capacity  how many peers it keeps
     * @param transport how requests reach peers, given the node's peer store (the HTTP client names
     *                  this node's advertised address in every request)
     * @param random    the protocol's only source of chance: seeded, a simulation repeats exactly
     */
    public record Peering(String nodeId, String host, int port, int capacity, List<String> bootNodes,
                          Function<PeerStore, PeerTransport> transport, RandomGenerator random, Timings timings) {
        public Peering {
            bootNodes = List.copyOf(bootNodes);
        }
    }

    private final ChainManager chain;
    private final MempoolJournalListener journal;
    private final Mempool mempool;
    private final BlockAssembler assembler;
    private final PeerStore peers;
    private final Network network;

    /**
     * Opens the chain in {@code store} and builds the rest on it; the mempool starts from the
     * transactions the store saved.
     *
     * @param signatures shared by the chain and the mempool (and, in a simulation, by every node):
     *                   a transaction verified on admission is not verified again in a block
     */
    public NodeAssembly(ConsensusParams params, ChainStore store, SignatureVerifier signatures, LongSupplier clock,
                        Peering peering) {
        // the journal listens from the start: a reorg that opening finishes gives transactions back too
        this.journal = new MempoolJournalListener(store.mempool());
        this.chain = ChainManager.open(params, store, signatures, clock, journal);
        this.mempool = new Mempool(chain.queries(), signatures, MEMPOOL_CAPACITY);
        reloadMempool(store, signatures);
        // Registered first, so a transaction is saved before anyone relays or acknowledges it.
        mempool.addAdmittedListener(store.mempool()::add);
        chain.addListener(mempool);
        this.assembler = new BlockAssembler(chain.queries(), mempool);
        this.peers = new PeerStore(peering.capacity(), peering.host() + ":" + peering.port(), clock);
        this.network = new Network(chain, mempool, peers, peering.transport().apply(peers), peering.nodeId(),
                peering.host(), peering.bootNodes(), clock, peering.random(), peering.timings());
    }

    /**
     * Puts the saved transactions back in the mempool, each checked again against the tip (some may
     * have been mined, or made unaffordable, since they were saved), and saves what is left.
     */
    private void reloadMempool(ChainStore store, SignatureVerifier signatures) {
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

    public ChainManager chain() {
        return chain;
    }

    /** Keeps the store's saved mempool in step with the chain. */
    public MempoolJournalListener journal() {
        return journal;
    }

    public Mempool mempool() {
        return mempool;
    }

    /** The block template every miner, real or simulated, works on. */
    public BlockAssembler assembler() {
        return assembler;
    }

    public PeerStore peers() {
        return peers;
    }

    /** Peers, relay and sync. */
    public Network network() {
        return network;
    }
}
