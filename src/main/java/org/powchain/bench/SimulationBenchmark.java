package org.powchain.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.powchain.sim.DoubleSpendScenario;
import org.powchain.sim.NetworkScenario;
import org.powchain.sim.Scenario;
import org.powchain.sim.ScenarioRunner;

/**
 * How far the simulator scales: {@code powchain simulate network} runs (honest miners, random
 * peer graph, 100 ms mean latency, 10 Mbit/s uplinks, 10 s blocks, 8-bit pinned difficulty,
 * seed 1) timed on the wall clock and in CPU time, with the heap they needed.
 *
 * <p>Heap is measured two ways, neither of which changes what the simulation computes:
 * <ul>
 *   <li><b>peak after GC</b>: the JVM's own collections are watched (GC notifications) and the
 *       largest heap in use just after one is kept. Between collections the heap also holds
 *       garbage, so this is the figure that says what must fit.</li>
 *   <li><b>live at the last block</b>: when the last block has been mined, a full GC
 *       ({@code System.gc()}) and the heap in use after it: every node's state at its largest
 *       (the few seconds that follow only deliver blocks in flight). Its time is left out of the
 *       wall and CPU figures.</li>
 * </ul>
 */
public final class SimulationBenchmark {
    private SimulationBenchmark() {}

    /** Runs one simulation per ({@code nodes[i]}, {@code blocks[i]}) pair and prints its figures. */
    public static void run(List<Integer> nodes, List<Integer> blocks, int peers, int threads, PrintStream out) {
        if (nodes.size() != blocks.size()) {
            throw new IllegalArgumentException("--nodes and --blocks need as many values each (one run per pair)");
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        out.printf("JDK %s, %d cores, max heap %,d MB%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        for (int i = 0; i < nodes.size(); i++) {
            int n = nodes.get(i);
            int b = blocks.get(i);
            double loadBefore = os.getSystemLoadAverage();
            System.gc(); // start each run from a clean heap, so the peak is this run's
            HeapWatch heap = HeapWatch.start();
            long[] excluded = new long[2]; // wall and CPU nanoseconds spent measuring the live heap
            long[] live = {-1};
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            NetworkScenario.Result r = NetworkScenario.run(new NetworkScenario.Options(n, peers, 10, b, 100, 10, 0, 8, 1), threads,
                    mined -> {
                        if (mined == b) {
                            long w = System.nanoTime();
                            long c = os.getProcessCpuTime();
                            System.gc();
                            live[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                            excluded[0] += System.nanoTime() - w;
                            excluded[1] += os.getProcessCpuTime() - c;
                        }
                    });
            double wall = (System.nanoTime() - wall0 - excluded[0]) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0 - excluded[1]) / 1e9;
            heap.stop();
            out.printf("%,d nodes × %d peers × %,d blocks on %d thread%s: %.1f s wall, %.1f s CPU (user+sys, all threads), "
                            + "load average %.1f before, %.1f after%n",
                    n, peers, b, threads, threads == 1 ? "" : "s", wall, cpu, loadBefore, os.getSystemLoadAverage());
            out.printf("  %,d events (%,.0f/s), %,d messages (%,.0f/s); %,d blocks mined, stale rate %.4f%n",
                    r.events(), r.events() / wall, r.messages(), r.messages() / wall, r.blocksMined(), r.staleRate());
            out.printf("  heap: peak after GC %,d MB (%d collections), live at the last block %,d MB (%,d kB a node); "
                            + "process peak RSS so far %,d MB%n",
                    heap.peakAfterGc() >> 20, heap.collections(), live[0] >> 20, live[0] / n >> 10, peakRssKb() >> 10);
        }
    }

    /**
     * {@code powchain simulate double-spend --attacker-share 0.3 --confirmations 2 --trials N
     * --workers W} as the command runs it (trials in batches of 100 on one network each, each
     * network's seed from the run's seed 1 and its index), timed. Prints the time a trial costs and whether the 99% interval
     * tells Rosenfeld (0.432) from Nakamoto (0.4457).
     */
    public static void doubleSpend(int trials, int workers, PrintStream out) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        DoubleSpendScenario scenario = new DoubleSpendScenario();
        new picocli.CommandLine(scenario).parseArgs("--attacker-share", "0.3", "--confirmations", "2", "--trials",
                String.valueOf(trials));
        double loadBefore = os.getSystemLoadAverage();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        DoubleSpendScenario.Result r = new ScenarioRunner<>(scenario, new Scenario.Settings(8, 1), workers)
                .runAll(scenario.points(), OptionalDouble.empty(), n -> { }).get(0);
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        out.printf("double spend, q = 0.3, z = 2: %,d trials on %d workers: %.1f s wall, %.1f s CPU "
                        + "(%.2f ms CPU a trial, %.1f blocks a trial), load average %.1f before, %.1f after%n",
                trials, workers, wall, cpu, cpu * 1e3 / trials, (double) r.blocksMined() / trials, loadBefore,
                os.getSystemLoadAverage());
        double[] ci = {r.ci99Low(), r.ci99High()};
        out.printf("  success rate %.4f, 99%% interval [%.4f, %.4f]: Rosenfeld %.4f %s, Nakamoto %.4f %s%n",
                r.successRate(), ci[0], ci[1], r.rosenfeld(), inside(r.rosenfeld(), ci), r.nakamoto(), inside(r.nakamoto(), ci));
    }

