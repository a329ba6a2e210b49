package org.powchain.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One node of a devnet: a real {@code powchain} node in its own JVM, on loopback, with its data
 * dir and log under the devnet's dir. It can be stopped (SIGTERM: it shuts down cleanly), killed
 * (SIGKILL, as a power cut) and started again on the same data dir.
 */
final class DevnetNode {
    private final int index;
    private final String id;
    private final int port;
    /**
     * How many peers a node keeps, as Bitcoin Core dials 8: past 9 nodes gossip no longer links every
     * pair, which is closer to a real network, and each node greets fewer peers, so a large devnet
     * comes up sooner and idles on less CPU (docs/PERFORMANCE.md, "A devnet's nodes keep 8 peers").
     */
    static final int PEERS = 8;
    private final Path dataDir;
    private final Path log;
    private final List<String> command;
    private Process process;
    /** Set when the devnet closes: the node is never started again, so a start racing a stop cannot leave it running. */
    private boolean retired;

    /**
     * @param neighbours the nodes the topology links it to: it dials those below it (each link once,
     *                   by its higher end), and keeps {@link #PEERS} peers or all of them, if more
     */
    DevnetNode(DevnetSpec spec, int index, Path dir, List<String> jvmFlags, List<Integer> neighbours) {
        this.index = index;
        this.id = spec.nodeId(index);
        this.port = spec.port(index);
        this.dataDir = dir.resolve(id);
        this.log = dir.resolve("logs").resolve(id + ".log");
        List<String> args = new ArrayList<>(List.of("-p", String.valueOf(port), "--host", "127.0.0.1",
                "--node-ip", "127.0.0.1", "--node-id", id, "--data-dir", dataDir.toString(),
                "--difficulty", String.valueOf(spec.difficulty()), "--ledger", spec.ledger(), "--threads", "1", "--link-faults",
                "--controller-pid", String.valueOf(ProcessHandle.current().pid()),
                "--max-peers", String.valueOf(Math.max(PEERS, neighbours.size()))));
        neighbours.stream().filter(j -> j < index).forEach(b -> args.add("--boot-node=" + spec.address(b)));
        this.command = NodeLauncher.command(jvmFlags, args);
    }

    int index() {
        return index;
    }

    String id() {
        return id;
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    synchronized Optional<Long> pid() {
        return process != null && process.isAlive() ? Optional.of(process.pid()) : Optional.empty();
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts the node's process (its log appended to), unless it runs; refused once the devnet has closed. */
    synchronized void start() throws IOException {
        if (retired) {
            throw new IllegalStateException("the devnet is stopping: " + id + " is not started again");
        }
        if (alive()) {
            return;
        }
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** The last {@code lines} lines of the node's log, to say why it stopped; empty if there is none. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            return "";
        }
    }

    /** True once the node answers HTTP. */
    boolean answers() {
        try {
            return alive() && LocalHttp.get(port, "/getlastblock").ok();
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within {@code seconds}. */
    void stop(int seconds) throws InterruptedException {
        stop(seconds, false);
    }

    /**
     * As {@link #stop(int)}; with {@code retire}, also refuses every later {@link #start}, under the
     * same lock as start, so a node being started while the devnet closes is stopped too.
     */
    void stop(int seconds, boolean retire) throws InterruptedException {
        Process p;
        synchronized (this) {
            retired |= retire;
            p = process;
        }
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** SIGKILL: no shutdown hook runs, as when the power goes. */
    void kill() throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.destroyForcibly().waitFor();
        }
    }
}
