package org.powchain.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.LongConsumer;
import org.powchain.chain.BlockNode;
import org.powchain.chain.ChainListener;
import org.powchain.chain.TipChange;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.sim.report.Chart;
import org.powchain.sim.report.Chart.Series;
import org.powchain.sim.report.Report;
import picocli.CommandLine.Option;

/**
 * {@code powchain simulate network}: honest miners of random hashrate on a random peer graph with
 * latency and bandwidth. What it shows: a block takes time to reach everyone, and a block found
 * elsewhere meanwhile makes a fork that one side loses, its block going stale (Decker and
 * Wattenhofer 2013; Gervais et al. 2016). The faster blocks come compared with that time, the more
 * go stale. See docs/concepts/propagation-and-forks.md.
 */
public final class NetworkScenario extends Scenario<Double, NetworkScenario.Result> {
    public record Options(int nodes, int peers, double blockIntervalSeconds, int blocks, double latencyMs,
                          double bandwidthMbps, int blockTxs, int difficultyBits, long seed) {
        public Options {
            check(nodes >= 2, "--nodes must be >= 2: got " + nodes);
            check(peers >= 1, "--peers must be >= 1: got " + peers);
            check(blocks >= 1, "--blocks must be >= 1: got " + blocks);
            check(blockIntervalSeconds > 0 && Double.isFinite(blockIntervalSeconds),
                    "--block-interval must be > 0 seconds: got " + blockIntervalSeconds);
            check(latencyMs >= 0 && Double.isFinite(latencyMs), "--latency-ms must be >= 0: got " + latencyMs);
            check(bandwidthMbps >= 0 && Double.isFinite(bandwidthMbps), "--bandwidth-mbps must be >= 0 (0: unlimited): got "
                    + bandwidthMbps);
            check(blockTxs >= 0, "--block-txs must be >= 0: got " + blockTxs);
        }
    }

    static void check(boolean ok, String refusal) {
        if (!ok) {
            throw new IllegalArgumentException(refusal);
        }
    }

    /**
     * What a point's runs measured (one run for a task, all once combined); {@code events} (the
     * scheduler's, for {@code bench simulate}) is not part of the JSON.
     *
     * @param to50Micros every block's time to reach half the nodes, run after run (the medians come from them)
     * @param to90Micros every block's time to reach 90% of the nodes
     */
    @JsonPropertyOrder({"runs", "staleRate", "staleRateCi99", "staleRateCi99Method", "propagationMs", "reorgDepths", "blocksMined",
            "mainChainBlocks", "messages", "wallSeconds"})
    public record Result(int runs, double staleRate, @JsonIgnore double propagationP50Ms, @JsonIgnore double propagationP90Ms,
                         Map<Integer, Integer> reorgDepths, long blocksMined, long mainChainBlocks, long messages,
                         double wallSeconds, List<Block> finalChain, @JsonIgnore long events, @JsonIgnore long[] minedPerRun,
                         @JsonIgnore long[] mainPerRun, @JsonIgnore long[] to50Micros, @JsonIgnore long[] to90Micros,
                         @JsonIgnore List<List<BlockRow>> blockLog)
            implements StaleBlocks {
        /** The result of runs whose counts these are, in run order; {@code blockLog} holds each run's blocks. */
        static Result of(Map<Integer, Integer> reorgDepths, long messages, double wallSeconds, List<Block> finalChain, long events,
                         long[] minedPerRun, long[] mainPerRun, long[] to50Micros, long[] to90Micros,
                         List<List<BlockRow>> blockLog) {
            long mined = Arrays.stream(minedPerRun).sum();
            long main = Arrays.stream(mainPerRun).sum();
            return new Result(minedPerRun.length, round(mined == 0 ? 0 : (double) (mined - main) / mined),
                    median(to50Micros) / 1_000.0, median(to90Micros) / 1_000.0, new TreeMap<>(reorgDepths), mined, main, messages,
                    wallSeconds, finalChain, events, minedPerRun, mainPerRun, to50Micros, to90Micros, blockLog);
        }

        @JsonProperty("propagationMs")
        Map<String, Double> propagationMs() {
            Map<String, Double> out = new LinkedHashMap<>(); // ordered: output is byte-identical run to run
            out.put("p50", propagationP50Ms);
            out.put("p90", propagationP90Ms);
            return out;
        }
    }

    public static Result run(Options o, LongConsumer progress) {
        return run(o, 1, progress);
    }