    /**
     * Whether a selfish-mining run's time grows with its blocks alone and its memory not at all:
     * one {@code simulate selfish-mining --pool-share 0.35 --gamma 0.5 --blocks N} run per count
     * (30 honest nodes and the pool, seed 1), with its CPU per 1,000 blocks, the heap (peak after GC,
     * and live after a full GC at the end) and the process's peak resident memory so far (VmHWM).
     */
    public static void selfishMining(List<Integer> counts, PrintStream out) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int b : counts) {
            double loadBefore = os.getSystemLoadAverage();
            System.gc();
            HeapWatch heap = HeapWatch.start();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            org.powchain.sim.SelfishMiningScenario.Result r = org.powchain.sim.SelfishMiningScenario.run(
                    new org.powchain.sim.SelfishMiningScenario.Options(0.35, 0.5, b, 30, 600, 100, 8, 1), n -> { });
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            heap.stop();
            System.gc();
            long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            out.printf("selfish mining, alpha = 0.35, gamma = 0.5, 31 nodes × %,d blocks: %.1f s wall, %.1f s CPU, %.2f s CPU per "
                            + "1,000 blocks, load average %.1f before, %.1f after%n", b, wall, cpu, cpu * 1_000 / b, loadBefore,
                    os.getSystemLoadAverage());
            out.printf("  heap: peak after GC %,d MB, live after the run %,d MB; process peak RSS so far %,d MB; revenue %.4f%n",
                    heap.peakAfterGc() >> 20, live >> 20, peakRssKb() >> 10, r.poolRevenueShare());
        }
    }

    /** The process's peak resident set (VmHWM in /proc/self/status), in kB; -1 where there is no such file. */
    static long peakRssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String inside(double x, double[] ci) {
        return x >= ci[0] && x <= ci[1] ? "inside" : "outside";
    }

    /**
     * Whether run time grows with the number of blocks alone: one {@code simulate network} run per
     * count (20 nodes, 4 peers each, 600 s blocks, 100 ms latency, 10 Mbit/s, seed 1), with its CPU time per 1,000 blocks.
     */
    public static void blocks(List<Integer> counts, PrintStream out) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int b : counts) {
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            NetworkScenario.run(new NetworkScenario.Options(20, 4, 600, b, 100, 10, 0, 8, 1), mined -> { });
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            out.printf("20 nodes × 4 peers × %,d blocks: %.1f s wall, %.1f s CPU, %.2f s CPU per 1,000 blocks%n",
                    b, wall, cpu, cpu * 1_000 / b);
        }
    }

    /** The largest heap in use just after any collection, from the JVM's GC notifications. */
    private static final class HeapWatch implements NotificationListener {
        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    e.addNotificationListener(w, null, null);
                    w.emitters.add(e);
                }
            }
            return w;
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    MemoryUsage u = e.getValue();
                    used += u.getUsed();
                }
            }
            collections.incrementAndGet();
            peak.accumulateAndGet(used, Math::max);
        }

        void stop() {
            for (NotificationEmitter e : emitters) {
                try {
                    e.removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // never added: nothing to remove
                }
            }
        }

        long peakAfterGc() {
            return peak.get();
        }

        long collections() {
            return collections.get();
        }
    }
}
