package org.powchain.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.powchain.api.ApiServer;
import org.powchain.chain.ChainManager;
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

    /** wrk from PATH with up to {@code threads} threads and {@code connections} connections; IllegalStateException if it is missing. */
    public static LoadGenerator wrk(int threads, int connections, int seconds) {
        return WrkLoad.onPath(threads, connections, seconds);
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
                while (chain.height() < length) {
                    chain.process(Workload.blockOn(chain, List.of(), System.currentTimeMillis()));
                }
                out.printf("chain at %,d blocks (built in %.1f s)%n", chain.height(), (System.nanoTime() - t0) / 1e9);
                String base = api.baseUrl();
                // Warm up the JIT on both routes, on the paths measured (successful transfers, not refusals).
                PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
                load.warmUp(base, GETBALANCE, nowhere);
                load.warmUp(base, ADDTX, nowhere);
                LoadGenerator.Result reads = load.measure(base, GETBALANCE, out);
                report(out, "getbalance", reads);
                LoadGenerator.Result writes = load.measure(base, ADDTX, out);
                report(out, "addtx     ", writes);
                out.printf("  addtx ÷ getbalance: %.2f (%s, same run)%n", writes.perSecond() / reads.perSecond(),
                        load.name());
                out.printf("  mempool after: %,d txs%n", node.mempool().size());
            }
        }
        out.printf("peak RSS of this JVM (node%s): %s%n", load.inThisJvm() ? " + load generator" : "", peakRss());
    }

    private static void report(PrintStream out, String label, LoadGenerator.Result r) {
        out.printf("  %s %,d requests, %s: %.2f s = %,.0f req/s (%d not 200)%n", label, r.requests(), r.how(),
                r.seconds(), r.perSecond(), r.notOk());
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
