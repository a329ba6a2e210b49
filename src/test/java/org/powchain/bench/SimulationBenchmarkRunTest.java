package org.powchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code powchain bench simulate} runs end to end on a tiny network and prints its figures (speed is never asserted). */
@Tag("unit")
class SimulationBenchmarkRunTest {

    @Test
    void printsTimeEventsMessagesAndHeapOfEachRun() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SimulationBenchmark.run(List.of(6, 8), List.of(3, 2), 3, 2, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("6 nodes × 3 peers × 3 blocks on 2 threads:").contains("8 nodes × 3 peers × 2 blocks on 2 threads:");
        assertThat(printed).contains("s wall").contains("s CPU").contains("events (").contains("messages (")
                .contains("heap: peak after GC").contains("live at the last block");
    }
}
