package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's output depends on its seed and options only: not on how many workers ran it, nor on
 * whether it ran as one process or as shards merged afterwards (as a Kubernetes Indexed Job or a
 * Slurm array runs them).
 */
@Tag("sim")
class SimulateShardsTest {
    /** A sweep of 4 points of 5 trials each, 2 trials a network: 12 tasks (2, 2 and 1 trials a point), each a network of its own. */
    private static final List<String> SWEEP = List.of("simulate", "double-spend", "--sweep", "--shares", "0.2,0.3",
            "--confirmations", "2", "--trials", "5", "--trials-per-network", "2", "--honest-nodes", "3", "--seed", "7");

    private static String[] args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void oneWorkerOrTwoGiveTheSameBytes() {
        String one = SimulateCommandTest.run(args(SWEEP, "--json", "--workers", "1"));
        String two = SimulateCommandTest.run(args(SWEEP, "--json", "--workers", "2"));
        assertThat(two).isEqualTo(one);
        assertThat(one).contains("\"trials\":5");
    }

    @Test
    void shardsRunAsSeparateProcessesMergeIntoTheSameJsonCsvChartsAndReportAsOneRun(@TempDir Path dir) throws Exception {
        Path shards = dir.resolve("shards");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "--add-opens", "java.base/sun.security.provider=ALL-UNNAMED", // as powchain.jar's manifest
                    "-cp", System.getProperty("java.class.path"), "org.powchain.cli.Main"));
            command.addAll(List.of(args(SWEEP, "--shard", i + "/3", "--workers", "1", "--out", shards.toString())));
            File log = dir.resolve("shard-" + i + ".log").toFile();
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start());
        }
        for (int i = 0; i < processes.size(); i++) {
            assertThat(processes.get(i).waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(processes.get(i).exitValue()).as(Files.readString(dir.resolve("shard-" + i + ".log"))).isZero();
        }
        assertThat(shards.resolve("shard-2-of-3.json")).exists();

        String merged = SimulateCommandTest.run("simulate", "merge", "--json", "--out", dir.resolve("merged").toString(),
                shards.toString());
        String single = SimulateCommandTest.run(args(SWEEP, "--json", "--out", dir.resolve("single").toString()));
        assertThat(merged).isEqualTo(single);
        List<String> files;
        try (Stream<Path> list = Files.list(dir.resolve("single"))) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).contains("report.html", "double-spend.csv", "success-vs-confirmations.png");
        for (String f : files) {
            assertThat(Files.readAllBytes(dir.resolve("merged").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("single").resolve(f)));
        }
    }

    @Test
    void targetCiAddsTrialsUntilTheIntervalIsThatNarrow() throws Exception {
        com.fasterxml.jackson.databind.JsonNode r = SimulateCommandTest.JSON.readTree(SimulateCommandTest.run("simulate",
                "double-spend", "--confirmations", "1", "--trials", "10", "--honest-nodes", "3", "--target-ci", "0.15", "--json"));
        // 0/1 outcomes would need about 2.58^2 * 0.6 * 0.4 / 0.15^2 = 71 trials at q = 0.3, z = 1; the exact
        // tails lower the variance about 2.5 times: some 30, more than the 10 asked for
        assertThat(r.get("trials").asInt()).isGreaterThan(15);
        assertThat((r.at("/ci99/1").asDouble() - r.at("/ci99/0").asDouble()) / 2).isLessThan(0.15);
    }

    @Test
    void mergeRefusesAnIncompleteSetOfShards(@TempDir Path dir) {
        Path shards = dir.resolve("shards");
        SimulateCommandTest.run(args(SWEEP, "--shard", "1/3", "--out", shards.toString()));
        CliRun r = CliRun.of("simulate", "merge", shards.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("shard 0/3 is missing");
    }
}