    /**
     * One run, its nodes' events on {@code threads} threads: the nodes run in lanes
     * ({@link EventScheduler#useLanes}), a window of the least link latency at a time, so the result is
     * the same for any number of threads.
     */
    public static Result run(Options o, int threads, LongConsumer progress) {
        long started = System.nanoTime(); // wall time, reported, never used in the simulation
        Simulation sim = new Simulation(Simulation.pinned(o.difficultyBits()), o.seed(), o.blockIntervalSeconds() * 1_000);
        try {
            sim.scheduler().useLanes(threads);
            return run(o, sim, started, progress);
        } finally {
            sim.scheduler().close();
        }
    }

    /**
     * When each node stored a block, added to from the nodes' threads in any order: the times to reach
     * half and 90% of the nodes are order statistics of them, taken once every node has the block
     * (the times are then dropped, so memory stays flat in blocks) or at the end of the run.
     */
    private static final class Arrivals {
        final long minedAt;
        private final int nodes;
        private long[] times = new long[16];
        private int count;
        private long[] reached; // {to half, to 90%}, once taken

        Arrivals(long minedAt, int nodes) {
            this.minedAt = minedAt;
            this.nodes = nodes;
        }

        synchronized void add(long at) {
            if (reached != null) {
                return; // every node has had it: a later call would be a node storing it again, not a first arrival
            }
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
            }
            times[count++] = at;
            if (count == nodes) {
                reached();
            }
        }

        /** {time to reach half the nodes, 90% of them} (the miner counts), -1 where it never did. */
        synchronized long[] reached() {
            if (reached == null) {
                Arrays.sort(times, 0, count);
                reached = new long[] {toReach((nodes + 1) / 2), toReach((int) Math.ceil(nodes * 0.9))};
                times = null;
            }
            return reached;
        }

