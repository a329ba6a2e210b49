package org.powchain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.powchain.api.ApiServer;
import org.powchain.chain.ChainManager;
import org.powchain.core.Block;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;

/**
 * Do readers wait behind the writer? {@code getbalance} throughput over HTTP on an idle node, then
 * while the same node connects a stream of large blocks back to back, as a node does catching up
 * or in a reorg. Two streams: blocks whose signatures the node verifies as they come (on 2 cores
 * the verifying competes with the readers for the CPU), and blocks whose transactions it has
 * verified already (as when they went through its mempool): what is left is the lock, the ledger
 * and the disk. Printed, never asserted.
 */
public final class ReadersBenchmark {
    private ReadersBenchmark() {}

    public static void run(int blockCount, int txs, int clients, Path dataDir, PrintStream out) throws Exception {
        Workload w = new Workload(1_000);
        List<Block> stream = build(w, 2 * blockCount, txs);
        NodeConfig config = new NodeConfig(0, "127.0.0.1", "bench", "127.0.0.1", List.of(), false, 1,
                java.util.Optional.of(dataDir.resolve("readers-" + System.nanoTime())), true, w.params);
        try (Node node = new Node(config); ApiServer api = new ApiServer(node)) {
            node.start();
            api.start();
            String url = api.baseUrl() + "/getbalance?account=u7";
            ChainManager chain = node.chain();
            out.printf("getbalance with %d clients; a stream of %d blocks of %,d transfers each (%,d bytes a block), data dir %s%n",
                    clients, blockCount, txs, stream.get(0).sizeBytes(), dataDir);
            long warmEnd = System.nanoTime() + 3_000_000_000L; // the JIT, on the route measured
            rate(url, clients, () -> System.nanoTime() > warmEnd);
            long idleEnd = System.nanoTime() + 5_000_000_000L;
            double idle = rate(url, clients, () -> System.nanoTime() > idleEnd);
            out.printf("  %-52s %,8.0f req/s%n", "idle node:", idle);

            List<Block> cold = stream.subList(0, blockCount);
            List<Block> warm = stream.subList(blockCount, 2 * blockCount);
            for (Block b : warm) {
                node.signatures().verifyAll(b.transactions());
            }
            report(out, "while connecting, signatures verified as they come", idle, url, clients, chain, cold);
            report(out, "while connecting, signatures already verified", idle, url, clients, chain, warm);
        }
    }

    private static void report(PrintStream out, String label, double idle, String url, int clients, ChainManager chain,
                               List<Block> blocks) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        long start = System.nanoTime();
        Thread writer = new Thread(() -> {
            try {
                for (Block b : blocks) {
                    chain.process(b);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                done.set(true);
            }
        }, "block-stream");
        writer.start();
        double busy = rate(url, clients, done::get);
        writer.join();
        double secs = (System.nanoTime() - start) / 1e9;
        out.printf("  %-52s %,8.0f req/s = %3.0f%% of idle (%d blocks in %.2f s, %.0f ms a block)%n", label + ":", busy,
                100 * busy / idle, blocks.size(), secs, secs * 1000 / blocks.size());
    }

    /** Blocks of {@code txs} transfers each, built on a chain of the same network in memory. */
    private static List<Block> build(Workload w, int count, int txs) throws Exception {
        ChainManager scratch = w.newChain();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Block b = Workload.blockOn(scratch, w.transfers(txs, (long) i * txs / w.senders.size()), System.currentTimeMillis());
            scratch.process(b);
            blocks.add(b);
        }
        return blocks;
    }

    /** Requests per second from {@code clients} threads sending one request after another until {@code stop}. */
    private static double rate(String url, int clients, BooleanSupplier stop) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        LongAdder answered = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            loops.add(pool.submit(() -> {
                while (!stop.getAsBoolean()) {
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                            answered.increment();
                        }
                    } catch (IOException e) {
                        // counted as not answered
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : loops) {
            f.get();
        }
        pool.shutdown();
        return answered.sum() / ((System.nanoTime() - start) / 1e9);
    }
}
