package org.powchain.sim;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.powchain.chain.ChainManager;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Keys;
import org.powchain.mempool.Mempool;
import org.powchain.mining.BlockAssembler;
import org.powchain.node.NodeAssembly;
import org.powchain.p2p.Network;
import org.powchain.p2p.PeerException;
import org.powchain.p2p.PeerStore;
import org.powchain.wire.PeerAddress;
import org.powchain.p2p.PeerTransport;
import org.powchain.wire.Request;
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
    /** The timer: null for an offline node. */
    private final EventScheduler scheduler;
    private final long tickMicros;
    private final long phase;
    private long timerGeneration;
    private boolean timerOn;

    /**
     * @param peerCapacity how many peers it keeps (its outbound peers plus those that gossip fills in)
     * @param signatures   shared by every simulated node: a signature is checked once per run
     */
    public SimNode(SimNetwork net, EventScheduler scheduler, ConsensusParams params, SignatureVerifier signatures,
                   Timings timings, int peerCapacity, double uplinkMbps, long seed) {
        this(net, scheduler, params, signatures, timings, peerCapacity, uplinkMbps, List.of(), seed, new MemoryStore());
    }

    /** @param bootNodes as {@code --boot-node}: kept and retried however often they fail */
    public SimNode(SimNetwork net, EventScheduler scheduler, ConsensusParams params, SignatureVerifier signatures,
                   Timings timings, int peerCapacity, double uplinkMbps, List<PeerAddress> bootNodes, long seed) {
        this(net, scheduler, params, signatures, timings, peerCapacity, uplinkMbps, bootNodes, seed, new MemoryStore());
    }

    /** @param store where its chain is kept: a {@link MemoryStore}, pruned or not */
    public SimNode(SimNetwork net, EventScheduler scheduler, ConsensusParams params, SignatureVerifier signatures,
                   Timings timings, int peerCapacity, double uplinkMbps, List<PeerAddress> bootNodes, long seed,
                   MemoryStore store) {
        this.index = net.reserve(uplinkMbps);
        this.id = "n" + index;
        this.keys = Keys.demo(id);
        PeerAddress self = net.address(index);
        this.parts = new NodeAssembly(params, store, signatures, scheduler::millis, new NodeAssembly.Peering(
                id, self.host(), self.port(), peerCapacity, bootNodes.stream().map(PeerAddress::toString).toList(),
                peers -> net.transport(index), new SplittableRandom(seed), timings));
        Network network = parts.network();
        net.attach(index, network);
        network.start(self.port());
        // every node ticks as the real node's timer thread does, each at its own phase
        this.scheduler = scheduler;
        this.tickMicros = timings.tickMillis() * 1_000;
        this.phase = new SplittableRandom(seed ^ 0x5DEECE66DL).nextLong(tickMicros);
        startTimer(phase);
    }

    private void startTimer(long firstAfterMicros) {
        long g = ++timerGeneration;
        timerOn = true;
        scheduler.after(index, firstAfterMicros, new Runnable() {
            @Override
            public void run() {
                if (g == timerGeneration) {
                    parts.network().tick();
                    scheduler.after(index, tickMicros, this);
                }
            }
        });
    }

    /** Whether this node's timer runs. */
    public boolean timerOn() {
        return timerOn;
    }

    /**
     * Stops or restarts this node's timer (hellos, periodic sync, mempool pulls). A scenario whose
     * nodes already know their peers and lose no message may stop it: blocks still travel by
     * announcement, and a node missing a parent still syncs at once with whoever sent it. Restarted,
     * it ticks at its own phase again. An offline node has no timer.
     */
    public void timer(boolean on) {
        if (scheduler == null || on == timerOn) {
            return;
        }
        if (on) {
            long now = scheduler.micros();
            startTimer(Math.floorMod(phase - now, tickMicros));
        } else {
            timerOn = false;
            timerGeneration++;
        }
    }

    /** The private half of {@code face}'s operator: see {@link #offline}. */
    private SimNode(SimNode face, EventScheduler scheduler, ConsensusParams params, SignatureVerifier signatures,
                    Timings timings, MemoryStore store) {
        this.index = face.index;
        this.id = face.id + "-private";
        this.keys = face.keys;
        PeerTransport unplugged = new PeerTransport() {
            @Override
            public <A> CompletableFuture<A> request(PeerAddress peer, Request<A> request) {
                return CompletableFuture.failedFuture(new PeerException(PeerException.Kind.UNREACHABLE, id + " is offline"));
            }
        };
        this.parts = new NodeAssembly(params, store, signatures, scheduler::millis, new NodeAssembly.Peering(
                id, "offline", 0, 1, List.of(), peers -> unplugged, new SplittableRandom(0), timings));
        // never started, never attached to the simulated network, never ticked: it has no address
        this.scheduler = null;
        this.tickMicros = 0;
        this.phase = 0;
    }

    /**
     * The same assembly as every node, run by the same operator as {@code face} (same index, same
     * keys), but unplugged: no address on the simulated network, no peers, no timer. An attacker
     * mines here; nobody can ask it anything.
     */
    static SimNode offline(SimNode face, EventScheduler scheduler, ConsensusParams params, SignatureVerifier signatures,
                           Timings timings, MemoryStore store) {
        return new SimNode(face, scheduler, params, signatures, timings, store);
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
