package org.powchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code powchain bench light} end to end on more headers than one round of /p2p/headers carries. */
@Tag("network")
class LightBenchmarkRunTest {

    @Test
    void aLightClientSyncsHeadersInSeveralRoundsAndKeeps88BytesABlock() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LightBenchmark.run(4_500, new PrintStream(buf, true, StandardCharsets.UTF_8)); // three rounds of 2,000
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("node holds 4,500 blocks")
                .contains("light client synced 4,500 headers in").contains("(88.0 bytes a block)")
                .contains("a sync with nothing new");
    }
}
