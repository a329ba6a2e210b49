package org.powchain.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.powchain.api.ApiServer;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.client.NodeClient;
import org.powchain.core.Block;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;

/**
 * Do readers wait behind the writer? {@code getbalance} throughput over HTTP on an idle node, then
 * while the same node connects a stream of large blocks back to back, as a node does catching up
 * or in a reorg, and at a steady pace. Back to back, the writer takes a core of its own (verifying
 * signatures, or writing the ledger and the block when its transactions were verified already, as
 * when they went through its mempool), so on 2 cores readers lose CPU whatever the locking; at a
 * steady pace what readers would lose is the time they wait for the writer. Printed, never asserted.
 */
public final class ReadersBenchmark {
    /** Four 1,000-transfer blocks a second: about ten times Bitcoin's transaction rate, sustained. */
    private static final long PACE_MILLIS = 250;
    /** The route measured: one account's balance. */
    private static final String ROUTE = "/getbalance?account=u7";

    private ReadersBenchmark() {}

    /** Idle throughput is measured for {@code seconds}, after four times as long warming up the JIT. */
    public static void run(int blockCount, int txs, int clients, int seconds, Path dataDir, PrintStream out) throws Exception {
        Workload w = new Workload(1_000);
        // verified into a verifier of their own: the node sees the signatures of the first stream for the first time
        List<Block> stream = w.blocks(3 * blockCount, txs, new SignatureVerifier(1));
        NodeConfig config = new NodeConfig(0, "127.0.0.1", "bench", "127.0.0.1", List.of(), false, 1,
                java.util.Optional.of(dataDir.resolve("readers-" + System.nanoTime())), true, w.params);
        try (Node node = new Node(config); ApiServer api = new ApiServer(node)) {
            node.start();
            api.start();
            NodeClient client = new NodeClient(api.baseUrl());
            ChainManager chain = node.chain();
            out.printf("getbalance with %d clients; a stream of %d blocks of %,d transfers each (%,d bytes a block), data dir %s%n",
                    clients, blockCount, txs, stream.get(0).sizeBytes(), dataDir);
            rate(client, clients, deadline(4 * seconds)); // the JIT, on the route measured: it goes on improving for about 20 s
            double idleBefore = rate(client, clients, deadline(seconds));
            out.printf("  %-60s %,8.0f req/s%n", "idle node:", idleBefore);

            List<Block> cold = stream.subList(0, blockCount);
            List<Block> warm = stream.subList(blockCount, 2 * blockCount);
            List<Block> paced = stream.subList(2 * blockCount, 3 * blockCount);
            for (Block b : warm) {
                node.signatures().verifyAll(node.queries().params().ledger(), b.transactions());
            }
            String[] labels = {"back to back, signatures verified as they come:", "back to back, signatures already verified:",
                    "one block every " + PACE_MILLIS + " ms, signatures verified as they come:"};
            double[] busy = {
                    busyRate(out, labels[0], client, clients, chain, cold, 0),
                    busyRate(out, labels[1], client, clients, chain, warm, 0),
                    busyRate(out, labels[2], client, clients, chain, paced, PACE_MILLIS)};
            double idleAfter = rate(client, clients, deadline(seconds));
            out.printf("  %-60s %,8.0f req/s%n", "idle node again, after the streams:", idleAfter);
            double idle = (idleBefore + idleAfter) / 2;
            for (int i = 0; i < busy.length; i++) {
                out.printf("  %-60s %8.0f%% of idle (the mean of the two)%n", labels[i], 100 * busy[i] / idle);
            }
        }
    }

    private static BooleanSupplier deadline(int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        return () -> System.nanoTime() > end;
    }

    /** getbalance throughput while another thread processes {@code blocks} back to back; prints it. */
    private static double busyRate(PrintStream out, String label, NodeClient client, int clients, ChainManager chain,
                                   List<Block> blocks, long paceMillis) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        long start = System.nanoTime();
        Thread writer = new Thread(() -> {
            try {
                long next = System.nanoTime();
                for (Block b : blocks) {
                    chain.process(b);
                    next += paceMillis * 1_000_000;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the pace of arriving blocks, not a wait for a condition
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                done.set(true);
            }
        }, "block-stream");
        writer.start();
        double busy = rate(client, clients, done::get);
        writer.join();
        double secs = (System.nanoTime() - start) / 1e9;
        out.printf("  %-60s %,8.0f req/s (%d blocks in %.2f s)%n", label, busy, blocks.size(), secs);
        return busy;
    }

    /** Requests answered 200 per second, from {@code clients} threads sending one after another until {@code stop}. */
    private static double rate(NodeClient client, int clients, BooleanSupplier stop) throws Exception {
        LoadGenerator.Result r = JdkClientLoad.send(client, clients, i -> ROUTE, i -> !stop.getAsBoolean());
        return (r.requests() - r.notOk()) / r.seconds();
    }
}
