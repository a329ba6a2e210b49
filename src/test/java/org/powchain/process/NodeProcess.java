package org.powchain.process;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.powchain.devnet.NodeLauncher;

/**
 * A real {@code powchain} node in its own process, as a user starts it: {@code org.powchain.cli.Main}
 * on this test run's classes (surefire runs before the jar is packaged; {@link NodeJvm}), on a free loopback
 * port, its output in files so a failing test can show them.
 */
final class NodeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The exit code of a node stopped with SIGTERM: 128 + 15, after the JVM ran its shutdown hooks. */
    static final int STOPPED = 143;
    /** Exit status of a process that SIGKILL ended (128 + 9); any other means it had already exited. */
    static final int KILLED = 137;

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private int port;

    record Reply(int status, JsonNode json) {}

    private NodeProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code powchain -p 0 --host 127.0.0.1 --threads 1 <args>}; output goes to files in {@code logs}. */
    static NodeProcess start(Path logs, List<String> args) throws IOException {
        return start(logs, List.of(), args);
    }

    /** As {@link #start(Path, List)}, with more JVM flags. */
    static NodeProcess start(Path logs, List<String> jvmFlags, List<String> args) throws IOException {
        Files.createDirectories(logs);
        List<String> flags = new ArrayList<>(NodeJvm.archiveFlags());
        flags.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m")); // start fast; the work is tiny
        flags.addAll(jvmFlags);
        List<String> nodeArgs = new ArrayList<>(List.of("-p", "0", "--host", "127.0.0.1", "--threads", "1"));
        nodeArgs.addAll(args);
        List<String> command = NodeLauncher.command(flags, nodeArgs);
        File out = Files.createTempFile(logs, "node-", ".out").toFile();
        File err = new File(out.getPath().replace(".out", ".err"));
        Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        return new NodeProcess(p, out.toPath(), err.toPath());
    }

    /** Waits until the node prints the line with its port; fails if it exits first. */
    NodeProcess awaitListening(Duration deadline) {
        await().atMost(deadline).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the node exited with " + process.exitValue() + ":\n" + output());
            }
            Matcher m = LISTENING.matcher(Files.readString(stdout));
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                return true;
            }
            return false;
        });
        return this;
    }

    int port() {
        return port;
    }

    Reply get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    JsonNode getOk(String pathAndQuery) throws IOException, InterruptedException {
        Reply r = get(pathAndQuery);
        if (r.status() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + r.status() + ": " + r.json());
        }
        return r.json();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. Returns the exit status. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** SIGTERM, as Ctrl-C or a service manager: the node shuts down cleanly. Returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    /** Waits for the process to exit by itself (a refusal to start). */
    int awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the node did not exit:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(stdout) + Files.readString(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
