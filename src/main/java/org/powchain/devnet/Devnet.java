package org.powchain.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running devnet: N real node processes on loopback, linked by a topology, with a seeded miner
 * schedule and background transfers, and the operations a teacher uses on it. Each job has its
 * class: {@link NodeProcesses} (start, stop, call them all), {@link NetworkView} (status and the
 * union of block trees), {@link MinerSchedule} (hashing power by share), {@link TransferLoad},
 * {@link LinkFaultPlan} (splits, latency, loss), {@link Snapshots}, {@link StateFile}, and
 * {@link Events} (the timeline). This class holds them together under one lock: the miner and
 * transfer threads take it too, so an operation never sees a half-mined network.
 */
public final class Devnet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Devnet.class);
    static final String STATE_FILE = StateFile.NAME;
    static final String SPEC_FILE = "devnet.json";
    /**
     * Node JVMs beside the launcher's class-data archive: C1 only (about twice as fast to the first
     * answer; mining is ~9x slower per hash, but a devnet block costs a few thousand hashes at its
     * pinned difficulty), one GC thread, a small heap that starts smaller still: the initial heap
     * (1/64 of the machine's memory by default) is what a node's young collections spread over, and
     * fixing it at 8 MB took a node's RSS from 96 to 82 MB (docs/PERFORMANCE.md, "Start-up").
     */
    public static final List<String> NODE_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms8m",
            "-Xmx128m");

    private final Path dir;
    private final DevnetSpec spec;
    private final List<Topology.Link> links;
    private final NodeProcesses nodes;
    private final NetworkView view;
    private final MinerSchedule miners;
    private final TransferLoad transfers;
    private final LinkFaultPlan faults;
    private final Snapshots snapshots;
    private final StateFile state;
    private final Events events = new Events();
    private final ScheduledExecutorService background;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean attacking = new java.util.concurrent.atomic.AtomicBoolean();
    private long attacks;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    private Devnet(DevnetSpec spec, Path dir, List<String> jvmFlags, Duration deadline) {
        this.spec = spec;
        this.dir = dir;
        this.links = Topology.links(spec.topology(), spec.nodes(), spec.seed());
        this.nodes = new NodeProcesses(spec, dir, jvmFlags, links, deadline, () -> closed);
        this.background = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "devnet");
            t.setDaemon(true);
            return t;
        });
        this.view = new NetworkView(spec, nodes);
        this.miners = new MinerSchedule(this, nodes, spec, background, events);
        this.transfers = new TransferLoad(this, nodes, miners::shares, spec.seed());
        this.faults = new LinkFaultPlan(spec, nodes, links, events);
        this.snapshots = new Snapshots(dir, nodes);
        this.state = new StateFile(dir);
    }

    /**
     * Starts every node and waits until all answer and every topology link is known at both ends;
     * then starts the miner schedule and the transfers. Nodes of a previous run in {@code dir} keep their chains.
     *
     * @param jvmFlags for every node's JVM (the class-data archive, C1 only: see docs/DEVNET.md)
     * @param deadline how long nodes may take to answer and link, here and on every restart
     */
    public static Devnet start(DevnetSpec spec, Path dir, List<String> jvmFlags, Duration deadline) throws IOException {
        Devnet d = create(spec, dir, jvmFlags, deadline);
        d.start();
        return d;
    }

    /**
     * A devnet not started yet: whoever must stop it on any exit (a shutdown hook) can hold it
     * before its first node process exists, then call {@link #start()}.
     */
    public static Devnet create(DevnetSpec spec, Path dir, List<String> jvmFlags, Duration deadline) throws IOException {
        Files.createDirectories(dir);
        LocalHttp.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(SPEC_FILE).toFile(), spec);
        return new Devnet(spec, dir, jvmFlags, deadline);
    }

    /** Starts the nodes (see {@link #start(DevnetSpec, Path, List, Duration)}); closes them all if that fails or {@link #close} is called meanwhile. */
    public void start() throws IOException {
        try {
            nodes.start(nodes.all());
            state.write(spec.controlPort(), nodes.all());
            nodes.awaitLinked();
        } catch (IOException | RuntimeException e) {
            boolean stopping = closed;
            close();
            if (stopping) {
                throw new IllegalStateException("the devnet was stopped while it started", e);
            }
            throw e;
        }
        events.add("up", nodes.size() + " nodes up and linked (" + spec.topology() + ")");
        miners.start();
        if (spec.txRate() > 0) {
            long period = Math.max(1, Math.round(1_000_000 / spec.txRate()));
            background.scheduleAtFixedRate(transfers::sendOne, period, period, TimeUnit.MICROSECONDS);
        }
    }

    public DevnetSpec spec() {
        return spec;
    }

    public Path dir() {
        return dir;
    }

    public int size() {
        return nodes.size();
    }

    public int port(int node) {
        return nodes.node(node).port();
    }

    Events events() {
        return events;
    }

    NodeProcesses nodes() {
        return nodes;
    }

    MinerSchedule miners() {
        return miners;
    }

    TransferLoad transfers() {
        return transfers;
    }

    LinkFaultPlan faults() {
        return faults;
    }

    // ---- what the page and `devnet status` show

    /** Every node: id, port, pid, alive, share, and what the node says of itself (height, tip, peers, mempool). */
    public synchronized ObjectNode status() {
        ObjectNode out = LocalHttp.JSON.createObjectNode();
        out.put("nodes", nodes.size());
        out.put("controlPort", spec.controlPort());
        out.put("seed", spec.seed());
        out.put("topology", spec.topology());
        out.put("ledger", spec.ledger());
        out.put("blockInterval", spec.blockInterval());
        out.put("txRate", spec.txRate());
        out.put("blocksMined", miners.blocksMined());
        out.put("txsSent", transfers.sent());
        out.put("txsRefused", transfers.refused());
        faults.describe(out);
        view.addNodes(out, miners.shares());
        NetworkView.addGraph(out, faults::cut);
        return out;
    }

    /** The union of the nodes' recent block trees (see {@link NetworkView#tree}). */
    public synchronized ObjectNode tree(int depth) {
        return view.tree(depth);
    }

    /** What happened after event {@code since} (0: every event kept). */
    public ArrayNode events(long since) {
        return events.after(since);
    }

    // ---- mining

    /** Asks node {@code i} to mine {@code k} blocks now, one after another; answers their hashes. */
    public synchronized List<String> mine(int i, int k) throws IOException {
        return miners.mine(i, k);
    }

    /** Sets node {@code i}'s share of the hashrate; the other miners' shares are scaled so all sum to 1. */
    public synchronized List<Double> share(int i, double share) {
        List<Double> s = miners.share(i, share);
        events.add("share", nodes.node(i).id() + " now has " + Math.round(share * 100) + "% of the hashrate");
        return s;
    }

    // ---- attacks, live (the miner schedule and the transfers wait meanwhile)

    /** See {@link DoubleSpendAttack}. */
    public ObjectNode attackDoubleSpend(int attacker, int merchant, int confirmations, double share) throws IOException {
        return attack(() -> new DoubleSpendAttack(this, attacker, merchant, confirmations, share, attackSeed()).run());
    }

    /** See {@link EclipseAttack}. */
    public ObjectNode attackEclipse(int victim, int attacker, int confirmations, double share) throws IOException {
        return attack(() -> new EclipseAttack(this, victim, attacker, confirmations, share, attackSeed()).run());
    }

    /** See {@link SelfishAttack}. */
    public ObjectNode attackSelfish(int pool, double share, double gamma, int blocks) throws IOException {
        return attack(() -> new SelfishAttack(this, pool, share, gamma, blocks, attackSeed()).run());
    }

    private interface AttackRun {
        ObjectNode run() throws IOException;
    }

    private ObjectNode attack(AttackRun run) throws IOException {
        if (!attacking.compareAndSet(false, true)) {
            throw new IllegalStateException("an attack is already running");
        }
        miners.pause(true);
        transfers.pause(true);
        try {
            return run.run();
        } catch (IOException | RuntimeException e) {
            healAfterFailedAttack(e);
            throw e;
        } finally {
            miners.pause(false);
            transfers.pause(false);
            attacking.set(false);
        }
    }

    /** An attack that failed half-way must not leave the network split: lift it, as the attack's end would have. */
    private void healAfterFailedAttack(Exception cause) {
        try {
            if (!faults.groupLists().isEmpty()) {
                heal();
                events.add("attack", "the attack failed (" + cause.getMessage() + "): the network is whole again");
            }
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private synchronized long attackSeed() {
        return spec.seed() * 31 + (++attacks);
    }

    // ---- nodes down and up

    public synchronized void stop(int i) throws InterruptedException, IOException {
        nodes.node(i).stop(30);
        events.add("node", nodes.node(i).id() + " stopped");
        writeState();
    }

    public synchronized void kill(int i) throws InterruptedException, IOException {
        nodes.node(i).kill();
        events.add("node", nodes.node(i).id() + " killed");
        writeState();
    }

    /** Starts node {@code i} again on its data dir; returns once it answers, with the network's faults set on it. */
    public synchronized void restart(int i) throws IOException {
        DevnetNode n = nodes.node(i);
        nodes.start(List.of(n));
        faults.apply(n);
        events.add("node", n.id() + " started again");
        writeState();
    }

    // ---- splits and link faults

    /** Splits the network: nodes in different groups lose every message to each other. Nodes in no group form one more. */
    public synchronized void split(List<List<Integer>> parts) throws IOException {
        faults.split(parts);
    }

    /** Ends a split: messages flow again, each node dials its topology links and syncs with its peers at once. */
    public synchronized void heal() throws IOException {
        faults.heal();
    }

    /** Delay and loss on the messages between nodes a and b, both ways (0, 0 clears them). */
    public synchronized void link(int a, int b, long delayMillis, double loss) throws IOException {
        faults.link(a, b, delayMillis, loss);
    }

    // ---- snapshots

    /** Copies every node's database to {@code snapshots/NAME} while the nodes keep running (VACUUM INTO). */
    public synchronized Path snapshot(String name) throws IOException {
        Path to = snapshots.take(name);
        events.add("snapshot", "snapshot " + name + " taken");
        return to;
    }

    /** Stops every node, puts the databases of snapshot {@code name} in place, and starts them again. */
    public synchronized void restore(String name) throws IOException {
        snapshots.restore(name, () -> {
            try {
                faults.apply();
                writeState();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        events.add("snapshot", "snapshot " + name + " restored");
    }

    /** The whole devnet as one file: spec, shares, topology and every node's chain (see {@link DevnetArchive}). */
    public synchronized void export(Path file) throws IOException {
        DevnetArchive.export(spec, miners.shares(), links, nodes.all(), file);
        events.add("snapshot", "exported to " + file);
    }

    /** The snapshots taken, by name. */
    public List<String> snapshots() throws IOException {
        return snapshots.names();
    }

    /** Deletes {@code root} and everything under it, if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void writeState() throws IOException {
        state.write(spec.controlPort(), nodes.all());
    }

    /** The pids of the node processes still running. */
    public List<Long> pids() {
        return nodes.pids();
    }

    /** Stops the miner and the transfers, then every node (SIGTERM, SIGKILL after 20 s), and removes the state file. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true; // not under the lock: a shutdown hook must not wait for an operation in progress
        miners.stop();
        transfers.stop();
        background.shutdownNow();
        nodes.stopEach(20, true);
        nodes.shutdown();
        try {
            state.remove();
        } catch (IOException e) {
            log.warn("could not remove {}: {}", dir.resolve(STATE_FILE), e.getMessage());
        }
    }
}
