package org.powchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code powchain bench sync} and {@code relay} run end to end on a few blocks and print their figures (never asserted). */
@Tag("network")
class SyncBenchmarkRunTest {

    @Test
    void printsHowFastAFreshNodeCaughtUp() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SyncBenchmark.run(30, 1, new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("source holds 30 blocks").contains("synced 30 blocks in");
    }

    @Test
    void printsHowFastABlockReachedTheOtherNodes() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        RelayBenchmark.run(3, new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("3 blocks relayed to 2 peers: median");
    }
}
