package org.powchain.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks run end to end on tiny inputs and print their figures (speed itself is never asserted). */
@Tag("http")
class BenchmarksRunTest {

    @Test
    void eachBenchmarkPrintsItsFigures() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        NodeBenchmarks.block(20, out);
        NodeBenchmarks.admission(200, 2, out);
        HttpBenchmark.run(40, 2, List.of(3), out);
        StoreBenchmark.run(3, List.of(1, 5), List.of(4), out);
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("block of 20 txs").contains("validated and connected in");
        assertThat(printed).contains("2 thread(s): 200 admitted");
        assertThat(printed).contains("sqlite NORMAL").contains("bytes a block").contains("start-up with 5 blocks stored");
        assertThat(printed).contains("chain at 3 blocks").contains("addtx").contains("(0 not 200)")
                .contains("addtx ÷ getbalance");
    }

    @Test
    void theReadersBenchmarkConnectsEachStreamAndComparesItWithIdle(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ReadersBenchmark.run(2, 10, 2, 1, dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("idle node:").contains("idle node again");
        assertThat(printed.lines().filter(l -> l.contains("(2 blocks in"))).hasSize(3);
        assertThat(printed.lines().filter(l -> l.contains("% of idle"))).hasSize(3);
    }

    /** Where wrk is installed (.ci/run installs it): the Lua script sends requests the node accepts. */
    @Test
    void httpBenchmarkRunsUnderWrkWhenItIsInstalled() throws Exception {
        assumeTrue(WrkLoad.find("wrk").isPresent(), "wrk is not on PATH");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        HttpBenchmark.run(HttpBenchmark.wrk(1, 2, 1, 1), List.of(1), Optional.empty(), out);
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("load generator: ").contains("wrk").contains("addtx ÷ getbalance")
                .doesNotContain("mempool after: 0 txs");
        assertThat(printed.lines().filter(l -> l.contains("req/s"))).hasSize(2)
                .allMatch(l -> l.endsWith("(0 not 200)"), "every request answered 200");
    }
}
