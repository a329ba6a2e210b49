package org.powchain.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.powchain.chain.BlockNode;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Target;
import org.powchain.p2p.Timings;
import org.powchain.store.MemoryStore;

/**
 * What every scenario starts from: a virtual clock, a simulated network, honest nodes built from
 * the real node's classes and their hashing power. Scenarios add what they study (an attacker, a
 * partition, a hashrate change) and read the nodes' chains for their results.
 */
public final class Simulation {
    /** Blocks mined by whom, in order: the ground truth for stale rates and revenue. */
    public record Mined(Hash hash, int miner, long atMicros, int height) {}

    private final ConsensusParams params;
    private final EventScheduler scheduler;
    private final SimNetwork net;
    private final SignatureVerifier signatures = new SignatureVerifier(1_000_000);
    private final SplittableRandom random;
    private final List<SimNode> nodes = new ArrayList<>();
    private final List<HashPower> miners = new ArrayList<>();
    private final List<Mined> mined = new ArrayList<>();
    private double hashesPerMicro;
    private final Timings timings;
    private LongConsumer progress = n -> { };
    /** {@code --latency-matrix} and {@code --loss}, taken from the task's thread when this simulation is made. */
    private final NetworkConditions conditions = NetworkConditions.current();
    /** 0: every node keeps all its history; else all but the first node keep only this many blocks of it. */
    private int keepDepth;

    /**
     * @param blockIntervalMillis the expected time between blocks at the starting difficulty: it
     *                            sets the whole network's hashrate
     */
    public Simulation(ConsensusParams params, long seed, double blockIntervalMillis) {
        this.params = params;
        this.random = new SplittableRandom(seed);
        // the clock starts at genesis, so every block's time is in a real node's past
        this.scheduler = new EventScheduler(params.genesisTimestamp() + 1_000);
        this.net = new SimNetwork(scheduler, random.nextLong());
        net.setLoss(conditions.loss());
        int bits = params.pinnedBits().orElse(params.genesisBits());
        this.hashesPerMicro = Target.work(bits).doubleValue() / (blockIntervalMillis * 1_000);
        this.timings = Timings.scaledTo((long) blockIntervalMillis);
    }

    /**
     * Pinned difficulty {@code bits} (leading zero bits), as {@code powchain --difficulty} does, in
     * the task's ledger model ({@link NetworkConditions#params}).
     */
    public static ConsensusParams pinned(int bits) {
        return NetworkConditions.params().withPinnedDifficulty(bits);
    }

    public ConsensusParams params() {
        return params;
    }

    public EventScheduler scheduler() {
        return scheduler;
    }

    public SimNetwork network() {
        return net;
    }

    public List<SimNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public List<HashPower> miners() {
        return Collections.unmodifiableList(miners);
    }

    public List<Mined> mined() {
        return Collections.unmodifiableList(mined);
    }

    public long nextSeed() {
        return random.nextLong();
    }

    /** Told the number of blocks mined so far, after each one. */
    public void onProgress(LongConsumer progress) {
        this.progress = progress;
    }

    public double hashesPerMicro() {
        return hashesPerMicro;
    }

    /** Multiplies the whole network's hashrate by {@code factor} from now on. */
    public void scaleHashrate(double factor) {
        hashesPerMicro *= factor;
        miners.forEach(HashPower::reschedule);
    }

    /** How deep a pruned node keeps block bodies and undo records: twice as deep as any side branch is kept. */
    public static final int PRUNE_DEPTH = 2 * org.powchain.chain.BestChain.MAX_SIDE_BRANCH_DEPTH;

    /**
     * From now on, every node added but the first ({@link #nodes()}{@code .get(0)}, which keeps the
     * whole chain, as an archive: {@link #mainChainBlocks} and {@code --export-chain} read it) drops the
     * history no reorg can reach any more: the body and the undo record of each main-chain block
     * {@link #PRUNE_DEPTH} below its tip ({@link MemoryStore#pruned}). Its memory then stops growing with
     * the chain but for the block tree's headers. For scenarios whose reorgs are shallow and whose nodes
     * never sync an old block from a peer (all of them join at genesis).
     */
    public void pruneHistory() {
        keepDepth = PRUNE_DEPTH;
    }

