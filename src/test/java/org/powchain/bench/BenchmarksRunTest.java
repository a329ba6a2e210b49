package org.powchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
        assertThat(printed).contains("chain at 3 blocks").contains("addtx").contains("(0 not 200)");
    }
}
