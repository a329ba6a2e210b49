package org.powchain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;
import org.powchain.core.Block;
import org.powchain.p2p.WireFormat;
import org.powchain.sim.DoubleSpendScenario;
import org.powchain.sim.Literature;
import org.powchain.sim.NetworkScenario;
import org.powchain.sim.SelfishMiningScenario;
import org.powchain.sim.report.Chart;
import org.powchain.sim.report.Chart.Series;
import org.powchain.sim.report.Progress;
import org.powchain.sim.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code powchain simulate ...}: the node's own classes on many nodes in virtual time (package
 * {@code sim}), reproducing results from the literature. Every scenario prints a summary, or one
 * JSON object with {@code --json}; {@code --out DIR} adds CSV tables, PNG charts and report.html.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run many nodes in virtual time and reproduce published results (docs/concepts/).",
                "Scenarios: network, double-spend, selfish-mining, difficulty, partition. --help on each."},
        subcommands = {SimulateCommand.Network.class, SimulateCommand.DoubleSpend.class, SimulateCommand.SelfishMining.class,
                DifficultyCommand.class, PartitionCommand.class})
final class SimulateCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("choose a scenario: powchain simulate network | double-spend | selfish-mining | difficulty | partition"
                + "   (--help on each)");
    }

    /** The options every scenario takes. */
    static final class Common {
        @Option(names = "--seed", defaultValue = "1", description = "the run's seed: the same seed gives the same output (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--json", description = "print one JSON object on stdout instead of a summary")
        boolean json;

        @Option(names = "--out", paramLabel = "DIR", description = "write CSV tables, PNG charts and report.html to DIR")
        Path out;

        @Option(names = "--difficulty", paramLabel = "BITS", defaultValue = "8",
                description = "leading zero bits every simulated block is mined at, as the node's flag of that name (default ${DEFAULT-VALUE})")
        int difficulty;

        @Option(names = "--export-chain", paramLabel = "FILE",
                description = "write one node's final main chain as the JSON blocks /addblock takes (a node started with "
                        + "--difficulty BITS accepts them)")
        Path exportChain;

        /** Checks the options; silences the simulated nodes' logs. */
        void prepare() {
            quietLogs();
            if (difficulty < 1 || difficulty > 24) {
                throw new IllegalArgumentException("--difficulty must be 1..24 bits: a simulated block's nonce is searched for real");
            }
        }

        /** Prints the result (JSON or summary), writes the report and the chain where asked. */
        int finish(Map<String, Object> result, Report report, List<Block> chain) throws IOException {
            if (json) {
                System.out.println(JSON.writeValueAsString(result));
            } else {
                result.forEach((k, v) -> System.out.println(k + ": " + (v instanceof Map || v instanceof List ? jsonOf(v) : v)));
            }
            if (out != null) {
                report.write(out);
                System.err.println("report: " + out.resolve("report.html").toAbsolutePath());
            }
            if (exportChain != null) {
                ArrayNode blocks = WireFormat.mapper().createArrayNode();
                chain.forEach(b -> blocks.add(WireFormat.block(b)));
                Path parent = exportChain.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(exportChain, blocks.toString());
                System.err.println("chain: " + chain.size() + " blocks in " + exportChain.toAbsolutePath());
            }
            return 0;
        }
    }

    /** Thousands of simulated nodes would log thousands of lines on stdout, where --json goes: errors only. */
    static void quietLogs() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    /** What every scenario command does around its run: the common options, and errors a user can act on. */
    abstract static class Scenario implements Callable<Integer> {
        @Mixin Common common;

        @Override
        public final Integer call() throws IOException {
            try {
                common.prepare();
                return simulate();
            } catch (IllegalArgumentException e) { // options out of range: a message and the usage, not a stack trace
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
            }
        }

        abstract Integer simulate() throws IOException;
    }

    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

    static String jsonOf(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (IOException e) {
            return String.valueOf(v);
        }
    }

    /** Runs one simulation per point, {@code unitsEach} units (blocks, trials) each, under one progress bar. */
    static <P, R> List<R> runAll(String task, List<P> points, long unitsEach, BiFunction<P, LongConsumer, R> run) {
        List<R> out = new ArrayList<>();
        try (Progress p = Progress.start(task, points.size() * unitsEach)) {
            for (int i = 0; i < points.size(); i++) {
                long base = i * unitsEach;
                out.add(run.apply(points.get(i), n -> p.stepTo(base + n)));
            }
        }
        return out;
    }

    static double[] doubles(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }

    static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static List<List<Object>> rows(List<Map<String, Object>> results, List<String> columns) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : results) {
            rows.add(columns.stream().map(c -> (Object) String.valueOf(r.get(c))).toList());
        }
        return rows;
    }

    // ---- network ----

    @Command(name = "network", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Honest miners of random hashrate on a random peer graph: how long a block takes to reach the "
                    + "others, and how many blocks go stale (docs/concepts/propagation-and-forks.md).")
    static final class Network extends Scenario {
        @Option(names = "--nodes", defaultValue = "100", description = "nodes, each a miner (default ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--peers", defaultValue = "8", description = "peers each node dials (default ${DEFAULT-VALUE})")
        int peers;

        @Option(names = "--block-interval", paramLabel = "SECONDS", defaultValue = "10",
                description = "expected seconds between blocks (default ${DEFAULT-VALUE})")
        double interval;

        @Option(names = "--blocks", defaultValue = "200", description = "blocks to mine (default ${DEFAULT-VALUE})")
        int blocks;

        @Option(names = "--latency-ms", defaultValue = "100", description = "mean one-way latency of a link; each link draws "
                + "its own between half and 1.5 times this (default ${DEFAULT-VALUE})")
        double latencyMs;

        @Option(names = "--bandwidth-mbps", defaultValue = "10", description = "each node's upload bandwidth; 0 for unlimited (default ${DEFAULT-VALUE})")
        double bandwidth;

        @Option(names = "--block-txs", defaultValue = "0", description = "transactions sent per block interval (default ${DEFAULT-VALUE})")
        int blockTxs;

        @Option(names = "--sweep-interval", paramLabel = "A,B,C", split = ",",
                description = "run once per block interval (seconds) and chart the stale rate against it")
        List<Double> sweep;

        @Override
        Integer simulate() throws IOException {
            List<Double> intervals = sweep == null ? List.of(interval) : sweep;
            List<NetworkScenario.Result> results = runAll("network", intervals, blocks, (i, p) -> NetworkScenario.run(
                    new NetworkScenario.Options(nodes, peers, i, blocks, latencyMs, bandwidth, blockTxs, common.difficulty, common.seed), p));
            Report report = new Report("network", params("nodes", nodes, "peers", peers, "block interval (s)", intervals,
                    "blocks", blocks, "latency (ms)", latencyMs, "bandwidth (Mbit/s)", bandwidth, "block txs", blockTxs,
                    "difficulty (bits)", common.difficulty, "seed", common.seed));
            List<Map<String, Object>> json = results.stream().map(NetworkScenario.Result::toJson).toList();
            List<Map<String, Object>> table = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("blockIntervalSeconds", intervals.get(i));
                row.putAll(json.get(i));
                table.add(row);
            }
            report.addTable("network", List.of("blockIntervalSeconds", "staleRate", "propagationMs", "blocksMined",
                    "mainChainBlocks", "reorgDepths"), rows(table, List.of("blockIntervalSeconds", "staleRate", "propagationMs",
                    "blocksMined", "mainChainBlocks", "reorgDepths")));
            NetworkScenario.Result last = results.get(results.size() - 1);
            List<Integer> depths = new ArrayList<>(last.reorgDepths().keySet());
            report.addChart(Chart.builder("reorg-depths").title("Reorganisations by depth (all nodes)")
                    .xLabel("blocks disconnected").yLabel("reorganisations")
                    .series(Series.markers("reorgs", doubles(depths),
                            doubles(depths.stream().map(d -> last.reorgDepths().get(d)).toList())))
                    .build());
            if (results.size() > 1) {
                double[] x = doubles(intervals);
                double p90 = results.stream().mapToDouble(NetworkScenario.Result::propagationP90Ms).max().orElse(0) / 1_000;
                report.addChart(Chart.builder("stale-rate").title("Stale blocks against the block interval").logX()
                        .xLabel("block interval (s)").yLabel("stale rate")
                        .series(Series.line("simulated", x, doubles(results.stream().map(NetworkScenario.Result::staleRate).toList()))
                                .withStyle(Chart.Style.LINE_AND_MARKERS))
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
            Map<String, Object> out = results.size() == 1 ? json.get(0) : params("sweep", table);
            return common.finish(out, report, last.finalChain());
        }
    }

    // ---- double-spend ----

    @Command(name = "double-spend", mixinStandardHelpOptions = true, sortOptions = false,
            description = "An attacker with a share of the hashrate mines a conflicting branch in secret and publishes it "
                    + "when it has more work; success is the merchant's payment reversed (docs/concepts/confirmations.md).")
    static final class DoubleSpend extends Scenario {
        @Option(names = "--attacker-share", paramLabel = "Q", defaultValue = "0.3", description = "attacker's share of hashrate (default ${DEFAULT-VALUE})")
        double q;

        @Option(names = "--confirmations", paramLabel = "Z", defaultValue = "2", description = "blocks the merchant waits for (default ${DEFAULT-VALUE})")
        int z;

        @Option(names = "--trials", defaultValue = "200", description = "attacks to run (default ${DEFAULT-VALUE})")
        int trials;

        @Option(names = "--honest-nodes", defaultValue = "4", description = "honest nodes; the outcome does not depend on "
                + "how many while blocks take far longer than propagation, and each costs time (default ${DEFAULT-VALUE})")
        int honestNodes;

        @Option(names = "--sweep", description = "chart success against 1..Z confirmations for each share in --shares")
        boolean sweep;

        @Option(names = "--shares", split = ",", defaultValue = "0.1,0.25,0.4", description = "attacker shares for --sweep (default ${DEFAULT-VALUE})")
        List<Double> shares;

        @Override
        Integer simulate() throws IOException {
            List<double[]> points = new ArrayList<>(); // {q, z}
            if (sweep) {
                for (double s : shares) {
                    for (int c = 1; c <= z; c++) {
                        points.add(new double[] {s, c});
                    }
                }
            } else {
                points.add(new double[] {q, z});
            }
            List<DoubleSpendScenario.Result> results = runAll("double-spend", points, trials, (pt, p) -> DoubleSpendScenario.run(
                    new DoubleSpendScenario.Options(pt[0], (int) pt[1], trials, honestNodes, 600, 50, common.difficulty, common.seed), p));
            Report report = new Report("double-spend", params("attacker share", sweep ? shares : List.of(q),
                    "confirmations", sweep ? "1.." + z : z, "trials", trials, "honest nodes", honestNodes,
                    "block interval (s)", 600, "latency (ms)", 50, "difficulty (bits)", common.difficulty, "seed", common.seed));
            List<Map<String, Object>> json = results.stream().map(DoubleSpendScenario.Result::toJson).toList();
            List<String> cols = List.of("attackerShare", "confirmations", "trials", "successes", "successRate", "ci99", "nakamoto", "rosenfeld");
            report.addTable("double-spend", cols, rows(json, cols));
            Chart.Builder chart = Chart.builder("success-vs-confirmations").title("Double-spend success against confirmations")
                    .xLabel("confirmations z").yLabel("attacker's success").logY();
            for (double s : sweep ? shares : List.of(q)) {
                List<DoubleSpendScenario.Result> line = results.stream().filter(r -> r.attackerShare() == s).toList();
                double[] zs = line.stream().mapToDouble(DoubleSpendScenario.Result::confirmations).toArray();
                int maxZ = Math.max(z, 1);
                double[] curveZ = new double[maxZ];
                double[] ros = new double[maxZ];
                double[] nak = new double[maxZ];
                for (int c = 1; c <= maxZ; c++) {
                    curveZ[c - 1] = c;
                    ros[c - 1] = Literature.rosenfeld(s, c);
                    nak[c - 1] = Literature.nakamoto(s, c);
                }
                chart.series(Series.markers("simulated q=" + s, zs, line.stream().mapToDouble(DoubleSpendScenario.Result::successRate).toArray())
                        .withErrorBars(line.stream().mapToDouble(DoubleSpendScenario.Result::ci99Low).toArray(),
                                line.stream().mapToDouble(DoubleSpendScenario.Result::ci99High).toArray()));
                chart.series(Series.line("Rosenfeld q=" + s, curveZ, ros));
                chart.series(Series.line("Nakamoto q=" + s, curveZ, nak));
            }
            report.addChart(chart.build());
            report.setExplanation("Each point is the share of simulated attacks that reversed the merchant's payment, with its 99% "
                    + "Wilson interval; the lines are the closed forms. Rosenfeld (2012) is exact for this attack: while the honest "
                    + "network finds z blocks the attacker finds a negative-binomial number, then must catch up, which it does with "
                    + "probability (q/p)^deficit. Nakamoto's whitepaper (section 11) approximates the attacker's progress by a Poisson "
                    + "law and is a little off for small z. As in both analyses the attacker has pre-mined one block before it pays. "
                    + "Waiting longer makes success fall exponentially while q < 1/2: that is why merchants wait for confirmations.");
            Map<String, Object> out = results.size() == 1 ? json.get(0) : params("sweep", json);
            return common.finish(out, report, results.get(results.size() - 1).finalChain());
        }
    }

    // ---- selfish mining ----

    @Command(name = "selfish-mining", mixinStandardHelpOptions = true, sortOptions = false,
            description = "A pool withholds its blocks (Eyal and Sirer's SM1) while honest nodes follow the rules: its share "
                    + "of the main chain against its share of hashrate (docs/concepts/selfish-mining.md).")
    static final class SelfishMining extends Scenario {
        @Option(names = "--pool-share", paramLabel = "A", defaultValue = "0.35", description = "the pool's share of hashrate, up to 0.5 (default ${DEFAULT-VALUE})")
        double alpha;

        @Option(names = "--gamma", paramLabel = "G", defaultValue = "0.5",
                description = "share of honest hashrate that should hear the pool's block first in a race (default ${DEFAULT-VALUE})")
        double gamma;

        @Option(names = "--blocks", defaultValue = "2000", description = "blocks to mine (default ${DEFAULT-VALUE})")
        int blocks;

        @Option(names = "--honest-nodes", defaultValue = "30", description = "honest nodes (default ${DEFAULT-VALUE})")
        int honestNodes;

        @Option(names = "--sweep", description = "chart revenue against pool share for gamma = 0, 0.5 and 1")
        boolean sweep;

        @Override
        Integer simulate() throws IOException {
            List<double[]> points = new ArrayList<>(); // {alpha, gamma}
            if (sweep) {
                for (double g : new double[] {0, 0.5, 1}) {
                    for (double a : new double[] {0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45}) {
                        points.add(new double[] {a, g});
                    }
                }
            } else {
                points.add(new double[] {alpha, gamma});
            }
            List<SelfishMiningScenario.Result> results = runAll("selfish-mining", points, blocks, (pt, p) -> SelfishMiningScenario.run(
                    new SelfishMiningScenario.Options(pt[0], pt[1], blocks, honestNodes, 600, 100, common.difficulty, common.seed), p));
            Report report = new Report("selfish-mining", params("pool share", sweep ? "0.1..0.45" : alpha,
                    "gamma", sweep ? List.of(0, 0.5, 1) : gamma, "blocks", blocks, "honest nodes", honestNodes,
                    "block interval (s)", 600, "latency (ms)", 100, "difficulty (bits)", common.difficulty, "seed", common.seed));
            List<Map<String, Object>> json = results.stream().map(SelfishMiningScenario.Result::toJson).toList();
            List<String> cols = List.of("poolShare", "gamma", "gammaRealised", "poolRevenueShare", "ci99", "closedForm", "staleRate");
            report.addTable("selfish-mining", cols, rows(json, cols));
            double[] grid = new double[46];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = i / 100.0;
            }
            Chart.Builder chart = Chart.builder("revenue-vs-share").title("Selfish pool's revenue against its hashrate")
                    .xLabel("pool's share of hashrate (alpha)").yLabel("pool's share of main-chain blocks")
                    .series(Series.line("honest mining: revenue = alpha", grid, grid));
            for (double g : sweep ? new double[] {0, 0.5, 1} : new double[] {gamma}) {
                List<SelfishMiningScenario.Result> line = results.stream().filter(r -> r.gamma() == g).toList();
                chart.series(Series.markers("simulated gamma=" + g, line.stream().mapToDouble(SelfishMiningScenario.Result::poolShare).toArray(),
                        line.stream().mapToDouble(SelfishMiningScenario.Result::poolRevenueShare).toArray())
                        .withErrorBars(line.stream().mapToDouble(SelfishMiningScenario.Result::ci99Low).toArray(),
                                line.stream().mapToDouble(SelfishMiningScenario.Result::ci99High).toArray()));
                double gr = line.stream().mapToDouble(SelfishMiningScenario.Result::gammaRealised).average().orElse(g);
                chart.series(Series.line("Eyal-Sirer gamma=" + round2(gr),
                        grid, java.util.Arrays.stream(grid).map(a -> Literature.selfishMiningRevenue(a, gr)).toArray()));
            }
            report.addChart(chart.build());
            report.setExplanation("Points: the pool's share of the blocks on the final main chain, with a 99% interval from batch "
                    + "means; lines: Eyal and Sirer's closed form (2014, equation 8) at the gamma the network realised (the share of "
                    + "honest blocks found during a race that built on the pool's block), and the honest line revenue = alpha. Above "
                    + "the threshold (1 - gamma)/(3 - 2 gamma) the pool earns more than its share by wasting honest work: the stale "
                    + "rate column counts the blocks it orphaned and its own lost races.");
            Map<String, Object> out = results.size() == 1 ? json.get(0) : params("sweep", json);
            return common.finish(out, report, results.get(results.size() - 1).finalChain());
        }

        private static double round2(double x) {
            return Math.round(x * 100) / 100.0;
        }
    }
}
