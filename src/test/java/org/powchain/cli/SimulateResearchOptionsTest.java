package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --latency-matrix}, {@code --loss} and the per-trial and per-block CSV of {@code --out} (issue 26, item 7). */
@Tag("sim")
class SimulateResearchOptionsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLatencyMatrixSetsHowLongBlocksTakeBetweenRegions(@TempDir Path dir) throws Exception {
        Path near = dir.resolve("near.txt");
        Files.writeString(near, "# two regions, close\n  a  b\na 10 20\nb 20 10\n");
        Path far = dir.resolve("far.txt");
        Files.writeString(far, "  a    b\na 10  900\nb 900  10   # an ocean between\nnodes 1 1\n");
        String[] base = {"simulate", "network", "--nodes", "20", "--peers", "4", "--blocks", "30", "--block-interval", "30",
                "--bandwidth-mbps", "0", "--json", "--seed", "3"};
        double nearP90 = p90(SimulateCommandTest.run(with(base, "--latency-matrix", near.toString())));
        double farP90 = p90(SimulateCommandTest.run(with(base, "--latency-matrix", far.toString())));
        // half the nodes are across the ocean: 90% of them hear of a block only after crossing it
        assertThat(nearP90).isLessThan(200);
        assertThat(farP90).isGreaterThan(450);
    }

    @Test
    void lossIsRecoveredByThePeriodicSyncAndEveryBlockIsInBlocksCsv(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        String json = SimulateCommandTest.run("simulate", "network", "--nodes", "12", "--peers", "4", "--blocks", "25",
                "--block-interval", "30", "--runs", "2", "--loss", "0.2", "--json", "--seed", "4", "--out", out.toString());
        JsonNode r = JSON.readTree(json);
        assertThat(r.get("blocksMined").asInt()).isEqualTo(50); // 2 runs of 25
        assertThat(r.get("mainChainBlocks").asInt()).isGreaterThan(40); // lost announcements did not split the chain
        List<String> csv = Files.readAllLines(out.resolve("blocks.csv"));
        assertThat(csv.get(0)).isEqualTo("blockIntervalSeconds,run,height,miner,minedAtSeconds,mainChain,reached50Ms,reached90Ms");
        assertThat(csv).hasSize(1 + 50);
        assertThat(csv.stream().skip(1).filter(l -> l.startsWith("30.0,1,")).count()).isEqualTo(25); // the second run's blocks
        assertThat(csv.stream().skip(1).filter(l -> l.contains(",true,")).count()).isEqualTo(r.get("mainChainBlocks").asLong());
        assertThat(Files.readString(out.resolve("report.html"))).contains("message loss").contains("blocks.csv");
    }

    @Test
    void everyDoubleSpendTrialIsARowOfTrialsCsv(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        String json = SimulateCommandTest.run("simulate", "double-spend", "--attacker-share", "0.3", "--confirmations", "1",
                "--trials", "150", "--trials-per-network", "40", "--difficulty", "4", "--json", "--out", out.toString());
        JsonNode r = JSON.readTree(json);
        List<String> csv = Files.readAllLines(out.resolve("trials.csv"));
        assertThat(csv.get(0)).isEqualTo("attackerShare,confirmations,trial,reversed,published,blocks,minutes,catchUp");
        assertThat(csv).hasSize(1 + 150);
        assertThat(csv.stream().skip(1).filter(l -> l.split(",")[3].equals("true")).count()).isEqualTo(r.get("reversed").asLong());
        assertThat(csv.get(150)).startsWith("0.3,1,149,");
    }

    @Test
    void doubleSpendRefusesLossNamingTheFlag() {
        var lossy = new org.powchain.sim.NetworkConditions(java.util.Optional.empty(), 0.05);
        assertThatThrownBy(() -> lossy.during(() -> org.powchain.sim.DoubleSpendScenario.run(
                new org.powchain.sim.DoubleSpendScenario.Options(0.3, 1, 10, 2, 600, 50, 4, 1), n -> { })))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--loss must be 0 for double-spend and eclipse");
        assertThat(PowchainCommand.commandLine().execute("simulate", "double-spend", "--trials", "10", "--loss", "0.05", "--difficulty", "4"))
                .isNotZero();
    }

    private static double p90(String json) throws Exception {
        return JSON.readTree(json).at("/propagationMs/p90").asDouble();
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
