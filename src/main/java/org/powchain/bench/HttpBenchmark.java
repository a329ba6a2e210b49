package org.powchain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.powchain.api.ApiServer;
import org.powchain.chain.ChainManager;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;

/**
 * Throughput of {@code addtx} and {@code getbalance} over HTTP against a real node (Javalin on
 * loopback), with the chain at two lengths, to show that a balance lookup does not slow down as
 * the chain grows. The load generator is the JDK HTTP client on {@code clients} threads.
 */
public final class HttpBenchmark {
    private HttpBenchmark() {}

    public static void run(int requests, int clients, List<Integer> chainLengths, PrintStream out) throws Exception {
        run(requests, clients, chainLengths, Optional.empty(), out);
    }

    /** With {@code dataDir}, each node keeps its chain there (a fresh subdirectory per chain length), as a real node does. */
    public static void run(int requests, int clients, List<Integer> chainLengths, Optional<java.nio.file.Path> dataDir,
                           PrintStream out) throws Exception {
        Workload w = new Workload(1_000);
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
                // Warm up the JIT on both routes first; the figures below are steady state.
                measure(new PrintStream(java.io.OutputStream.nullOutputStream()), "", requests / 4, clients,
                        i -> base + "/getbalance?account=u" + (i % 1000));
                measure(new PrintStream(java.io.OutputStream.nullOutputStream()), "", requests / 4, clients,
                        i -> base + "/addtx?sender=A&to=B&amount=1&fee=0");
                measure(out, "  getbalance", requests, clients, i -> base + "/getbalance?account=u" + (i % 1000));
                measure(out, "  addtx     ", requests, clients, i -> base + "/addtx?sender=u" + (i % 1000) + "&to=B&amount=1&fee=1");
                out.printf("  mempool after: %,d txs%n", node.mempool().size());
            }
        }
        out.printf("peak RSS of this JVM (node + load generator): %s%n", peakRss());
    }

    private static void measure(PrintStream out, String label, int requests, int clients, IntFunction<String> url)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url.apply(i)))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        out.printf("%s %,d requests, %d clients: %.2f s = %,.0f req/s (%d not 200)%n", label, requests, clients, secs,
                requests / secs, failures.get());
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
