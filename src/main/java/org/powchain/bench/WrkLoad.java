package org.powchain.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} (C, epoll, one event loop per thread) in its own process, driven by
 * {@code wrk-accounts.lua} so that each request names the next demo account. Far cheaper per
 * request than {@link JdkClientLoad}, so it shows whether the JDK client was what limited a figure.
 * wrk runs for a duration, not a count of requests; its own count and rate are reported.
 */
final class WrkLoad implements LoadGenerator {
    private static final String SCRIPT = "wrk-accounts.lua";
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    private static final Pattern NOT_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final Path wrk;
    private final int threads;
    private final int connections;
    private final int seconds;
    private final int warmUpSeconds;

    private WrkLoad(Path wrk, int threads, int connections, int seconds, int warmUpSeconds) {
        this.wrk = wrk;
        this.threads = threads;
        this.connections = connections;
        this.seconds = seconds;
        this.warmUpSeconds = warmUpSeconds;
    }

    /** wrk from PATH; an IllegalStateException that says how to get it if it is not there. */
    static WrkLoad onPath(int threads, int connections, int seconds, int warmUpSeconds) {
        Path found = find("wrk").orElseThrow(() -> new IllegalStateException(
                "--load wrk needs the wrk program on PATH, and there is none (Debian/Ubuntu: apt-get install wrk);"
                        + " or use --load jdk, the default"));
        return new WrkLoad(found, Math.min(threads, connections), connections, seconds, warmUpSeconds);
    }

    /** A generator that never runs wrk: for reading sample output in tests. */
    static WrkLoad forTests() {
        return new WrkLoad(Path.of("wrk"), 2, 16, 5, 15);
    }

    static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return List.of(path.split(File.pathSeparator)).stream().filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }

    @Override
    public String name() {
        return "wrk";
    }

    @Override
    public String describe() {
        return wrk + " in its own process, -t" + threads + " -c" + connections + ", " + seconds
                + " s per measurement (after " + warmUpRounds() * seconds + " s warming up)";
    }

    @Override
    public boolean inThisJvm() {
        return false;
    }

    /** Rounds of a measurement's length, {@code warmUpSeconds} or a little more on each route in all. */
    @Override
    public int warmUpRounds() {
        return (warmUpSeconds + seconds - 1) / seconds;
    }

    @Override
    public void warmUp(String baseUrl, String pathTemplate, PrintStream log) throws Exception {
        run(baseUrl, pathTemplate, seconds);
    }

    @Override
    public Result measure(String baseUrl, String pathTemplate, PrintStream log) throws Exception {
        return run(baseUrl, pathTemplate, seconds);
    }

    private Result run(String baseUrl, String pathTemplate, int duration) throws IOException, InterruptedException {
        Path script = Files.createTempFile("powchain-wrk-", ".lua");
        try {
            try (InputStream in = WrkLoad.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IOException(SCRIPT + " is missing from the jar");
                }
                Files.write(script, in.readAllBytes());
            }
            Process p = new ProcessBuilder(wrk.toString(), "-t" + threads, "-c" + connections, "-d" + duration + "s",
                    "--timeout", "10s", "-s", script.toString(), baseUrl,
                    "--", pathTemplate, Integer.toString(HttpBenchmark.ACCOUNTS), Integer.toString(threads))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IOException("wrk exited with " + exit + ":\n" + output);
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** wrk's summary: "12345 requests in 5.00s, ..." and, when there were any, non-2xx and socket-error lines. */
    Result parse(String output) throws IOException {
        Matcher m = REQUESTS.matcher(output);
        if (!m.find()) {
            throw new IOException("no request count in wrk's output:\n" + output);
        }
        long requests = Long.parseLong(m.group(1));
        double secs = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "m" -> 60;
            default -> 1;
        };
        long notOk = 0;
        Matcher bad = NOT_2XX.matcher(output);
        if (bad.find()) {
            notOk += Long.parseLong(bad.group(1));
        }
        Matcher errors = SOCKET_ERRORS.matcher(output);
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                notOk += Long.parseLong(errors.group(g));
            }
        }
        return new Result(requests, secs, notOk, threads + " threads, " + connections + " connections");
    }
}
