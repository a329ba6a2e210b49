package org.powchain.bench;

import org.powchain.core.WallClock;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.powchain.api.ApiServer;
import org.powchain.chain.ChainManager;
import org.powchain.core.Keys;
import org.powchain.light.HeaderChain;
import org.powchain.light.HeaderFile;
import org.powchain.light.LightClient;
import org.powchain.client.NodeClient;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;

/**
 * How fast a light client with an empty data dir syncs {@code blocks} headers from a local node
 * over HTTP: {@code /p2p/headers} in rounds of 2,000, every header checked (links, proof of work,
 * retarget, median time past) and written to its headers file. Then how long a sync takes when
 * nothing is new, and the size of the file.
 */
public final class LightBenchmark {
    private LightBenchmark() {}

    public static void run(int blocks, PrintStream out) throws Exception {
        Workload w = new Workload(1);
        NodeConfig config = new NodeConfig(0, "127.0.0.1", "source", "127.0.0.1", List.of(), false, 1, Optional.empty(),
                true, w.params);
        Path dir = Files.createTempDirectory("powchain-light-bench");
        try (Node source = new Node(config); ApiServer api = new ApiServer(source)) {
            source.start();
            api.start();
            ChainManager chain = source.chain();
            long t0 = System.nanoTime();
            long time = w.params.genesisTimestamp(); // a millisecond apart: in the past and increasing
            while (chain.queries().height() < blocks) {
                chain.process(Workload.blockOn(chain, List.of(), ++time));
            }
            out.printf("node holds %,d blocks (built in %.1f s)%n", chain.queries().height(), (System.nanoTime() - t0) / 1e9);

            HeaderFile file = new HeaderFile(dir);
            LightClient light = new LightClient(new HeaderChain(w.params), List.of(new NodeClient(api.baseUrl())),
                    Optional.of(file), WallClock::millis, 6);
            long start = System.nanoTime();
            LightClient.Report r = light.sync(Keys.demo("carol").address());
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = Files.size(file.path());
            out.printf("light client synced %,d headers in %.2f s: %,.0f headers/s; %s is %,d bytes (%.1f bytes a block)%n",
                    r.tipHeight(), seconds, r.tipHeight() / seconds, HeaderFile.NAME, bytes, (double) bytes / (r.tipHeight() + 1));
            start = System.nanoTime();
            light.sync(Keys.demo("carol").address());
            out.printf("a sync with nothing new: %.0f ms%n", (System.nanoTime() - start) / 1e6);
        } finally {
            Files.deleteIfExists(dir.resolve(HeaderFile.NAME));
            Files.deleteIfExists(dir);
        }
    }
}
