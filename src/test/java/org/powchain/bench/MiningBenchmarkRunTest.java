package org.powchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.mining.NonceSearch;

/** The mining benchmark runs (1 s warm-up, 1 s timed) and prints both of its rates; speed is never asserted. */
@Tag("unit")
class MiningBenchmarkRunTest {
    @Test
    void printsAttemptsPerSecondAndPerCpuSecond() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        MiningBenchmark.run(1, 1, new PrintStream(buf, true, StandardCharsets.UTF_8), NonceSearch.Hasher.DEFAULT);
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("default: the JDK's SHA-256 compression called directly")
                .containsPattern("thread 0: +[0-9,]+ attempts/s  \\([0-9,]+ per CPU-second\\)")
                .contains("total:");
    }
}
