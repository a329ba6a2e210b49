package org.powchain.bench;

import org.powchain.core.WallClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.powchain.api.ApiServer;
import org.powchain.chain.ChainManager;
import org.powchain.consensus.AccountLedger;
import org.powchain.core.AccountTransaction;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;

/**
 * Throughput of {@code addtx} and {@code getbalance} over HTTP against a real node (Javalin on
 * loopback), with the chain at several lengths, to show that a balance lookup does not slow down as
 * the chain grows. Each measurement also prints the ratio addtx ÷ getbalance: both figures come from
 * the same load generator in the same run, so the ratio says what a write costs over a read on any
 * machine. The load generator is the JDK HTTP client on {@code clients} threads in this JVM
 * ({@link JdkClientLoad}), or Debian's {@code wrk} in its own process ({@link WrkLoad}).
 */
public final class HttpBenchmark {
    /** {@code %d} is an account index: requests spread over the workload's demo accounts u0..u999. */
    static final String GETBALANCE = "/getbalance?account=u%d";
    static final String ADDTX = "/addtx?sender=u%d&to=B&amount=1&fee=1";
    static final int ACCOUNTS = 1_000;

    private HttpBenchmark() {}

    /** Who sends the requests. */
    public enum Load { JDK, WRK }

    /** The JDK client on {@code clients} threads, {@code requests} per measurement. */
    public static LoadGenerator jdkClient(int requests, int clients) {
        return new JdkClientLoad(requests, clients);
    }

    /**
     * wrk from PATH with up to {@code threads} threads and {@code connections} connections, for
     * {@code seconds} a measurement after about {@code warmUpSeconds} on each route; IllegalStateException if it is missing.
     */
    public static LoadGenerator wrk(int threads, int connections, int seconds, int warmUpSeconds) {
        return WrkLoad.onPath(threads, connections, seconds, warmUpSeconds);
    }

    public static void run(int requests, int clients, List<Integer> chainLengths, PrintStream out) throws Exception {
        run(jdkClient(requests, clients), chainLengths, Optional.empty(), out);
    }

    /** With {@code dataDir}, each node keeps its chain there (a fresh subdirectory per chain length), as a real node does. */
    public static void run(LoadGenerator load, List<Integer> chainLengths, Optional<Path> dataDir, PrintStream out)
            throws Exception {
        Workload w = new Workload(ACCOUNTS);
        out.printf("load generator: %s%n", load.describe());
        for (int length : chainLengths) {
            NodeConfig config = new NodeConfig(0, "127.0.0.1", "bench", "127.0.0.1", List.of(), false, 1,
                    dataDir.map(d -> d.resolve("chain-" + length + "-" + System.nanoTime())), true, w.params);
            try (Node node = new Node(config); ApiServer api = new ApiServer(node)) {
                node.start();
                api.start();
                long t0 = System.nanoTime();
                ChainManager chain = node.chain();
                while (chain.queries().height() < length) {
                    chain.process(Workload.blockOn(chain, List.of(), WallClock.millis()));
                }
                out.printf("chain at %,d blocks (built in %.1f s)%n", chain.queries().height(), (System.nanoTime() - t0) / 1e9);
                String base = api.baseUrl();
                // Warm up the JIT on both routes, on the paths measured (successful transfers, not refusals):
                // under a loaded host C2 was still compiling after 5 s, with the node's CPU a request 3-4 times its
                // steady state.
                PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
                for (int round = 0; round < load.warmUpRounds(); round++) {
                    load.warmUp(base, GETBALANCE, nowhere);
                    load.warmUp(base, ADDTX, nowhere);
                    mineMempool(node);
                }
                LoadGenerator.Result reads = measure(load, base, GETBALANCE, "getbalance", out);
                LoadGenerator.Result writes = measure(load, base, ADDTX, "addtx     ", out);
                out.printf("  addtx ÷ getbalance: %.2f (%s, same run)%n", writes.perSecond() / reads.perSecond(),
                        load.name());
                out.printf("  mempool after: %,d txs%n", node.mempool().size());
            }
        }
        out.printf("peak RSS of this JVM (node%s): %s%n", load.inThisJvm() ? " + load generator" : "", peakRss());
    }

    /**
     * Connects blocks carrying the mempool's transactions until it is empty, so that every
     * {@code addtx} measurement and warm-up round starts from an empty mempool: the node's holds 50,000, and a full
     * one refuses a transfer that pays no more than the cheapest it holds.
     */
    private static void mineMempool(Node node) throws Exception {
        ChainManager chain = node.chain();
        int perBlock = chain.queries().params().maxBlockBytes() / AccountTransaction.SIZE - 10; // room for the header and coinbase
        for (int before = node.mempool().size(); before > 0; before = node.mempool().size()) {
            chain.process(Workload.blockOn(chain, node.mempool().selectForBlock(perBlock).stream().map(AccountLedger::transfer).toList(),
                    WallClock.millis()));
            if (node.mempool().size() >= before) {
                throw new IllegalStateException("a block of the mempool's transactions did not empty it: "
                        + before + " before, " + node.mempool().size() + " after");
            }
        }
    }

    /**
     * Prints the rate and this JVM's CPU time per request: with wrk that is the node's alone, and
     * times the rate it says how many of the machine's cores the node kept busy.
     */
    private static LoadGenerator.Result measure(LoadGenerator load, String base, String path, String label, PrintStream out)
            throws Exception {
        long cpu0 = processCpuNanos();
        LoadGenerator.Result r = load.measure(base, path, out);
        double cpuMicros = (processCpuNanos() - cpu0) / 1e3 / r.requests();
        out.printf("  %s %,d requests, %s: %.2f s = %,.0f req/s (%d not 200)%n", label, r.requests(), r.how(),
                r.seconds(), r.perSecond(), r.notOk());
        out.printf("             CPU of this JVM (node%s): %.0f µs a request = %.2f cores busy%n",
                load.inThisJvm() ? " + load generator" : "", cpuMicros, cpuMicros * r.perSecond() / 1e6);
        return r;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " ").substring(7)).findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