    private MemoryStore newStore() {
        return keepDepth > 0 && !nodes.isEmpty() ? MemoryStore.pruned(keepDepth) : new MemoryStore();
    }

    /** A node running the real node's classes; not yet connected to anyone. */
    public SimNode addNode(int peerCapacity, double uplinkMbps) {
        SimNode n = new SimNode(net, scheduler, params, signatures, timings, peerCapacity, uplinkMbps, List.of(),
                random.nextLong(), newStore());
        nodes.add(n);
        return n;
    }

    /** A node started with {@code bootNodes} as {@code --boot-node}s, as a real node joins a network. */
    public SimNode addNode(int peerCapacity, double uplinkMbps, List<SimNode> bootNodes) {
        List<org.powchain.wire.PeerAddress> boot = bootNodes.stream().map(b -> net.address(b.index())).toList();
        SimNode n = new SimNode(net, scheduler, params, signatures, timings, peerCapacity, uplinkMbps, boot, random.nextLong(),
                newStore());
        nodes.add(n);
        return n;
    }

    /**
     * An attacker: a node on the network that nobody dials (its face) and an offline node run by
     * the same operator where it mines (see {@link Attacker}). Give {@link Attacker#secret()} its miner.
     */
    public Attacker addAttacker() {
        SimNode face = addNode(8, 0);
        return new Attacker(this, face, SimNode.offline(face, scheduler, params, signatures, timings, newStore()));
    }

    /** Gives {@code node} a miner with {@code share} of the network's hashrate; {@code found} gets its blocks. */
    public HashPower addMiner(SimNode node, double share, java.util.function.Consumer<Block> found) {
        HashPower m = new HashPower(node, scheduler, random.nextLong(), share, () -> hashesPerMicro, block -> {
            int height = node.queries().node(block.previousHash()).map(p -> p.height() + 1).orElse(-1);
            mined.add(new Mined(block.hash(), node.index(), scheduler.micros(), height));
            found.accept(block);
            progress.accept(mined.size());
        });
        miners.add(m);
        return m;
    }

