package org.powchain.sim;

import java.util.List;
import java.util.SplittableRandom;
import org.powchain.chain.ChainManager;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Keys;
import org.powchain.mempool.Mempool;
import org.powchain.mining.BlockAssembler;
import org.powchain.node.NodeAssembly;
import org.powchain.p2p.Network;
import org.powchain.p2p.PeerStore;
import org.powchain.p2p.PeerAddress;
import org.powchain.p2p.Timings;
import org.powchain.store.MemoryStore;

/**
 * One simulated node: the real node's {@link NodeAssembly} ({@link ChainManager}, {@link Mempool},
 * {@link BlockAssembler}, {@link PeerStore}, {@link Network}, built by the same code as
 * {@code node.Node}'s), on the virtual clock, an in-memory store and the simulated network. Only
 * the HTTP server, the disk and the mining threads are missing; hashing power is modelled by {@link HashPower}.
 */
public final class SimNode {
    private final int index;
    private final String id;
    private final NodeAssembly parts;
    private final Keys keys;

    /**
     * @param peerCapacity how many peers it keeps (its outbound peers plus those that gossip fills in)
     * @param signatures   shared by every simulated node: a signature is checked once per run
     */
    public SimNode(SimNetwork net, EventScheduler scheduler, ConsensusParams params, SignatureVerifier signatures,
                   Timings timings, int peerCapacity, double uplinkMbps, long seed) {
        this(net, scheduler, params, signatures, timings, peerCapacity, uplinkMbps, List.of(), seed);
    }

    /** @param bootNodes as {@code --boot-node}: kept and retried however often they fail */
    public SimNode(SimNetwork net, EventScheduler scheduler, ConsensusParams params, SignatureVerifier signatures,
                   Timings timings, int peerCapacity, double uplinkMbps, List<PeerAddress> bootNodes, long seed) {
        this.index = net.reserve(uplinkMbps);
        this.id = "n" + index;
        this.keys = Keys.demo(id);
        PeerAddress self = net.address(index);
        this.parts = new NodeAssembly(params, new MemoryStore(), signatures, scheduler::millis, new NodeAssembly.Peering(
                id, self.host(), self.port(), peerCapacity, bootNodes.stream().map(PeerAddress::toString).toList(),
                peers -> net.transport(index), new SplittableRandom(seed), timings));
        Network network = parts.network();
        net.attach(index, network);
        network.start(self.port());
        // every node ticks as the real node's timer thread does, each at its own phase
        long tick = timings.tickMillis() * 1_000;
        long phase = new SplittableRandom(seed ^ 0x5DEECE66DL).nextLong(tick);
        scheduler.after(phase, new Runnable() {
            @Override
            public void run() {
                network.tick();
                scheduler.after(tick, this);
            }
        });
    }

    public int index() {
        return index;
    }

    public String id() {
        return id;
    }

    /** The parts the real node is wired from too. */
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

    public Mempool mempool() {
        return parts.mempool();
    }

    public BlockAssembler assembler() {
        return parts.assembler();
    }

    public PeerStore peers() {
        return parts.peers();
    }

    public Network network() {
        return parts.network();
    }

    /** The demo key this node's miner is paid to. */
    public Keys keys() {
        return keys;
    }
}