        private long toReach(int n) {
            return count < n ? -1 : times[n - 1] - minedAt;
        }
    }

    private static Result run(Options o, Simulation sim, long started, LongConsumer progress) {
        sim.pruneHistory(); // memory flat in blocks: no reorg here reaches 200 blocks down
        sim.onProgress(progress);
        for (int i = 0; i < o.nodes(); i++) {
            sim.addNode(o.peers(), o.bandwidthMbps());
        }
        List<SimNode> nodes = sim.nodes();
        sim.connectRandomly(nodes, nodes, o.peers());
        sim.randomLatency(o.latencyMs());

        Map<Hash, Arrivals> arrivals = new HashMap<>(); // written by the miners' global events only, read by the nodes
        TreeMap<Integer, Integer> reorgs = new TreeMap<>(); // the nodes' threads add to it under its lock
        for (SimNode n : nodes) {
            n.chain().addListener(new ChainListener() {
                @Override
                public void blockStored(Block block, BlockNode node) {
                    Arrivals a = arrivals.get(block.hash());
                    if (a != null) {
                        a.add(sim.scheduler().micros());
                    }
                }

                @Override
                public void tipChanged(TipChange change) {
                    if (change.isReorg()) {
                        synchronized (reorgs) {
                            reorgs.merge(change.disconnected().size(), 1, Integer::sum);
                        }
                    }
                }
            });
        }
        double[] shares = sim.randomShares(o.nodes());
        for (SimNode n : nodes) {
            sim.addMiner(n, shares[n.index()], block -> {
                arrivals.put(block.hash(), new Arrivals(sim.scheduler().micros(), o.nodes()));
                HashPower.submitTo(n).accept(block);
            });
        }
        TransactionLoad load = o.blockTxs() > 0 ? new TransactionLoad(sim, o.blockTxs(), o.blockIntervalSeconds()) : null;
        sim.settle(5_000); // hellos: peers become reachable before the first block
        if (load != null) {
            load.start();
        }
        sim.mineBlocks(o.blocks(), 60_000);
        if (load != null) {
            load.stop();
        }

        Set<Hash> main = Simulation.mainChain(nodes.get(0));
        long stale = sim.mined().stream().filter(m -> !main.contains(m.hash())).count();
        List<Long> to50 = new ArrayList<>();
        List<Long> to90 = new ArrayList<>();
        Map<Hash, long[]> reached = new HashMap<>(); // hash -> {time to reach 50%, 90%}, -1 if it never did
        for (Simulation.Mined m : sim.mined()) {
            long[] r = arrivals.get(m.hash()).reached();
            reached.put(m.hash(), r);
            if (r[0] >= 0) {
                to50.add(r[0]);
            }
            if (r[1] >= 0) {
                to90.add(r[1]);
            }
        }
        return Result.of(reorgs, sim.network().messages(), round((System.nanoTime() - started) / 1e9),
                Simulation.mainChainBlocks(nodes.get(0)), sim.scheduler().executed(), new long[] {sim.mined().size()},
                new long[] {sim.mined().size() - stale}, to50.stream().mapToLong(Long::longValue).toArray(),
                to90.stream().mapToLong(Long::longValue).toArray(), List.of(sim.blockLog(main, reached::get)));
    }

    /** {@code blocks.csv}: every block mined, point by point and run by run, each row led by its point's value and its run. */
    static void addBlockTable(Report report, List<String> pointColumns, List<List<Object>> points,
                              List<List<List<BlockRow>>> logs) {
        List<String> cols = new ArrayList<>(pointColumns);
        cols.add("run");
        cols.addAll(BlockRow.COLUMNS);
        List<List<Object>> rows = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            List<List<BlockRow>> runs = logs.get(p);
            for (int run = 0; run < runs.size(); run++) {
                for (BlockRow b : runs.get(run)) {
                    List<Object> row = new ArrayList<>(points.get(p));
                    row.add(run);
                    row.addAll(b.values());
                    rows.add(row);
                }
            }
        }
        report.addTable("blocks", cols, rows);
    }

    static double median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }

    // ---- powchain simulate network: its flags and its report ----

    @Option(names = "--nodes", defaultValue = "100", description = "nodes, each a miner (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--peers", defaultValue = "8", description = "peers each node dials (default ${DEFAULT-VALUE})")
    int peers;

    @Option(names = "--block-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "expected seconds between blocks (default ${DEFAULT-VALUE})")
    double interval;

    @Option(names = "--blocks", defaultValue = "100", description = "blocks each run mines (default ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--runs", defaultValue = "4", description = "independent runs a point is made of, each a network of "
            + "its own with a seed of its own; the stale rate's interval comes from them, so at least 2 (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--latency-ms", defaultValue = "100", description = "mean one-way latency of a link; each link draws "
            + "its own between half and 1.5 times this (default ${DEFAULT-VALUE})")
    double latencyMs;

    @Option(names = "--bandwidth-mbps", defaultValue = "10", description = "each node's upload bandwidth; 0 for unlimited (default ${DEFAULT-VALUE})")
    double bandwidth;

    @Option(names = "--block-txs", defaultValue = "0", description = "transactions sent per block interval (default ${DEFAULT-VALUE})")
    int blockTxs;

    @Option(names = "--threads", paramLabel = "N", description = "threads that run one network's nodes side by side, a "
            + "window of the least link latency at a time; the result is the same for any N (default: the cores the runs leave, "
            + "cores / runs, at least 1)")
    Integer threads;

    @Option(names = "--sweep-interval", paramLabel = "A,B,C", split = ",",
            description = "run once per block interval (seconds) and chart the stale rate against it")
    List<Double> sweep;

    public NetworkScenario() {
        super("network",
                "Honest miners of random hashrate on a random peer graph: how long a block takes to reach the "
                        + "others, and how many blocks go stale (docs/concepts/propagation-and-forks.md).");
    }

    /** The block intervals to run at. */
    @Override
    public List<Double> points() {
        return sweep == null ? List.of(interval) : sweep;
    }

    @Override
    protected void check(Double blockInterval, Settings s) {
        NetworkScenario.check(runs >= 1, "--runs must be >= 1: got " + runs);
        NetworkScenario.check(threads == null || threads >= 1, "--threads must be >= 1: got " + threads);
        new Options(nodes, peers, blockInterval, blocks, latencyMs, bandwidth, blockTxs, s.difficultyBits(), s.seed());
    }

    @Override
    protected int minTasksForAnInterval() {
        return 2;
    }

    /** {@code --threads}, or the cores that the runs of every point, one to a core, leave over. */
    int threads() {
        return threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / (runs * points().size()));
    }

    /** Each run is a task: a network of its own, with a seed of its own. */
    @Override
    public int tasks(Double blockInterval) {
        return runs;
    }

    @Override
    public long unitsPerTask() {
        return blocks;
    }

    /** The runs of a point together: counts added, every block's propagation pooled for the medians. */
    @Override
    public Result combine(Double blockInterval, List<Result> tasks) {
        Map<Integer, Integer> reorgs = new TreeMap<>();
        tasks.forEach(t -> t.reorgDepths().forEach((d, n) -> reorgs.merge(d, n, Integer::sum)));
        return Result.of(reorgs, tasks.stream().mapToLong(Result::messages).sum(),
                round(tasks.stream().mapToDouble(Result::wallSeconds).sum()), tasks.get(tasks.size() - 1).finalChain(),
                tasks.stream().mapToLong(Result::events).sum(), StaleBlocks.concat(tasks.stream().map(Result::minedPerRun).toList()),
                StaleBlocks.concat(tasks.stream().map(Result::mainPerRun).toList()),
                StaleBlocks.concat(tasks.stream().map(Result::to50Micros).toList()),
                StaleBlocks.concat(tasks.stream().map(Result::to90Micros).toList()),
                tasks.stream().flatMap(t -> t.blockLog().stream()).toList());
    }

    /** {@code --target-ci} narrows the stale rate's interval. */
    @Override
    public java.util.OptionalDouble halfWidth(Result r) {
        return java.util.OptionalDouble.of((r.staleRateCi99().get(1) - r.staleRateCi99().get(0)) / 2);
    }

    @Override
    public Result run(Double blockInterval, Settings s, LongConsumer progress) {
        return run(new Options(nodes, peers, blockInterval, blocks, latencyMs, bandwidth, blockTxs, s.difficultyBits(), s.seed()),
                threads(), progress);
    }

    /** A sweep's rows lead with their block interval. */
    @Override
    public Object json(List<Double> intervals, List<Result> results) {
        List<ObjectNode> table = sweepRows(intervals, results);
        return results.size() == 1 ? results.get(0) : Map.of("sweep", table);
    }

    private static List<ObjectNode> sweepRows(List<Double> intervals, List<Result> results) {
        List<ObjectNode> table = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ObjectNode row = JSON.createObjectNode().put("blockIntervalSeconds", intervals.get(i));
            row.setAll((ObjectNode) JSON.valueToTree(results.get(i)));
            table.add(row);
        }
        return table;
    }

    @Override
    public Report report(Settings s, List<Double> intervals, List<Result> results) {
        Report report = new Report("network", parameters("nodes", nodes, "peers", peers, "block interval (s)", intervals,
                "blocks per run", blocks, "runs per point", runs, "latency (ms)", latencyMs, "bandwidth (Mbit/s)", bandwidth, "block txs", blockTxs,
                "difficulty (bits)", s.difficultyBits(), "seed", s.seed()));
        List<? extends Map<String, Object>> table = sweepRows(intervals, results).stream()
                .map(r -> JSON.convertValue(r, ScenarioResult.MAP)).toList();
        List<String> cols = List.of("blockIntervalSeconds", "runs", "staleRate", "staleRateCi99", "propagationMs", "blocksMined", "mainChainBlocks",
                "reorgDepths");
        report.addTable("network", cols, rows(table, cols));
        addBlockTable(report, List.of("blockIntervalSeconds"), intervals.stream().map(i -> List.<Object>of(i)).toList(),
                results.stream().map(Result::blockLog).toList());
        Result last = results.get(results.size() - 1);
        List<Integer> depths = new ArrayList<>(last.reorgDepths().keySet());
        report.addChart(Chart.builder("reorg-depths").title("Reorganisations by depth (all nodes)")
                .xLabel("blocks disconnected").yLabel("reorganisations")
                .series(Series.markers("reorgs", doubles(depths),
                        doubles(depths.stream().map(d -> last.reorgDepths().get(d)).toList())))
                .build());
        if (results.size() > 1) {
            double[] x = doubles(intervals);
            double p90 = results.stream().mapToDouble(Result::propagationP90Ms).max().orElse(0) / 1_000;
            report.addChart(Chart.builder("stale-rate").title("Stale blocks against the block interval").logX()
                    .xLabel("block interval (s)").yLabel("stale rate")
                    .series(Series.line("simulated (99% interval)", x, doubles(results.stream().map(Result::staleRate).toList()))
                            .withStyle(Chart.Style.LINE_AND_MARKERS)
                            .withErrorBars(doubles(results.stream().map(r -> r.staleRateCi99().get(0)).toList()),
                                    doubles(results.stream().map(r -> r.staleRateCi99().get(1)).toList())))
                    .series(Series.line("1 - exp(-p90 propagation / interval)", x,
                            intervals.stream().mapToDouble(t -> 1 - Math.exp(-p90 / t)).toArray()))
                    .build());
        }
        report.setExplanation("A block needs time to cross the network: the propagation columns give the time it took to "
                + "reach half and 90% of the nodes (medians over all blocks). A miner that finds a block during that time, "
                + "before it has heard of the other, forks the chain; one of the two blocks ends off the main chain (stale). "
                + "The faster blocks come compared with the propagation time, the more go stale: the line "
                + "1 - exp(-t/T) is the chance that another block is found within a propagation time t when blocks come "
                + "every T (Decker and Wattenhofer 2013). Every node ran powchain's own chain, mempool and p2p code; only "
                + "time, the wire and hashing were simulated.");
        return report;
    }
}
