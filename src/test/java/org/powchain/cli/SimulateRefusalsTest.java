package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad option is refused by name, with the range it allows, before any simulation starts: the
 * runs asked for here would take hours if they began before the refusal.
 */
@Tag("sim")
class SimulateRefusalsTest {
    /** The exit code and what went to stderr. */
    record Outcome(int code, String err) {}

    static Outcome refuse(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            int code = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> PowchainCommand.commandLine().execute(args));
            return new Outcome(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "selfish-mining --pool-share 0.6 --runs 1000 | --pool-share must be in (0, 0.5]: got 0.6",
            "selfish-mining --gamma 1.5 --runs 1000 | --gamma must be in [0, 1]: got 1.5",
            "selfish-mining --runs 0 | --runs must be >= 1: got 0",
            "selfish-mining --runs 1 --target-ci 0.01 | --target-ci needs --runs >= 2",
            "selfish-mining --honest-nodes 1 --runs 1000 | --honest-nodes must be >= 2: got 1",
            "double-spend --trials 0 | --trials must be >= 1: got 0",
            "double-spend --attacker-share 0.5 --trials 100000 | --attacker-share must be < 0.5: got 0.5",
            "double-spend --sweep --shares 0.1,0.6 --trials 100000 | --shares must each be in (0, 0.5): got 0.6",
            "double-spend --confirmations 0 --trials 100000 | --confirmations must be >= 1: got 0",
            "double-spend --follow-behind 81 --trials 100000 | --follow-behind must be in 0..80: got 81",
            "network --nodes 1 | --nodes must be >= 2: got 1",
            "network --sweep-interval 10,0 --blocks 100000 | --block-interval must be > 0 seconds: got 0.0",
            "network --latency-ms -1 --blocks 100000 | --latency-ms must be >= 0: got -1.0",
            "network --runs 0 | --runs must be >= 1: got 0",
            "network --threads 0 --blocks 100000 | --threads must be >= 1: got 0",
            "difficulty --at-block 200 --blocks 150 | --at-block must be in 1..--blocks (150): got 200",
            "difficulty --hashrate-change 0 | --hashrate-change must be a finite factor > 0: got 0.0",
            "difficulty --target-ci 0.1 | --target-ci: difficulty runs each point once",
            "partition --split 1.2 | --split must be in (0, 1) and leave at least one of the 20 nodes on each side",
            "partition --boot-nodes -1 | --boot-nodes must be >= 0: got -1",
            "double-spend --workers 0 --trials 100000 | --workers must be at least 1: 0",
            "double-spend --target-ci 0.7 --trials 100000 | --target-ci must be between 0 and 0.5: 0.7",
            "network --difficulty 40 | --difficulty must be 1..24 bits"})
    void aBadOptionIsRefusedByNameWithItsRangeBeforeAnyWork(String args, String message) {
        String[] all = ("simulate " + args).split(" ");
        Outcome o = refuse(all);
        assertThat(o.code()).as(o.err()).isNotZero();
        assertThat(o.err()).contains(message);
        assertThat(o.err()).doesNotContainPattern("\\d+% \\d+/").doesNotContain("wall time"); // no progress bar: nothing ran
    }

    @Test
    void mergeRefusesAPointThatLacksATask(@TempDir Path dir) throws Exception {
        Path tasks = dir.resolve("tasks.json");
        SimulateCommandTest.run("simulate", "double-spend", "--trials", "3", "--trials-per-network", "1", "--honest-nodes", "2",
                "--confirmations", "1", "--save-tasks", tasks.toString(), "--json");
        ObjectNode partial = (ObjectNode) SimulateCommandTest.JSON.readTree(tasks.toFile());
        assertThat(SimulateCommandTest.run("simulate", "merge", "--json", tasks.toString())).contains("\"trials\":3");
        ((ArrayNode) partial.get("tasks")).remove(2);
        Path cut = dir.resolve("shard-0-of-1.json");
        Files.writeString(cut, partial.toString());
        Outcome o = refuse("simulate", "merge", "--json", cut.toString());
        assertThat(o.code()).isNotZero();
        assertThat(o.err()).contains("point 0 (Point[attackerShare=0.3, confirmations=1]) has 2 of its 3 tasks");
    }
}
