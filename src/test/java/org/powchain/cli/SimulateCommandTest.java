package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.api.TestNode;
import org.powchain.consensus.ConsensusParams;
import org.powchain.node.NodeConfig;

/** {@code powchain simulate} as a user runs it: same seed, same output; its chains are real; its report is written. */
@Tag("sim")
class SimulateCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(PowchainCommand.commandLine().execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSameSeedGivesTheSameOutputAndAnotherSeedAnother() throws Exception {
        String[] args = {"simulate", "network", "--nodes", "20", "--peers", "4", "--blocks", "40", "--block-interval", "3",
                "--json", "--seed", "5"};
        String first = run(args);
        String second = run(args);
        assertThat(first.lines()).hasSize(1); // one JSON object on stdout, nothing else
        assertThat(second).isEqualTo(first); // byte for byte: the wall time goes to stderr, not into the JSON
        args[args.length - 1] = "6";
        assertThat(run(args)).isNotEqualTo(first);
        JsonNode r = JSON.readTree(first);
        assertThat(r.get("runs").asInt()).isEqualTo(4); // the default: 4 runs of --blocks each
        assertThat(r.get("blocksMined").asInt()).isEqualTo(4 * 40);
        assertThat(r.get("staleRate").isNumber()).isTrue();
        assertThat(r.at("/staleRateCi99/1").asDouble()).isGreaterThanOrEqualTo(r.get("staleRate").asDouble());
        assertThat(r.at("/propagationMs/p90").isNumber()).isTrue();
    }

    /** --threads runs one network's nodes side by side: the output is the same, lost messages and transactions too. */
    @Test
    void oneRunOnTwoThreadsGivesTheSameOutputAsOnOne() {
        String[] args = {"simulate", "network", "--nodes", "60", "--peers", "6", "--blocks", "40", "--block-interval", "2",
                "--block-txs", "10", "--loss", "0.05", "--runs", "1", "--workers", "1", "--json", "--seed", "9", "--threads", "1"};
        String one = run(args).replaceAll("\"wallSeconds\":[0-9.E-]+", "");
        args[args.length - 1] = "2";
        String two = run(args).replaceAll("\"wallSeconds\":[0-9.E-]+", "");
        assertThat(two).isEqualTo(one);
        assertThat(one).contains("\"blocksMined\":40").contains("\"reorgDepths\":{\"1\""); // forks happened, and came out the same
    }

    @Test
    void anExportedChainIsAcceptedBlockByBlockByARealNodeWithTheSameFlags(@TempDir Path dir) throws Exception {
        Path chain = dir.resolve("chain.json");
        run("simulate", "network", "--nodes", "10", "--peers", "4", "--blocks", "30", "--block-txs", "5",
                "--difficulty", "10", "--export-chain", chain.toString(), "--json");
        JsonNode blocks = JSON.readTree(Files.readString(chain));
        assertThat(blocks.size()).isGreaterThanOrEqualTo(28);
        // as `powchain --difficulty 10` would be configured
        NodeConfig config = NodeConfig.forTests("importer").withParams(ConsensusParams.defaults().withPinnedDifficulty(10));
        try (TestNode node = new TestNode(config)) {
            int height = 0;
            for (JsonNode b : blocks) {
                TestNode.Reply reply = node.post("/addblock", b.toString());
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                assertThat(reply.json().get("status").asText()).isEqualTo("main-chain");
                assertThat(reply.json().get("height").asInt()).isEqualTo(++height);
            }
            assertThat(node.node().queries().tipNode().hash().toHex())
                    .isEqualTo(blocks.get(blocks.size() - 1).get("hash").asText());
        }
    }

    @Test
    void outWritesAReportWithChartsAndTables(@TempDir Path dir) throws Exception {
        String summary = run("simulate", "double-spend", "--attacker-share", "0.3", "--confirmations", "1", "--trials", "40",
                "--out", dir.toString());
        assertThat(summary).contains("successRate: ").contains("rosenfeld: ");
        assertThat(dir.resolve("report.html")).exists();
        assertThat(dir.resolve("success-vs-confirmations.png")).exists();
        assertThat(Files.readString(dir.resolve("double-spend.csv"))).startsWith("attackerShare,confirmations");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("success-vs-confirmations.png", "Rosenfeld");
    }

    @Test
    void aConfigFileGivesTheSameOutputAsItsOptionsTyped(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, "scenario: network\nnodes: 10\npeers: 4\nblocks: 20\nblock-interval: 3\nseed: 5\n");
        String typed = run("simulate", "network", "--nodes", "10", "--peers", "4", "--blocks", "20", "--block-interval", "3",
                "--seed", "5", "--json");
        assertThat(run("simulate", "--config", config.toString(), "--json")).isEqualTo(typed);
    }

    @Test
    void badOptionsAreRefusedWithAMessage() {
        assertThat(PowchainCommand.commandLine().execute("simulate", "double-spend", "--attacker-share", "1.5")).isNotZero();
        assertThat(PowchainCommand.commandLine().execute("simulate", "network", "--difficulty", "40")).isNotZero();
    }
}
