package org.powchain.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.powchain.api.ApiServer;
import org.powchain.consensus.ConsensusParams;
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
        Path dir = Files.createTempDirectory("powchain-training");
        try {
            NodeConfig config = new NodeConfig(0, "127.0.0.1", "training", "127.0.0.1", List.of(), false, 1,
                    Optional.of(dir.resolve("data")), true, ConsensusParams.defaults().withPinnedDifficulty(1));
            try (Node node = new Node(config); ApiServer api = new ApiServer(node)) {
                node.start();
                api.start();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (String path : FIRST_REQUESTS) {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding());
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }
}
