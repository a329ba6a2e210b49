package org.powchain.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.process.NodeJvm;

/**
 * {@code powchain devnet} as its own process, stopped every way a script, a test harness, an IDE
 * or a service manager stops it: a signal to the devnet process alone (not its process group, as
 * Ctrl-C in a terminal would), at the worst instants; {@code kill -9}, which runs no hook at all;
 * and {@code devnet down} from another process. Each time, no node process may be left.
 *
 * <p>The signal cases are the bug issue 27 reported: a SIGINT as soon as the page answered left
 * every node running, because the shutdown hook was registered only after the control server had
 * started, and the server answers for a while before its {@code start()} returns. Two-node devnets
 * keep the four start-ups cheap; nodes are found by their command lines (the test's own dir), so a
 * node spawned at any instant is counted.
 */
@Tag("process")
class DevnetStopTest {
    /** How long a loaded 2-core host may take to start two node JVMs and the devnet's. */
    static final Duration SLOW_HOST = DevnetTest.SLOW_HOST;
    /** After the devnet is gone, how long its nodes may take to notice and stop (watch every 250 ms, then a clean stop). */
    static final Duration NODES_GONE = Duration.ofSeconds(30);

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1)).build();

    Path dir;
    Process devnet;
    int controlPort;
    int basePort;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("powchain-devnet-stop");
        controlPort = DevnetTest.freePorts(3);
        basePort = controlPort + 1;
        List<String> args = List.of("devnet", "--nodes", "2", "--miners", "1", "--block-interval", "0",
                "--difficulty", "8", "--base-port", "" + basePort, "--port", "" + controlPort, "--dir", dir.toString());
        devnet = new ProcessBuilder(NodeLauncher.command(NodeJvm.devnetFlags(), args)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("devnet.out").toFile()).start();
    }

    @AfterEach
    void cleanUp() throws IOException {
        devnet.destroyForcibly();
        nodeProcesses().forEach(ProcessHandle::destroyForcibly);
        Devnet.deleteTree(dir);
    }

    @Test
    void sigtermAsSoonAsThePageAnswersLeavesNoNode() throws Exception {
        awaitAnswering(controlPort, "/");
        assertThat(nodeProcesses()).hasSize(2);

        signal("TERM");

        assertThat(devnet.waitFor(SLOW_HOST.toSeconds(), TimeUnit.SECONDS)).as("the devnet exits").isTrue();
        assertNoNodeLeft(); // the devnet stopped them itself: none may be left as it exits
    }

    @Test
    void sigintWhileTheNodesStartLeavesNoNode() throws Exception {
        Assumptions.assumeFalse(ignores(devnet.pid(), 2),
                "this test run ignores SIGINT (a background job of a non-interactive shell), and so does the devnet it starts");
        awaitAnswering(basePort, "/getlastblock"); // n0 answers; the page does not yet
        assertThat(nodeProcesses()).hasSize(2);

        signal("INT");

        assertThat(devnet.waitFor(SLOW_HOST.toSeconds(), TimeUnit.SECONDS)).as("the devnet exits").isTrue();
        assertNoNodeLeft();
    }

    @Test
    void killMinus9OfTheDevnetLeavesNoNodeForLong() throws Exception {
        awaitAnswering(controlPort, "/");
        List<ProcessHandle> nodes = nodeProcesses();
        assertThat(nodes).hasSize(2);

        signal("KILL"); // no hook runs: the nodes see their controller gone and stop themselves

        assertThat(devnet.waitFor(SLOW_HOST.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(NODES_GONE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(nodeProcesses()).as("node processes left").isEmpty());
        assertThat(Files.readString(dir.resolve("logs/n0.log"))).contains("its controller (pid " + devnet.pid() + ") is gone");
    }

    @Test
    void devnetDownFromAnotherProcessLeavesNoNode() throws Exception {
        awaitAnswering(controlPort, "/api/devnet");

        int ended = DevnetClient.find(dir).orElseThrow().down();

        assertThat(ended).as("processes down had to end itself").isZero();
        assertThat(devnet.waitFor(SLOW_HOST.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertNoNodeLeft();
    }

    private void assertNoNodeLeft() {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(nodeProcesses()).as("node processes left").isEmpty());
    }

    /**
     * Every process whose command line names this test's dir other than the devnet itself: its
     * nodes. Read from /proc whole: {@code ProcessHandle.Info} cuts a long command line (the test
     * classpath) before the node's arguments.
     */
    private List<ProcessHandle> nodeProcesses() {
        String marker = dir.toString() + "/n";
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.allProcesses().filter(p -> p.pid() != devnet.pid())
                .filter(p -> DevnetClient.commandLine(p).contains(marker)).forEach(out::add);
        return out;
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(devnet.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private void awaitAnswering(int port, String path) {
        await().atMost(SLOW_HOST).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (!devnet.isAlive()) {
                throw new AssertionError("the devnet exited: " + Files.readString(dir.resolve("devnet.out")));
            }
            try {
                return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** Whether process {@code pid} ignores signal {@code sig} (its SigIgn mask in /proc). */
    static boolean ignores(long pid, int sig) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (sig - 1))) != 0;
            }
        }
        return false;
    }
}
