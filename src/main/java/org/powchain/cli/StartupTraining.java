package org.powchain.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.powchain.api.ApiServer;
import org.powchain.client.NodeClient;
import org.powchain.consensus.ConsensusParams;
import org.powchain.devnet.Devnet;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;
import picocli.CommandLine.Command;

/**
 * {@code powchain startup-training} (hidden): what the {@code ./powchain} launcher runs once per jar
 * under {@code -XX:ArchiveClassesAtExit} (or JDK 25's {@code -XX:AOTCacheOutput}), so the classes a
 * node loads up to its first answers land in a class-data archive the next start maps instead of
 * parsing and verifying them again (docs/PERFORMANCE.md, "Start-up"). It runs a node in a temp data
 * dir on a free loopback port, asks it what a user and its peers first ask, and exits.
 */
@Command(name = "startup-training", hidden = true, mixinStandardHelpOptions = true,
        description = "Run a node briefly so a JVM class-data archive can record what start-up loads.")
final class StartupTraining implements Callable<Integer> {
    private static final List<String> FIRST_REQUESTS = List.of("/", "/getlastblock", "/getbalance?account=A",
            "/addtx?sender=A&to=B&amount=1", "/getmempool", "/mine", "/getblockchain", "/api/v1/node",
            "/api/v1/chain/tree", "/getpeerstore", "/metrics", "/no-such-route");

    @Override
    public Integer call() throws Exception {
        // a node's flags, read as a node reads them (NodeArgs), so those classes are in the archive too
        NodeArgs.read(new String[] {"-p", "0", "--boot-node=127.0.0.1:1", "--mine", "--data-dir", "data"});
        Path dir = Files.createTempDirectory("powchain-training");
        try {
            NodeConfig config = new NodeConfig(0, "127.0.0.1", "training", "127.0.0.1", List.of(), false, 1,
                    Optional.of(dir.resolve("data")), true, ConsensusParams.defaults().withPinnedDifficulty(1));
            try (Node node = new Node(config); ApiServer api = new ApiServer(node)) {
                node.start();
                api.start();
                NodeClient client = NodeClient.local(api.port()).withTimeout(Duration.ofSeconds(20));
                for (String path : FIRST_REQUESTS) {
                    client.status(path);
                }
            }
        } finally {
            Devnet.deleteTree(dir);
        }
        return 0;
    }
}
