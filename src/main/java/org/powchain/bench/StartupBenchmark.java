package org.powchain.bench;

import org.powchain.core.WallClock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.client.NodeClient;
import org.powchain.consensus.ConsensusParams;
import org.powchain.devnet.Devnet;
import org.powchain.devnet.DevnetSpec;
import org.powchain.devnet.NodeLauncher;
import org.powchain.store.SqliteStore;

/**
 * Launch to first answer: a node started in its own JVM, as {@code ./powchain} starts it, timed
 * from the process's start until {@code GET /getlastblock} answers 200, with the CPU the process
 * had spent by then (all its threads: on a shared 2-core host the wall time swings with the load,
 * the CPU far less) and its resident memory then. The set-ups run interleaved, round by round, so
 * a change of load touches them alike; the original Python node (pypowchain), when its source is
 * given, runs in the same rounds. Then devnets of the sizes asked: launch to every node answering
 * and every link formed, and each node's resident memory once linked.
 */
public final class StartupBenchmark {
    /** The JVM set-ups compared: plain {@code java -jar}, the launcher's class-data archive, and that with C1 only. */
    enum Setup { PLAIN, ARCHIVE, ARCHIVE_C1 }

    /** What one launch measured: milliseconds to the first 200, CPU milliseconds by then, resident kB then. */
    record Launch(long wallMillis, long cpuMillis, long rssKb) {}

    private StartupBenchmark() {}

