package org.powchain.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.powchain.api.ApiServer;
import org.powchain.chain.ChainManager;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;

/**
 * How fast a node that starts empty catches up with a peer holding {@code blocks} blocks: two
 * real nodes on loopback, the second booted from the first, syncing headers-first over HTTP
 * (headers, proof-of-work checks, body batches, full validation and connection of every block).
 * The clock starts when the second node starts and stops when its tip is the first node's.
 */
public final class SyncBenchmark {
    private SyncBenchmark() {}

    public static void run(int blocks, int txsPerBlock, PrintStream out) throws Exception {
        Workload w = new Workload(Math.max(1, txsPerBlock));
        try (Node source = new Node(config("source", List.of(), w)); ApiServer sourceApi = new ApiServer(source)) {
            source.start();
            sourceApi.start();
            ChainManager chain = source.chain();
            long t0 = System.nanoTime();
            long nonce = 0;
            // Timestamps a millisecond apart from genesis: in the past, and increasing, so every block is valid now.
            long time = w.params.genesisTimestamp();
            while (chain.queries().height() < blocks) {
                List<org.powchain.core.Transaction> txs = txsPerBlock == 0 ? List.of() : w.transfers(txsPerBlock, nonce++);
                chain.process(Workload.blockOn(chain, txs, ++time));
            }
            out.printf("source holds %,d blocks of %d txs (built in %.1f s)%n", chain.queries().height(), txsPerBlock,
                    (System.nanoTime() - t0) / 1e9);

            String boot = source.peers().self();
            long start = System.nanoTime();
            try (Node sink = new Node(config("sink", List.of(boot), w)); ApiServer sinkApi = new ApiServer(sink)) {
                sink.start();
                sinkApi.start();
                while (!sink.queries().tipNode().hash().equals(chain.queries().tipNode().hash())) {
                    Thread.sleep(5); // a benchmark polls; the figure is seconds, 5 ms is noise
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf("synced %,d blocks in %.2f s: %,.0f blocks/s (%,.0f txs/s)%n", blocks, seconds,
                        blocks / seconds, (double) blocks * txsPerBlock / seconds);
            }
        }
    }

    private static NodeConfig config(String id, List<String> boot, Workload w) {
        return new NodeConfig(0, "127.0.0.1", id, "127.0.0.1", boot, false, 1, Optional.empty(), true, w.params);
    }
}
