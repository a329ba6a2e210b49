package org.powchain.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Hashing;
import org.powchain.mining.NonceSearch;
import org.powchain.mining.NonceSearch.Hasher;

/**
 * How many nonces per second {@link NonceSearch} tries: each thread searches its own header at an
 * impossible target (1), in chunks, until the time is up. Besides attempts per second of wall time
 * it prints attempts per second of the thread's CPU time: on a shared machine the thread is often
 * descheduled, and that figure is what the code does while it runs. Results and their meaning:
 * docs/PERFORMANCE.md.
 */
public final class MiningBenchmark {
    /** Target 1: no hash will meet it, so every thread hashes for the whole run. */
    private static final int IMPOSSIBLE_BITS = 0x03000001;
    /** Nonces per search call: a few milliseconds, so threads notice the deadline promptly. */
    private static final long CHUNK = 1 << 15;
    private static final long WARM_UP_NANOS = 1_000_000_000L;

    private MiningBenchmark() {}

    /** Runs {@code threads} threads for {@code seconds} (after a 1 s warm-up) and prints the rates. */
    public static void run(int threads, int seconds, PrintStream out) {
        run(threads, seconds, out, Hasher.DEFAULT);
    }

    public static void run(int threads, int seconds, PrintStream out, Hasher hasher) {
        if (threads < 1 || seconds < 1) {
            throw new IllegalArgumentException("threads and seconds must be at least 1");
        }
        out.printf("mining benchmark: %d thread(s), %d s, double SHA-256 of an %d-byte header with midstate, %s%s%n",
                threads, seconds, BlockHeader.SIZE, hasher == Hasher.DEFAULT ? "default: " : "", hasher.description());

        CyclicBarrier start = new CyclicBarrier(threads);
        Rate[] rates = new Rate[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            NonceSearch search = NonceSearch.using(hasher, header(id), IMPOSSIBLE_BITS);
            Thread worker = new Thread(() -> rates[id] = measure(search, start, seconds), "bench-miner-" + id);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while benchmarking", e);
            }
        }
        double total = 0;
        double totalCpu = 0;
        for (int t = 0; t < threads; t++) {
            out.printf("  thread %d: %,14.0f attempts/s  (%,.0f per CPU-second)%n", t, rates[t].perSecond, rates[t].perCpuSecond);
            total += rates[t].perSecond;
            totalCpu += rates[t].perCpuSecond;
        }
        out.printf("  total:    %,14.0f attempts/s  (%,.0f per CPU-second)%n", total, totalCpu);
    }

    /** Attempts per second of wall time, and per second the thread was on a CPU (NaN where not measurable). */
    private record Rate(double perSecond, double perCpuSecond) {}

    /** Warms up (so the JIT has compiled the loop), waits for the other threads, then times. */
    private static Rate measure(NonceSearch search, CyclicBarrier start, int seconds) {
        long nonce = 0;
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warmUpEnd) {
            search.search(nonce, 1, CHUNK);
            nonce += CHUNK;
        }
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException("benchmark threads failed to start together", e);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean cpuTimed = cpu.isCurrentThreadCpuTimeSupported();
        long attempts = 0;
        long cpuBegin = cpuTimed ? cpu.getCurrentThreadCpuTime() : 0;
        long begin = System.nanoTime();
        long end = begin + seconds * 1_000_000_000L;
        long now;
        do {
            if (search.search(nonce, 1, CHUNK).isPresent()) {
                throw new IllegalStateException("a hash met target 1: the hasher is broken");
            }
            nonce += CHUNK;
            attempts += CHUNK;
            now = System.nanoTime();
        } while (now < end);
        double cpuSeconds = cpuTimed ? (cpu.getCurrentThreadCpuTime() - cpuBegin) / 1e9 : Double.NaN;
        return new Rate(attempts / ((now - begin) / 1e9), attempts / cpuSeconds);
    }

    /** A different, arbitrary header per thread, like miners paying to different addresses. */
    private static byte[] header(int thread) {
        Hash merkleRoot = Hash.of(Hashing.sha256(("bench thread " + thread).getBytes(StandardCharsets.UTF_8)));
        return new BlockHeader(1, Hash.ZERO, merkleRoot, 1_700_000_000_000L, IMPOSSIBLE_BITS, 0).encode();
    }
}