    /**
     * @param seed    the original node's source dir ({@code main.py}), or empty to leave it out
     * @param devnets devnet sizes to bring up and link (none: skipped)
     */
    public static void run(int blocks, int rounds, Optional<Path> seed, List<Integer> devnets, PrintStream out)
            throws Exception {
        out.printf("load average at start %s", Files.readString(Path.of("/proc/loadavg")));
        Path tmp = Files.createTempDirectory("powchain-bench-startup");
        try {
            Path archive = tmp.resolve(NodeLauncher.javaMajor() >= 25 ? "powchain.aot" : "powchain.jsa");
            long t0 = System.nanoTime();
            NodeLauncher.recordArchive(archive, tmp.resolve("training.log"));
            out.printf("class-data archive %s: %,d bytes, made in %.1f s by `powchain startup-training`%n", archive,
                    Files.size(archive), (System.nanoTime() - t0) / 1e9);
            Path full = tmp.resolve("blocks-" + blocks);
            if (blocks > 0) {
                t0 = System.nanoTime();
                fill(full, blocks);
                out.printf("data dir of %,d blocks built in %.1f s%n", blocks, (System.nanoTime() - t0) / 1e9);
            }
            Map<String, List<Launch>> results = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                if (seed.isPresent()) {
                    results.computeIfAbsent("pypowchain (original)", k -> new ArrayList<>()).add(launchSeed(seed.get()));
                }
                for (Setup setup : Setup.values()) {
                    results.computeIfAbsent(setup.name().toLowerCase() + ", empty data dir", k -> new ArrayList<>())
                            .add(launch(flags(setup, archive), Files.createTempDirectory(tmp, "empty")));
                    if (blocks > 0) {
                        results.computeIfAbsent(String.format("%s, %,d blocks", setup.name().toLowerCase(), blocks),
                                k -> new ArrayList<>()).add(launch(flags(setup, archive), full));
                    }
                }
            }
            out.printf("%d rounds, interleaved; median (min–max)%n", rounds);
            out.printf("%-30s %26s %22s %20s%n", "", "launch -> first answer, ms", "CPU by then, ms", "RSS then, MB");
            results.forEach((name, launches) -> out.printf("%-30s %26s %22s %20s%n", name,
                    stats(launches.stream().map(Launch::wallMillis).toList()),
                    stats(launches.stream().map(Launch::cpuMillis).toList()),
                    stats(launches.stream().map(l -> l.rssKb() / 1024).toList())));
            for (int size : devnets) {
                devnet(size, archive, tmp, out);
            }
        } finally {
            Devnet.deleteTree(tmp);
        }
        out.printf("load average at end %s", Files.readString(Path.of("/proc/loadavg")));
    }

    private static List<String> flags(Setup setup, Path archive) {
        List<String> f = new ArrayList<>();
        if (setup != Setup.PLAIN) {
            f.addAll(NodeLauncher.useArchive(archive));
        }
        if (setup == Setup.ARCHIVE_C1) {
            f.add("-XX:TieredStopAtLevel=1");
        }
        return f;
    }

    /** median (min–max) */
    private static String stats(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("%,d (%,d–%,d)", v[v.length / 2], v[0], v[v.length - 1]);
    }

    /** {@code blocks} coinbase-only blocks at 1 bit, stored as a node started with {@code --difficulty 1} keeps them. */
    private static void fill(Path dir, int blocks) throws Exception {
        ConsensusParams params = ConsensusParams.defaults().withPinnedDifficulty(1);
        try (SqliteStore store = SqliteStore.open(dir, params.ledger())) {
            ChainManager chain = ChainManager.open(params, store, new SignatureVerifier(1_000), WallClock::millis);
            long time = params.genesisTimestamp(); // a millisecond apart: in the past, increasing
            while (chain.queries().height() < blocks) {
                chain.process(Workload.blockOn(chain, List.of(), ++time));
            }
        }
    }

    private static Launch launch(List<String> jvmFlags, Path dir) throws Exception {
        int port = freePort();
        return time(new ProcessBuilder(NodeLauncher.command(jvmFlags, Arrays.asList("-p", String.valueOf(port), "--host",
                "127.0.0.1", "--difficulty", "1", "--data-dir", dir.toString()))), port);
    }

    /**
     * The original node as its README runs it: {@code /usr/bin/python3 main.py -p PORT} in its source
     * dir (Debian's Python, which has the Flask and jsonpickle packages; another {@code python3} on
     * the PATH may not).
     */
    private static Launch launchSeed(Path source) throws Exception {
        int port = freePort();
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        return time(new ProcessBuilder(python, "main.py", "-p", String.valueOf(port)).directory(source.toFile()), port);
    }

    private static int freePort() throws IOException {
        return org.powchain.devnet.FreePorts.consecutive(1);
    }

    /** Starts {@code command} and times it to its first 200 on {@code /getlastblock}. */
    private static Launch time(ProcessBuilder command, int port) throws Exception {
        NodeClient node = NodeClient.local(port).withTimeout(Duration.ofSeconds(5));
        long start = System.nanoTime();
        Process p = command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (true) {
                try {
                    if (node.status("/getlastblock") == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    if (!p.isAlive()) {
                        throw new IOException("exited with " + p.exitValue() + ": " + command.command());
                    }
                }
                Thread.sleep(2); // a benchmark polls; 2 ms is noise next to the figure
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            long cpu = p.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            return new Launch(wall, cpu, rssKb(p.pid()));
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** Resident memory of a process, from {@code /proc/PID/status} (VmRSS), or -1. */
    static long rssKb(long pid) {
        return procField(pid, "status", "VmRSS:");
    }

    /**
     * A process's proportional share of memory ({@code Pss} of {@code /proc/PID/smaps_rollup}), or -1:
     * its resident memory with each page shared among n processes counted as 1/n. Devnet nodes share
     * the JDK's libraries and the class-data archive, which RSS counts once in every node.
     */
    static long pssKb(long pid) {
        return procField(pid, "smaps_rollup", "Pss:");
    }

    private static long procField(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process ended
        }
        return -1;
    }

    /** A devnet of {@code size} nodes as {@code powchain devnet} starts one (its node JVM flags, the archive). */
    private static void devnet(int size, Path archive, Path tmp, PrintStream out) throws Exception {
        int base = org.powchain.devnet.FreePorts.consecutive(size + 1);
        DevnetSpec spec = new DevnetSpec(size, base + 1, base, "ring", DevnetSpec.shares(size, 0, List.of()), 0, 0, 1, 12);
        List<String> jvm = new ArrayList<>(NodeLauncher.useArchive(archive));
        jvm.addAll(Devnet.NODE_JVM_FLAGS);
        long start = System.nanoTime();
        try (Devnet devnet = Devnet.start(spec, tmp.resolve("devnet-" + size), jvm, Duration.ofSeconds(120))) {
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> rss = devnet.pids().stream().map(pid -> rssKb(pid) / 1024).toList();
            List<Long> pss = devnet.pids().stream().map(pid -> pssKb(pid) / 1024).toList();
            out.printf("devnet of %d nodes (ring, %s): up and linked in %.1f s; RSS a node once linked %s MB, "
                    + "its share of what the nodes share (PSS) %s MB%n", size, String.join(" ", Devnet.NODE_JVM_FLAGS),
                    seconds, stats(rss), stats(pss));
        }
    }
}
