package org.powchain.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running devnet: N real node processes on loopback, linked by a topology, with a seeded miner
 * schedule and background transfers, and the operations a teacher uses on it (mine, shares, stop,
 * kill and restart, split and heal, link latency and loss, snapshot and restore).
 *
 * <p>Hashing power is modelled as in the simulator: the devnet draws when the next block comes
 * (exponential, {@code blockInterval} on average) and which miner finds it (by share), and asks
 * that node to mine one block, which it does for real at the pinned low difficulty. So shares are
 * exact on a 2-core laptop, and a run repeats from its seed. Splits and link faults are set in
 * the nodes' own transport ({@code /p2p/faults}). One lock orders operations; the miner and
 * transfer threads take it too, so a snapshot never sees a half-mined network.
 */
public final class Devnet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Devnet.class);
    static final String STATE_FILE = "state.json";
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
    private final List<DevnetNode> nodes;
    private final List<Topology.Link> links;
    private final List<Double> shares;
    private final DevnetSpec spec;
    private final SplittableRandom minerRandom;
    private final SplittableRandom txRandom;
    private final ScheduledExecutorService background;
    /** Calls to the nodes, all at once: they wait on the network, not the CPU. */
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "devnet-call");
        t.setDaemon(true);
        return t;
    });
    /** A split: each node's group number; empty when the network is whole. */
    private Map<Integer, Integer> groups = Map.of();
    /** Faults set on links, both directions, keyed "a-b" with a < b. */
    private final Map<Topology.Link, double[]> linkFaults = new HashMap<>();
    private long blocksMined;
    private long txsSent;
    private long txsRefused;
    private boolean closed;

    /** How long a node may take to start answering: start-up, restarts, snapshots. */
    private final Duration deadline;

    private Devnet(DevnetSpec spec, Path dir, List<String> jvmFlags, Duration deadline) {
        this.spec = spec;
        this.deadline = deadline;
        this.dir = dir;
        this.links = Topology.links(spec.topology(), spec.nodes(), spec.seed());
        this.shares = new ArrayList<>(spec.shares());
        this.nodes = IntStream.range(0, spec.nodes())
                .mapToObj(i -> new DevnetNode(spec, i, dir, jvmFlags, Topology.neighbours(links, i).stream()
                        .filter(j -> j < i).toList())) // each link dialled once, by its higher end
                .toList();
        this.minerRandom = new SplittableRandom(spec.seed());
        this.txRandom = new SplittableRandom(spec.seed() ^ 0x5eed_0f_7a_5L);
        this.background = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "devnet");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts every node and waits until all answer and every topology link is known at both ends;
     * then starts the miner schedule and the transfers. Nodes of a previous run in {@code dir} keep their chains.
     *
     * @param jvmFlags for every node's JVM (the class-data archive, C1 only: see docs/DEVNET.md)
     * @param deadline how long nodes may take to answer and link, here and on every restart
     */
    public static Devnet start(DevnetSpec spec, Path dir, List<String> jvmFlags, Duration deadline) throws IOException {
        Files.createDirectories(dir);
        LocalHttp.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(SPEC_FILE).toFile(), spec);
        Devnet d = new Devnet(spec, dir, jvmFlags, deadline);
        try {
            d.startAll(deadline);
            d.awaitLinked(deadline);
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
        d.scheduleNextBlock();
        if (spec.txRate() > 0) {
            long period = Math.max(1, Math.round(1_000_000 / spec.txRate()));
            d.background.scheduleAtFixedRate(d::sendTransfer, period, period, TimeUnit.MICROSECONDS);
        }
        return d;
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
        return node(node).port();
    }

    private DevnetNode node(int i) {
        if (i < 0 || i >= nodes.size()) {
            throw new IllegalArgumentException("no node " + i + ": nodes are 0.." + (nodes.size() - 1));
        }
        return nodes.get(i);
    }

    private void startAll(Duration deadline) throws IOException {
        for (DevnetNode n : nodes) {
            n.start();
        }
        awaitAnswering(nodes, deadline);
        writeState();
    }

    private static void awaitAnswering(List<DevnetNode> which, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        List<DevnetNode> waiting = new ArrayList<>(which);
        while (!waiting.isEmpty()) {
            waiting.removeIf(n -> {
                if (!n.alive()) {
                    throw new UncheckedIOException(new IOException(n.id() + " exited at start; see its log under logs/"));
                }
                return n.answers();
            });
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new IOException("not answering after " + deadline.toSeconds() + " s: "
                        + waiting.stream().map(DevnetNode::id).toList());
            }
            pause(20);
        }
    }

    /** Until every link of the topology is in both its nodes' peer stores. */
    private void awaitLinked(Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!linked()) {
            if (System.nanoTime() > end) {
                throw new IOException("the topology's links did not form within " + deadline.toSeconds() + " s");
            }
            pause(20);
        }
    }

    private boolean linked() throws IOException {
        List<List<String>> known = parallel(nodes.size(), i -> {
            List<String> peers = new ArrayList<>();
            LocalHttp.getOk(nodes.get(i).port(), "/getpeerstore").forEach(p -> peers.add(p.asText()));
            return peers;
        });
        return links.stream().allMatch(l -> known.get(l.a()).contains(spec.address(l.b()))
                && known.get(l.b()).contains(spec.address(l.a())));
    }

    /** Runs {@code call} for 0..n-1 at once and returns the answers in order. */
    private <T> List<T> parallel(int n, IOFunction<T> call) throws IOException {
        List<CompletableFuture<T>> futures = IntStream.range(0, n).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                return call.apply(i);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, calls)).toList();
        List<T> out = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            try {
                out.add(f.join());
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
                throw e;
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface IOFunction<T> {
        T apply(int i) throws IOException;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling a child process: real time is what we wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---- the status the page and `devnet status` show

    /** Every node: id, port, pid, alive, share, and what the node says of itself (height, tip, peers, mempool). */
    public synchronized ObjectNode status() {
        ObjectNode out = LocalHttp.JSON.createObjectNode();
        out.put("nodes", nodes.size());
        out.put("controlPort", spec.controlPort());
        out.put("seed", spec.seed());
        out.put("topology", spec.topology());
        out.put("blockInterval", spec.blockInterval());
        out.put("txRate", spec.txRate());
        out.put("blocksMined", blocksMined);
        out.put("txsSent", txsSent);
        out.put("txsRefused", txsRefused);
        ArrayNode split = out.putArray("groups");
        groupLists().forEach(g -> {
            ArrayNode a = split.addArray();
            g.forEach(a::add);
        });
        ArrayNode ls = out.putArray("links");
        for (Topology.Link l : links) {
            ObjectNode o = ls.addObject().put("a", l.a()).put("b", l.b());
            double[] f = linkFaults.get(l);
            o.put("delayMs", f == null ? 0 : (long) f[0]).put("loss", f == null ? 0 : f[1]);
        }
        ArrayNode list = out.putArray("node");
        List<JsonNode> summaries = summaries();
        for (DevnetNode n : nodes) {
            ObjectNode o = list.addObject();
            o.put("index", n.index()).put("id", n.id()).put("port", n.port()).put("share", shares.get(n.index()));
            n.pid().ifPresentOrElse(p -> o.put("pid", p), () -> o.putNull("pid"));
            JsonNode s = summaries.get(n.index());
            o.put("up", s != null);
            if (s != null) {
                o.put("height", s.path("height").asLong()).put("tip", s.path("tip").asText())
                        .put("chainWork", s.path("chainWork").asText()).put("peers", s.path("peers").asInt())
                        .put("mempool", s.path("mempool").asInt()).put("reorgs", s.path("reorgs").asLong());
            }
        }
        return out;
    }

    /** Each node's {@code /api/v1/node}, or null for a node down or not answering. */
    private List<JsonNode> summaries() {
        try {
            return parallel(nodes.size(), i -> {
                try {
                    return nodes.get(i).alive() ? LocalHttp.getOk(nodes.get(i).port(), "/api/v1/node") : null;
                } catch (IOException e) {
                    return null;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The union of the nodes' recent block trees: each block once, with the nodes whose tip it is
     * and the nodes that have it on their main chain.
     */
    public synchronized ObjectNode tree(int depth) {
        Map<String, ObjectNode> blocks = new LinkedHashMap<>();
        List<JsonNode> trees;
        try {
            trees = parallel(nodes.size(), i -> {
                try {
                    return nodes.get(i).alive()
                            ? LocalHttp.getOk(nodes.get(i).port(), "/api/v1/chain/tree?depth=" + depth) : null;
                } catch (IOException e) {
                    return null;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < trees.size(); i++) {
            JsonNode t = trees.get(i);
            if (t == null) {
                continue;
            }
            for (JsonNode b : t.path("blocks")) {
                if (b.path("height").isNull()) {
                    continue; // an orphan: no place in the tree yet
                }
                ObjectNode o = blocks.computeIfAbsent(b.path("hash").asText(), h -> {
                    ObjectNode n = LocalHttp.JSON.createObjectNode();
                    n.put("hash", h).put("previousHash", b.path("previousHash").asText())
                            .put("height", b.path("height").asLong()).put("chainWork", b.path("chainWork").asText());
                    n.putArray("tipOf");
                    n.putArray("mainOf");
                    n.putArray("knownTo");
                    return n;
                });
                String id = nodes.get(i).id();
                ((ArrayNode) o.get("knownTo")).add(id);
                if (b.path("status").asText().equals("main")) {
                    ((ArrayNode) o.get("mainOf")).add(id);
                }
                if (b.path("hash").asText().equals(t.path("tip").asText())) {
                    ((ArrayNode) o.get("tipOf")).add(id);
                }
            }
        }
        ObjectNode out = LocalHttp.JSON.createObjectNode();
        ArrayNode list = out.putArray("blocks");
        blocks.values().stream().sorted(Comparator.comparingLong(b -> b.get("height").asLong())).forEach(list::add);
        return out;
    }

    // ---- mining and traffic

    /** Asks node {@code i} to mine {@code k} blocks now, one after another; answers their hashes. */
    public synchronized List<String> mine(int i, int k) throws IOException {
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("blocks must be 1..1000");
        }
        DevnetNode n = up(i);
        List<String> hashes = new ArrayList<>();
        for (int b = 0; b < k; b++) {
            hashes.add(LocalHttp.getOk(n.port(), "/mine").path("hash").asText());
            blocksMined++;
        }
        return hashes;
    }

    private DevnetNode up(int i) {
        DevnetNode n = node(i);
        if (!n.alive()) {
            throw new IllegalStateException(n.id() + " is stopped: start it first");
        }
        return n;
    }

    /** Sets node {@code i}'s share of the hashrate; the other miners' shares are scaled so all sum to 1. */
    public synchronized List<Double> share(int i, double share) {
        node(i);
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a share is between 0 and 1, not " + share);
        }
        double others = 0;
        for (int j = 0; j < shares.size(); j++) {
            others += j == i ? 0 : shares.get(j);
        }
        for (int j = 0; j < shares.size(); j++) {
            if (j == i) {
                shares.set(j, share);
            } else if (others > 0) {
                shares.set(j, shares.get(j) * (1 - share) / others);
            }
        }
        return List.copyOf(shares);
    }

    private void scheduleNextBlock() {
        if (spec.blockInterval() <= 0 || closed) {
            return;
        }
        double seconds = -Math.log(1 - minerRandom.nextDouble()) * spec.blockInterval();
        background.schedule(this::mineScheduled, Math.round(seconds * 1e6), TimeUnit.MICROSECONDS);
    }

    private void mineScheduled() {
        try {
            int miner = pickMiner();
            synchronized (this) {
                if (miner >= 0 && !closed && nodes.get(miner).alive()) {
                    mine(miner, 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("scheduled block not mined: {}", e.getMessage());
        } finally {
            scheduleNextBlock();
        }
    }

    /** A miner drawn by share (from the seeded random, whether or not it is up), or -1 with no miners. */
    private synchronized int pickMiner() {
        double total = shares.stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return -1;
        }
        double x = minerRandom.nextDouble() * total;
        for (int i = 0; i < shares.size(); i++) {
            x -= shares.get(i);
            if (x < 0) {
                return i;
            }
        }
        return shares.size() - 1;
    }

    /** One transfer between demo accounts (A, B and the nodes' own), sent to a random node. */
    private void sendTransfer() {
        int node;
        String query;
        synchronized (this) {
            if (closed) {
                return;
            }
            List<String> accounts = new ArrayList<>(List.of("A", "B"));
            nodes.forEach(n -> accounts.add(n.id()));
            node = txRandom.nextInt(nodes.size());
            String from = accounts.get(txRandom.nextInt(accounts.size()));
            String to = accounts.get(txRandom.nextInt(accounts.size()));
            query = "/addtx?sender=" + from + "&to=" + to + "&amount=" + (1 + txRandom.nextInt(10));
            if (!nodes.get(node).alive() || from.equals(to)) {
                return;
            }
        }
        try {
            boolean ok = LocalHttp.get(nodes.get(node).port(), query).ok();
            synchronized (this) {
                txsSent++;
                txsRefused += ok ? 0 : 1; // an account without the coins: refused, as it should be
            }
        } catch (IOException e) {
            log.debug("transfer not sent: {}", e.getMessage());
        }
    }

    // ---- nodes down and up

    public synchronized void stop(int i) throws InterruptedException, IOException {
        node(i).stop(30);
        writeState();
    }

    public synchronized void kill(int i) throws InterruptedException, IOException {
        node(i).kill();
        writeState();
    }

    /** Starts node {@code i} again on its data dir; returns once it answers, with the network's faults set on it. */
    public synchronized void restart(int i) throws IOException {
        DevnetNode n = node(i);
        n.start();
        awaitAnswering(List.of(n), deadline);
        applyFaults(n);
        writeState();
    }

    // ---- splits and link faults

    /** Splits the network: nodes in different groups lose every message to each other. Nodes in no group form one more. */
    public synchronized void split(List<List<Integer>> parts) throws IOException {
        Map<Integer, Integer> g = new HashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            for (int i : parts.get(p)) {
                node(i);
                if (g.put(i, p) != null) {
                    throw new IllegalArgumentException("node " + i + " is in two groups");
                }
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            g.putIfAbsent(i, parts.size());
        }
        if (g.values().stream().distinct().count() < 2) {
            throw new IllegalArgumentException("a split needs at least two groups, e.g. 0,1|2,3");
        }
        groups = g;
        applyFaults();
    }

    /** Ends a split: messages flow again, each node dials its topology links and syncs with its peers at once. */
    public synchronized void heal() throws IOException {
        groups = Map.of();
        applyFaults();
        for (Topology.Link l : links) {
            if (nodes.get(l.a()).alive() && nodes.get(l.b()).alive()) {
                LocalHttp.get(nodes.get(l.a()).port(), "/addpeer?peer=" + spec.address(l.b()));
                LocalHttp.get(nodes.get(l.b()).port(), "/addpeer?peer=" + spec.address(l.a()));
            }
        }
        for (DevnetNode n : nodes) {
            if (n.alive()) {
                LocalHttp.get(n.port(), "/resolvesplit");
            }
        }
    }

    /** Delay and loss on the messages between nodes a and b, both ways (0, 0 clears them). */
    public synchronized void link(int a, int b, long delayMillis, double loss) throws IOException {
        node(a);
        node(b);
        if (delayMillis < 0 || delayMillis > 60_000 || !(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("delay is 0..60000 ms and loss 0..1");
        }
        Topology.Link l = new Topology.Link(a, b);
        if (delayMillis == 0 && loss == 0) {
            linkFaults.remove(l);
        } else {
            linkFaults.put(l, new double[] {delayMillis, loss});
        }
        applyFaults();
    }

    private List<List<Integer>> groupLists() {
        Map<Integer, List<Integer>> byGroup = new java.util.TreeMap<>();
        groups.forEach((node, group) -> byGroup.computeIfAbsent(group, x -> new ArrayList<>()).add(node));
        byGroup.values().forEach(java.util.Collections::sort);
        return new ArrayList<>(byGroup.values());
    }

    private void applyFaults() throws IOException {
        for (DevnetNode n : nodes) {
            if (n.alive()) {
                applyFaults(n);
            }
        }
    }

    /** Node n's faults, as the split and the link settings make them: cleared, then each peer's set. */
    private void applyFaults(DevnetNode n) throws IOException {
        expectOk(LocalHttp.send(n.port(), "DELETE", "/p2p/faults"), n);
        for (DevnetNode peer : nodes) {
            if (peer == n) {
                continue;
            }
            boolean apart = !groups.isEmpty() && !groups.get(n.index()).equals(groups.get(peer.index()));
            double[] f = linkFaults.get(new Topology.Link(n.index(), peer.index()));
            long delay = f == null ? 0 : (long) f[0];
            double loss = apart ? 1 : f == null ? 0 : f[1];
            if (delay > 0 || loss > 0) {
                expectOk(LocalHttp.post(n.port(), "/p2p/faults?peer=" + URLEncoder.encode(spec.address(peer.index()),
                        StandardCharsets.UTF_8) + "&delayMs=" + delay + "&loss=" + loss), n);
            }
        }
    }

    private static void expectOk(LocalHttp.Reply r, DevnetNode n) throws IOException {
        if (!r.ok()) {
            throw new IOException(n.id() + " refused its link faults: " + r.json());
        }
    }

    // ---- snapshots

    /** Stops every node, copies their data dirs to {@code snapshots/NAME}, and starts them again. */
    public synchronized Path snapshot(String name) throws IOException, InterruptedException {
        Path to = snapshotDir(name);
        List<Integer> wasUp = stopAll();
        deleteTree(to);
        for (DevnetNode n : nodes) {
            copyTree(n.dataDir(), to.resolve(n.id()));
        }
        startAgain(wasUp);
        return to;
    }

    /** Stops every node, puts the data dirs of snapshot {@code name} in place, and starts them again. */
    public synchronized void restore(String name) throws IOException, InterruptedException {
        Path from = snapshotDir(name);
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException("no snapshot " + name + " in " + from.getParent());
        }
        List<Integer> wasUp = stopAll();
        for (DevnetNode n : nodes) {
            deleteTree(n.dataDir());
            if (Files.isDirectory(from.resolve(n.id()))) {
                copyTree(from.resolve(n.id()), n.dataDir());
            }
        }
        startAgain(wasUp);
    }

    /** The snapshots taken, by name. */
    public List<String> snapshots() throws IOException {
        Path root = dir.resolve("snapshots");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path snapshotDir(String name) {
        if (!name.matches("[A-Za-z0-9_.-]{1,64}") || name.startsWith(".")) {
            throw new IllegalArgumentException("a snapshot name is 1 to 64 letters, digits, '-', '_' or '.'");
        }
        return dir.resolve("snapshots").resolve(name);
    }

    private List<Integer> stopAll() {
        List<Integer> up = new ArrayList<>();
        for (DevnetNode n : nodes) {
            if (n.alive()) {
                up.add(n.index());
            }
        }
        stopEach(30);
        return up;
    }

    private void startAgain(List<Integer> which) throws IOException {
        List<DevnetNode> started = new ArrayList<>();
        for (int i : which) {
            nodes.get(i).start();
            started.add(nodes.get(i));
        }
        awaitAnswering(started, deadline);
        for (DevnetNode n : started) {
            applyFaults(n);
        }
        writeState();
    }

    /** SIGTERM to every node at once, SIGKILL to those still running after {@code seconds}. */
    private void stopEach(int seconds) {
        List<CompletableFuture<Void>> stops = nodes.stream().map(n -> CompletableFuture.runAsync(() -> {
            try {
                n.stop(seconds);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, calls)).toList();
        stops.forEach(CompletableFuture::join);
    }

    static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
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

    // ---- the state file other terminals read

    /** {@code state.json}: this process, the control port, and each node's port, pid and data dir. */
    private void writeState() throws IOException {
        ObjectNode s = LocalHttp.JSON.createObjectNode();
        s.put("pid", ProcessHandle.current().pid());
        s.put("controlPort", spec.controlPort());
        ArrayNode list = s.putArray("nodes");
        for (DevnetNode n : nodes) {
            ObjectNode o = list.addObject().put("id", n.id()).put("port", n.port()).put("dataDir", n.dataDir().toString());
            n.pid().ifPresentOrElse(p -> o.put("pid", p), () -> o.putNull("pid"));
        }
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        LocalHttp.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), s);
        Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The pids of the node processes still running. */
    public List<Long> pids() {
        return nodes.stream().map(DevnetNode::pid).flatMap(Optional::stream).toList();
    }

    /** Stops the miner and the transfers, then every node (SIGTERM, SIGKILL after 20 s), and removes the state file. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        background.shutdownNow();
        stopEach(20);
        calls.shutdownNow();
        try {
            Files.deleteIfExists(dir.resolve(STATE_FILE));
        } catch (IOException e) {
            log.warn("could not remove {}: {}", dir.resolve(STATE_FILE), e.getMessage());
        }
    }
}
