package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --config run.yaml}: a run written down once, read as the command line it stands for. */
@Tag("unit")
class RunConfigTest {
    @Test
    void keysBecomeOptionsListsCommaSeparatedAndFlagsBare(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("run.yaml");
        Files.writeString(f, "scenario: double-spend\nsweep: true\njson: false\nshares: [0.1, 0.25]\ntrials: 40\nseed: 3\n");
        assertThat(RunConfig.read(f)).containsExactly("double-spend", "--sweep", "--shares", "0.1,0.25", "--trials", "40",
                "--seed", "3");
    }

    @Test
    void aFileWithoutAScenarioIsRefusedSayingWhatItNeeds(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("run.yaml");
        Files.writeString(f, "trials: 40\n");
        assertThatThrownBy(() -> RunConfig.read(f)).hasMessageContaining("scenario: NAME");
    }

    @Test
    void theFiguresConfigFilesInDocsAreValidRuns() {
        // --help after the file's options: picocli parses them all, then prints the usage instead of running
        for (String run : new String[] {"confirmations", "selfish-mining", "stale-rate", "difficulty"}) {
            CliRun r = CliRun.of("simulate", "--config", Path.of("docs/runs", run + ".yaml").toString(), "--help");
            assertThat(r.exit()).as(r.err()).isZero();
        }
    }

    @Test
    void anUnknownKeyIsRefusedByItsName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("run.yaml");
        Files.writeString(f, "scenario: network\nblcoks: 40\n");
        CliRun r = CliRun.of("simulate", "--config", f.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--blcoks");
    }
}