    /** {@code n} random shares that add up to 1 (uniform on the simplex: normalised exponentials). */
    public double[] randomShares(int n) {
        double[] s = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            s[i] = -Math.log(1 - random.nextDouble());
            sum += s[i];
        }
        for (int i = 0; i < n; i++) {
            s[i] /= sum;
        }
        return s;
    }

    /** Each of {@code from} dials {@code k} others of {@code among}, chosen at random (its outbound peers). */
    public void connectRandomly(List<SimNode> from, List<SimNode> among, int k) {
        for (SimNode a : from) {
            List<SimNode> others = new ArrayList<>(among);
            others.remove(a);
            for (int i = 0; i < Math.min(k, others.size()); i++) {
                int j = i + random.nextInt(others.size() - i);
                Collections.swap(others, i, j);
                a.network().addPeer(net.address(others.get(i).index()));
            }
        }
    }

    /**
     * Latency of each link drawn once, uniformly between half and one and a half times
     * {@code meanMillis}, the same both ways. With {@code --latency-matrix} the mean is instead the
     * matrix's entry for the two nodes' regions (then the same both ways only if the matrix is symmetric).
     */
    public void randomLatency(double meanMillis) {
        long salt = random.nextLong();
        LatencyMatrix matrix = conditions.latencyMatrix().orElse(null);
        double leastMean = matrix == null ? meanMillis
                : java.util.Arrays.stream(matrix.millis()).flatMapToDouble(java.util.Arrays::stream).min().orElse(0);
        net.setLatency(new SimNetwork.Latency() {
            @Override
            public long micros(int a, int b) {
                long x = mix(salt ^ ((long) Math.min(a, b) << 32 | Math.max(a, b)));
                double u = (x >>> 11) * 0x1.0p-53;
                double mean = matrix == null ? meanMillis : matrix.millis(a, b);
                return (long) (mean * 1_000 * (0.5 + u));
            }

            @Override
            public long minMicros() {
                return (long) (leastMean * 1_000 * 0.5);
            }
        });
    }

    /** Runs until {@code blocks} blocks were mined, then lets {@code settleMillis} pass with no mining. */
    public void mineBlocks(int blocks, long settleMillis) {
        miners.forEach(HashPower::resume);
        int target = mined.size() + blocks;
        scheduler.runUntil(() -> mined.size() >= target);
        settle(settleMillis);
    }

    /** Stops every miner and lets {@code millis} of virtual time pass, so blocks in flight arrive. */
    public void settle(long millis) {
        miners.forEach(HashPower::pause);
        scheduler.runTo(scheduler.micros() + millis * 1_000);
    }

    /** Stops (or restarts) every node's timer: see {@link SimNode#timer}. */
    public void timers(boolean on) {
        nodes.forEach(n -> n.timer(on));
    }

    /**
     * Stops every miner and runs until no event is left: every message in flight delivered (and
     * answered, and what it asked for fetched), nothing pending. Only with the nodes' timers stopped
     * (a timer is never done); the network is then quiet, as if it had just started.
     *
     * @throws IllegalStateException if a node's timer runs, or events are still pending after ten million
     */
    public void quiesce() {
        if (nodes.stream().anyMatch(SimNode::timerOn)) {
            throw new IllegalStateException("the network cannot fall quiet while the nodes' timers run: timers(false) first");
        }
        miners.forEach(HashPower::pause);
        long before = scheduler.executed();
        scheduler.runUntil(() -> scheduler.pending() == 0 || scheduler.executed() - before > 10_000_000);
        if (scheduler.pending() > 0) {
            throw new IllegalStateException("the network did not fall quiet after ten million events");
        }
    }

    /**
     * Every block mined so far, as {@code blocks.csv} lists them: {@code main} is the final main
     * chain, {@code reached} a block's {50%, 90%} arrival times in microseconds (null or -1: not measured).
     */
    public List<BlockRow> blockLog(Set<Hash> main, java.util.function.Function<Hash, long[]> reached) {
        long start = mined.isEmpty() ? 0 : params.genesisTimestamp() * 1_000 + 1_000_000;
        List<BlockRow> out = new ArrayList<>(mined.size());
        for (Mined m : mined) {
            long[] r = reached.apply(m.hash());
            out.add(new BlockRow(m.height(), m.miner(), Math.round((m.atMicros() - start) / 1e3) / 1e3, main.contains(m.hash()),
                    r == null || r[0] < 0 ? -1 : r[0] / 1e3, r == null || r[1] < 0 ? -1 : r[1] / 1e3));
        }
        return out;
    }

    /** The hashes of {@code node}'s main chain, oldest first, genesis excluded. */
    public static List<Hash> mainChainHashes(SimNode node) {
        List<Hash> out = new ArrayList<>();
        for (BlockNode b = node.queries().tipNode(); b.height() > 0; b = b.parent()) {
            out.add(b.hash());
        }
        Collections.reverse(out);
        return out;
    }

    /** The same hashes, to look blocks up in. */
    public static Set<Hash> mainChain(SimNode node) {
        return new HashSet<>(mainChainHashes(node));
    }

    /** {@code node}'s main chain, oldest first, genesis excluded: what {@code --export-chain} writes. */
    public static List<Block> mainChainBlocks(SimNode node) {
        return mainChainHashes(node).stream().map(h -> node.queries().block(h).orElseThrow()).toList();
    }

    /** SplitMix64's finaliser: spreads a counter's bits over a whole long. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
