package org.powchain.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.devnet.NodeLauncher;

/** The node JVMs the tests start map a class-data archive, as a user's do: else each start costs about 0.9 s more CPU. */
@Tag("process")
class NodeJvmTest {

    @Test
    void aNodeJvmTheTestsStartMapsTheClassDataArchive() throws IOException, InterruptedException {
        List<String> flags = new ArrayList<>(NodeJvm.archiveFlags());
        assertThat(flags).as("archive flags (see target/node-jvm/training.log)").isNotEmpty();
        // strict: a JVM that cannot map the archive refuses to start instead of starting without it
        flags.add(NodeLauncher.javaMajor() >= 25 ? "-XX:AOTMode=on" : "-Xshare:on");
        Process p = new ProcessBuilder(NodeLauncher.command(flags, List.of("--version"))).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        assertThat(said).contains("powchain");
    }
}
