package org.powchain.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node's start costs in picocli, checked on real nodes run to their first answer. Plainly
 * right flags are read without picocli, whose classes no class-data archive can hold
 * (docs/PERFORMANCE.md): the JVM's class-load log shows none. Flags in a form left to picocli (a
 * short option glued to its value) still start the node, through a command built with picocli's
 * programmatic API: its trace says "returning existing CommandSpec" when handed one, and "Creating
 * CommandSpec for ..." only when it reads annotations.
 */
@Tag("process")
class NodeCommandReflectionTest {
    @TempDir
    Path tmp;

    @Test
    void plainFlagsStartANodeWithoutLoadingPicocli() throws Exception {
        Path classes = tmp.resolve("classes.log");
        try (NodeProcess node = NodeProcess.start(tmp.resolve("logs"), List.of("-Xlog:class+load:file=" + classes),
                List.of("--data-dir", tmp.resolve("data").toString(), "--node-id", "plain", "--link-faults"))) {
            node.awaitListening(Duration.ofSeconds(60));
            assertThat(node.getOk("/api/v1/node").path("nodeId").asText()).isEqualTo("plain");
        }
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).as("the JVM logged the classes it loaded").anyMatch(l -> l.contains("org.powchain.cli.NodeArgs"));
        assertThat(loaded).noneMatch(l -> l.contains(" picocli."));
    }

    @Test
    void flagsLeftToPicocliStartTheNodeWithoutReadingAnnotations() throws Exception {
        String trace;
        try (NodeProcess node = NodeProcess.start(tmp.resolve("logs"), List.of("-Dpicocli.trace=DEBUG"),
                List.of("--data-dir", tmp.resolve("data").toString(), "-iglued"))) {
            node.awaitListening(Duration.ofSeconds(60));
            assertThat(node.getOk("/api/v1/node").path("nodeId").asText()).isEqualTo("glued");
            trace = node.stderr();
        }
        assertThat(trace).as("picocli traced the node command").contains("returning existing CommandSpec instance");
        assertThat(trace).doesNotContain("Creating CommandSpec for");
    }
}
