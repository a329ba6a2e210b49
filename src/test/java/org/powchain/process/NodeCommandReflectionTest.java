package org.powchain.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's start reads no picocli annotation: its command is built with picocli's programmatic
 * API, because the annotated model was the largest single step of a node's start-up
 * (docs/PERFORMANCE.md). Checked on a real node run to its first answer, with picocli's own trace:
 * it says "Creating CommandSpec for ..." each time it builds a command, or a mixin such as the
 * standard help options, from annotations, and "returning existing CommandSpec" when handed one.
 */
@Tag("process")
class NodeCommandReflectionTest {
    @TempDir
    Path tmp;

    @Test
    void aNodeRunBuildsItsCommandWithoutReadingAnnotations() throws Exception {
        String trace;
        try (NodeProcess node = NodeProcess.start(tmp.resolve("logs"), List.of("-Dpicocli.trace=DEBUG"),
                List.of("--data-dir", tmp.resolve("data").toString()))) {
            node.awaitListening(Duration.ofSeconds(60));
            assertThat(node.getOk("/getlastblock")).isNotNull();
            trace = node.stderr();
        }
        assertThat(trace).as("picocli traced the node command").contains("returning existing CommandSpec instance");
        assertThat(trace).doesNotContain("Creating CommandSpec for");
    }
}
