package org.powchain.bench;

import org.powchain.core.WallClock;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.ConsensusParams;
import org.powchain.devnet.NodeLauncher;
import org.powchain.store.SqliteStore;

/**
 * Launch to first answer: a node started in its own JVM, as {@code ./powchain} starts it, timed
 * from the process's start until {@code GET /getlastblock} answers 200, with the CPU the JVM had
 * spent by then (all its threads: on a shared 2-core host the wall time swings with the load, the
 * CPU far less). Once with an empty data dir, once with 10,000 blocks stored; for each JVM set-up.
 */
public final class StartupBenchmark {
    /** The set-ups compared: plain {@code java -jar}, the launcher's class-data archive, and that with C1 only. */
    enum Setup { PLAIN, ARCHIVE, ARCHIVE_C1 }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private StartupBenchmark() {}

    public static void run(int blocks, int rounds, PrintStream out) throws Exception {
        Path tmp = Files.createTempDirectory("powchain-bench-startup");
        Path archive = tmp.resolve(NodeLauncher.javaMajor() >= 25 ? "powchain.aot" : "powchain.jsa");
        long t0 = System.nanoTime();
        train(archive, tmp);
        out.printf("class-data archive %s: %,d bytes, made in %.1f s by `powchain startup-training`%n", archive,
                Files.size(archive), (System.nanoTime() - t0) / 1e9);
        Path full = tmp.resolve("blocks-" + blocks);
        t0 = System.nanoTime();
        fill(full, blocks);
        out.printf("data dir of %,d blocks built in %.1f s%n", blocks, (System.nanoTime() - t0) / 1e9);
        for (Setup setup : Setup.values()) {
            for (boolean withBlocks : new boolean[] {false, true}) {
                List<Long> wall = new ArrayList<>();
                List<Long> cpu = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    Path dir = withBlocks ? full : Files.createTempDirectory(tmp, "empty");
                    long[] m = launch(flags(setup, archive), dir);
                    wall.add(m[0]);
                    cpu.add(m[1]);
                }
                out.printf("%-11s %-16s launch -> first answer %s ms; CPU by then %s ms%n", setup.name().toLowerCase(),
                        withBlocks ? String.format("%,d blocks:", blocks) : "empty data dir:", stats(wall), stats(cpu));
            }
        }
        out.printf("load average %s", Files.readString(Path.of("/proc/loadavg")));
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

    private static void train(Path archive, Path tmp) throws IOException, InterruptedException {
        List<String> command = NodeLauncher.command(NodeLauncher.writeArchive(archive), List.of("startup-training"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("training.log").toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.exists(archive)) {
            throw new IOException("startup-training did not write " + archive + "; see " + tmp.resolve("training.log"));
        }
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

    /** Wall and CPU milliseconds from the launch of a node on {@code dir} to its first 200. */
    private static long[] launch(List<String> jvmFlags, Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = NodeLauncher.command(jvmFlags, Arrays.asList("-p", String.valueOf(port), "--host",
                "127.0.0.1", "--difficulty", "1", "--data-dir", dir.toString()));
        HttpRequest first = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/getlastblock"))
                .timeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (true) {
                try {
                    if (HTTP.send(first, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    if (!p.isAlive()) {
                        throw new IOException("the node exited with " + p.exitValue() + ": " + command);
                    }
                }
                Thread.sleep(2); // a benchmark polls; 2 ms is noise next to the figure
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            long cpu = p.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            return new long[] {wall, cpu};
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }
}
