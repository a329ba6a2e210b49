package org.powchain.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.powchain.api.ApiServer;
import org.powchain.core.Block;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;

/**
 * How long a new block takes to reach the other nodes: three real nodes on loopback in a line
 * (the third knows only the second at first), the first mines, and the clock runs from the
 * moment its chain has the block to the moment both others have it.
 */
public final class RelayBenchmark {
    private static final int NODES = 3;

    private RelayBenchmark() {}

    public static void run(int blocks, PrintStream out) throws Exception {
        Workload w = new Workload(1);
        List<Node> nodes = new ArrayList<>();
        List<ApiServer> apis = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                List<String> boot = i == 0 ? List.of() : List.of(nodes.get(i - 1).peers().self());
                Node n = new Node(new NodeConfig(0, "127.0.0.1", "relay" + i, "127.0.0.1", boot, false, 1,
                        Optional.empty(), true, w.params));
                ApiServer api = new ApiServer(n);
                nodes.add(n);
                apis.add(api);
                n.start();
                api.start();
            }
            while (nodes.stream().anyMatch(n -> n.peers().gossipable().size() < NODES - 1)) {
                Thread.sleep(10); // a benchmark polls; this is setup, not measured
            }
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                Block b = nodes.get(0).miner().mineOne().get();
                long t0 = System.nanoTime(); // mineOne completes once the chain has the block and relay has begun
                while (nodes.stream().anyMatch(n -> !n.queries().tipNode().hash().equals(b.hash()))) {
                    Thread.onSpinWait();
                }
                micros.add((System.nanoTime() - t0) / 1_000);
            }
            Collections.sort(micros);
            out.printf("%d blocks relayed to %d peers: median %.1f ms, 90th percentile %.1f ms, max %.1f ms%n",
                    blocks, NODES - 1, micros.get(blocks / 2) / 1e3, micros.get(blocks * 9 / 10) / 1e3,
                    micros.get(blocks - 1) / 1e3);
        } finally {
            apis.forEach(ApiServer::close);
            nodes.forEach(Node::close);
        }
    }
}
