package org.powchain.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The devnet's node processes: starting them, waiting until they answer and are linked, stopping
 * them, and calling all of them at once. Callers hold the devnet's lock; only {@link #stopEach}
 * runs on the close path without it.
 */
final class NodeProcesses {
    private final DevnetSpec spec;
    private final List<DevnetNode> nodes;
    private final List<Topology.Link> links;
    private final Duration deadline;
    private final BooleanSupplier closed;
    /** Calls to the nodes, all at once: they wait on the network, not the CPU. */
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "devnet-call");
        t.setDaemon(true);
        return t;
    });

    NodeProcesses(DevnetSpec spec, Path dir, List<String> jvmFlags, List<Topology.Link> links, Duration deadline,
                  BooleanSupplier closed) {
        this.spec = spec;
        this.links = links;
        this.deadline = deadline;
        this.closed = closed;
        this.nodes = IntStream.range(0, spec.nodes())
                .mapToObj(i -> new DevnetNode(spec, i, dir, jvmFlags, Topology.neighbours(links, i)))
                .toList();
    }

    List<DevnetNode> all() {
        return nodes;
    }

    int size() {
        return nodes.size();
    }

    DevnetNode node(int i) {
        if (i < 0 || i >= nodes.size()) {
            throw new IllegalArgumentException("no node " + i + ": nodes are 0.." + (nodes.size() - 1));
        }
        return nodes.get(i);
    }

    /** Node {@code i}, which must be running. */
    DevnetNode up(int i) {
        DevnetNode n = node(i);
        if (!n.alive()) {
            throw new IllegalStateException(n.id() + " is stopped: start it first");
        }
        return n;
    }

    /** Starts {@code which} and returns once each answers HTTP. */
    void start(List<DevnetNode> which) throws IOException {
        for (DevnetNode n : which) {
            n.start();
        }
        awaitAnswering(which);
    }

    private void awaitAnswering(List<DevnetNode> which) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        List<DevnetNode> waiting = new ArrayList<>(which);
        while (!waiting.isEmpty()) {
            stillOpen();
            waiting.removeIf(n -> {
                if (!n.alive()) {
                    throw new UncheckedIOException(new IOException(n.id() + " exited at start; the end of its log (logs/"
                            + n.id() + ".log):\n" + n.logTail(8)));
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
    void awaitLinked() throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!linked()) {
            stillOpen();
            if (System.nanoTime() > end) {
                throw new IOException("the topology's links did not form within " + deadline.toSeconds() + " s");
            }
            pause(20);
        }
    }

    private boolean linked() throws IOException {
        List<List<String>> known = parallel(i -> {
            List<String> peers = new ArrayList<>();
            LocalHttp.getOk(nodes.get(i).port(), "/getpeerstore").forEach(p -> peers.add(p.asText()));
            return peers;
        });
        for (Naming n : toName(links, known, spec::address)) {
            LocalHttp.get(nodes.get(n.node()).port(), "/addpeer?peer=" + spec.address(n.peer()));
        }
        return links.stream().allMatch(l -> keeps(known, spec::address, l.a(), l.b())
                && keeps(known, spec::address, l.b(), l.a()));
    }

    /** Whether node {@code x}'s peer store, as {@code known} has it, holds node {@code y}. */
    private static boolean keeps(List<? extends List<String>> known, IntFunction<String> address, int x, int y) {
        return known.get(x).contains(address.apply(y));
    }

    /** Tell {@code node} of {@code peer} ({@code /addpeer}). */
    record Naming(int node, int peer) { }

    /**
     * The topology links one end keeps and the other does not yet: not greeted yet, or greeted when
     * gossip had filled its peers ({@link DevnetNode#PEERS}). Named to that end, a link is kept even
     * then, so the devnet comes up however full its nodes' peer stores are.
     *
     * @param known each node's peer store, as addresses
     */
    static List<Naming> toName(List<Topology.Link> links, List<? extends List<String>> known, IntFunction<String> address) {
        List<Naming> out = new ArrayList<>();
        for (Topology.Link l : links) {
            boolean aKeepsB = keeps(known, address, l.a(), l.b());
            boolean bKeepsA = keeps(known, address, l.b(), l.a());
            if (aKeepsB && !bKeepsA) {
                out.add(new Naming(l.b(), l.a()));
            } else if (bKeepsA && !aKeepsB) {
                out.add(new Naming(l.a(), l.b()));
            }
        }
        return out;
    }

    private void stillOpen() {
        if (closed.getAsBoolean()) {
            throw new IllegalStateException("the devnet is stopping");
        }
    }

    /** Runs {@code call} for every node at once and returns the answers in node order. */
    <T> List<T> parallel(IOFunction<T> call) throws IOException {
        List<CompletableFuture<T>> futures = IntStream.range(0, nodes.size()).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
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
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
                throw e;
            }
        }
        return out;
    }

    /** As {@link #parallel}, with null for a node that is down or does not answer. */
    <T> List<T> eachUp(IOFunction<T> call) {
        try {
            return parallel(i -> {
                try {
                    return nodes.get(i).alive() ? call.apply(i) : null;
                } catch (IOException e) {
                    return null;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface IOFunction<T> {
        T apply(int i) throws IOException;
    }

    /** The indices of the nodes running now. */
    List<Integer> running() {
        return nodes.stream().filter(DevnetNode::alive).map(DevnetNode::index).toList();
    }

    /**
     * SIGTERM to every node at once, SIGKILL to those still running after {@code seconds}; with
     * {@code retire}, no node can be started again (the devnet is closing).
     */
    void stopEach(int seconds, boolean retire) {
        List<CompletableFuture<Void>> stops = nodes.stream().map(n -> CompletableFuture.runAsync(() -> {
            try {
                n.stop(seconds, retire);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, calls)).toList();
        stops.forEach(CompletableFuture::join);
    }

    /** The pids of the node processes still running. */
    List<Long> pids() {
        return nodes.stream().map(DevnetNode::pid).flatMap(Optional::stream).toList();
    }

    void shutdown() {
        calls.shutdownNow();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling a child process: real time is what we wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
