package org.powchain.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.powchain.chain.BlockNode;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.sim.report.Chart;
import org.powchain.sim.report.Chart.Series;
import org.powchain.sim.report.Report;
import picocli.CommandLine.Option;

/**
 * {@code powchain simulate selfish-mining}: Eyal and Sirer's strategy SM1 ("Majority is not
 * enough", 2014). A pool with a share α of the hashrate keeps the blocks it finds to itself and
 * publishes them only to waste the honest miners' work: when the honest network catches up with
 * its lead of one, it publishes its block and the two race (a share γ of the honest hashrate mines
 * on the pool's block); when its lead of two is cut to one, it publishes everything and wins.
 * Above a threshold share the pool earns more than α of the blocks: the protocol is not
 * incentive-compatible. See docs/concepts/selfish-mining.md.
 *
 * <p>The honest nodes run the real node's code and relay whatever they saw first. The pool is an
 * {@link Attacker}: it mines on an offline node, and the world sees only its face, so nothing it
 * withholds leaks through any protocol path. It hears of each honest block as it is found (Eyal
 * and Sirer's pool learns at once) and sends what it publishes itself, straight to every honest
 * node. γ is not a parameter of any code but the outcome of a race in the network: an honest node
 * mines on the pool's block if it arrives before the honest one. So the pool delays its race
 * publications alone, each by the time the honest block takes to reach a share 1 − γ of the honest
 * nodes, measured from the block's finder over the peer graph as it is when the race starts. The
 * γ that results is measured too ({@code gammaRealised}: of the honest blocks found during a race,
 * the share built on the pool's block), and the closed form is evaluated at it.
 */
public final class SelfishMiningScenario extends Scenario<SelfishMiningScenario.Point, SelfishMiningScenario.Result> {
    public record Options(double poolShare, double gamma, int blocks, int honestNodes, double blockIntervalSeconds,
                          double latencyMs, int difficultyBits, long seed) {
        public Options {
            if (!(poolShare > 0 && poolShare <= 0.5)) {
                throw new IllegalArgumentException("--pool-share must be in (0, 0.5]: got " + poolShare);
            }
            if (!(gamma >= 0 && gamma <= 1)) {
                throw new IllegalArgumentException("--gamma must be in [0, 1]: got " + gamma);
            }
            if (blocks < 1) {
                throw new IllegalArgumentException("--blocks must be >= 1: got " + blocks);
            }
            if (honestNodes < 2) {
                throw new IllegalArgumentException("--honest-nodes must be >= 2: got " + honestNodes);
            }
        }
    }

    /**
     * A point's outcome over its runs (one run for a task, all of them once combined). Each
     * {@code ...PerRun} array holds one count per run, in run order: the intervals come from them.
     *
     * @param poolBlocksPerRun       the pool's blocks on each run's final main chain
     * @param mainPerRun             each run's main-chain blocks
     * @param minedPerRun            each run's blocks mined
     * @param racesWonByPoolPerRun   each run's honest blocks found during a race that built on the pool's block
     * @param racesPerRun            each run's honest blocks found during a race
     */
    @JsonPropertyOrder({"poolShare", "gamma", "runs", "gammaRealised", "gammaRealisedCi99", "poolRevenueShare", "ci99",
            "ci99Method", "closedForm", "closedFormAtNominalGamma", "staleRate", "staleRateCi99", "staleRateCi99Method",
            "blocksMined", "mainChainBlocks", "wallSeconds"})
    public record Result(double poolShare, double gamma, int runs, double gammaRealised, @JsonIgnore double gammaLow,
                         @JsonIgnore double gammaHigh, double poolRevenueShare, @JsonIgnore double ci99Low,
                         @JsonIgnore double ci99High, double closedForm, double closedFormAtNominalGamma, double staleRate,
                         long blocksMined, long mainChainBlocks, double wallSeconds, List<Block> finalChain,
                         @JsonIgnore long[] poolBlocksPerRun, @JsonIgnore long[] mainPerRun, @JsonIgnore long[] minedPerRun,
                         @JsonIgnore long[] racesWonByPoolPerRun, @JsonIgnore long[] racesPerRun,
                         @JsonIgnore List<List<BlockRow>> blockLog)
            implements StaleBlocks {
        /** The revenue share's 99% interval over the runs, low and high. */
        @JsonProperty("ci99")
        List<Double> ci99() {
            return List.of(ci99Low, ci99High);
        }

        @JsonProperty("ci99Method")
        String ci99Method() {
            return runs < 2 ? "none: one run gives no interval (--runs 2 or more)" : RunsInterval.METHOD;
        }

        /** The realised γ's 99% interval over the runs, low and high. */
        @JsonProperty("gammaRealisedCi99")
        List<Double> gammaRealisedCi99() {
            return List.of(gammaLow, gammaHigh);
        }

        /** The result of runs whose counts are these, in run order; the closed forms at α, and at γ realised and asked. */
        static Result of(double alpha, double gamma, long[] poolBlocks, long[] main, long[] mined, long[] racesWonByPool,
                         long[] races, double wallSeconds, List<Block> finalChain, List<List<BlockRow>> blockLog) {
            double[] revenue = RunsInterval.ratio99(poolBlocks, main);
            double[] g = RunsInterval.ratio99(racesWonByPool, races);
            long allMined = java.util.Arrays.stream(mined).sum();
            long allMain = java.util.Arrays.stream(main).sum();
            double r6 = NetworkScenario.round(g[0]);
            return new Result(alpha, gamma, mined.length, r6, NetworkScenario.round(g[1]), NetworkScenario.round(g[2]),
                    NetworkScenario.round(revenue[0]), NetworkScenario.round(revenue[1]), NetworkScenario.round(revenue[2]),
                    NetworkScenario.round(Literature.selfishMiningRevenue(alpha, g[0])),
                    NetworkScenario.round(Literature.selfishMiningRevenue(alpha, gamma)),
                    NetworkScenario.round(allMined == 0 ? 0 : 1 - (double) allMain / allMined), allMined, allMain,
                    wallSeconds, finalChain, poolBlocks, main, mined, racesWonByPool, races, blockLog);
        }
    }

    public static Result run(Options o, LongConsumer progress) {
        return run(o, progress, (sim, pool) -> { });
    }

    /** @param watch told of the simulation and the pool once both exist, before any block (tests tap the network) */
    static Result run(Options o, LongConsumer progress, java.util.function.BiConsumer<Simulation, Attacker> watch) {
        long started = System.nanoTime();
        Simulation sim = new Simulation(Simulation.pinned(o.difficultyBits()), o.seed(), o.blockIntervalSeconds() * 1_000);
        sim.pruneHistory(); // memory flat in blocks: no reorg here reaches 200 blocks down
        sim.onProgress(progress);
        List<SimNode> honest = new ArrayList<>();
        for (int i = 0; i < o.honestNodes(); i++) {
            honest.add(sim.addNode(8, 0));
        }
        Attacker pool = sim.addAttacker(); // its face is nobody's peer: the pool decides itself what to show
        sim.connectRandomly(honest, honest, 4);
        sim.randomLatency(o.latencyMs());
        SimNetwork.Latency honestLinks = sim.network().latency();
        int face = pool.face().index();
        sim.network().setLatency((from, to) -> from == face || to == face ? 0 : honestLinks.micros(from, to));
        watch.accept(sim, pool);
        sim.settle(30_000); // hellos: the peer graph is in place

        Pool strategy = new Pool(sim, pool, honest, o.gamma());
        for (SimNode n : honest) {
            sim.addMiner(n, (1 - o.poolShare()) / honest.size(), block -> {
                HashPower.submitTo(n).accept(block);
                strategy.othersFound(block, n);
            });
        }
        sim.addMiner(pool.secret(), o.poolShare(), strategy::poolFound);
        sim.mineBlocks(o.blocks(), 0);
        strategy.finish(); // a lead still withheld at the end would count against the pool
        sim.settle(120_000);

        // the final main chain, as an honest node sees it
        List<Hash> main = Simulation.mainChainHashes(honest.get(0));
        Set<Hash> byPool = new HashSet<>();
        sim.mined().stream().filter(m -> m.miner() == face).forEach(m -> byPool.add(m.hash()));
        long poolBlocks = main.stream().filter(byPool::contains).count();
        return Result.of(o.poolShare(), o.gamma(), new long[] {poolBlocks}, new long[] {main.size()},
                new long[] {sim.mined().size()}, new long[] {strategy.racesWonByPoolSide},
                new long[] {strategy.racesWonByPoolSide + strategy.racesWonByHonestSide},
                NetworkScenario.round((System.nanoTime() - started) / 1e9), Simulation.mainChainBlocks(honest.get(0)),
                List.of(sim.blockLog(new HashSet<>(main), h -> null)));
    }

    /**
     * How long a block found by {@code from} takes to reach each honest node (0 for itself) over
     * the peers each relays to and their latencies (shortest paths), sorted; a node it cannot reach
     * counts as never.
     */
    static long[] delaysFrom(Simulation sim, SimNode from, List<SimNode> honest) {
        Map<Integer, Long> best = new java.util.HashMap<>();
        java.util.PriorityQueue<long[]> queue = new java.util.PriorityQueue<>((a, b) -> Long.compare(a[1], b[1]));
        queue.add(new long[] {from.index(), 0});
        while (!queue.isEmpty()) {
            long[] e = queue.poll();
            int at = (int) e[0];
            if (best.putIfAbsent(at, e[1]) != null) {
                continue;
            }
            for (var peer : sim.nodes().get(at).peers().healthy()) {
                int to = sim.network().indexOf(peer);
                if (!best.containsKey(to)) {
                    queue.add(new long[] {to, e[1] + sim.network().latency().micros(at, to)});
                }
            }
        }
        return honest.stream().mapToLong(n -> best.getOrDefault(n.index(), Long.MAX_VALUE)).sorted().toArray();
    }

    /**
     * How long after an honest block is found the pool sends its rival so that a share γ of the
     * honest nodes hears the rival first: between the arrival times of the last node that must hear
     * the honest block first and the next. For γ = 0, well after the honest block has reached all.
     */
    static long raceDelay(long[] sortedDelays, double gamma) {
        int n = sortedDelays.length;
        int first = (int) Math.max(1, Math.min(n, n - Math.round(gamma * n))); // those who hear the honest block first
        long last = sortedDelays[first - 1];
        if (first == n || sortedDelays[first] == Long.MAX_VALUE) {
            return last == Long.MAX_VALUE ? Long.MAX_VALUE / 4 : 2 * last + 1_000;
        }
        return (last + sortedDelays[first]) / 2;
    }

    /** Algorithm 1 of Eyal and Sirer ({@link SelfishMiningRule}), played over the pool's secret chain. */
    static final class Pool {
        private final Simulation sim;
        private final Attacker pool;
        private final List<SimNode> honest;
        private final double gamma;
        /** The pool's blocks not yet shown to anyone, oldest first. */
        private final Deque<Block> unpublished = new ArrayDeque<>();
        /** The height of the longest chain the honest nodes know of (as far as the pool knows). */
        private int publicHeight;
        /** What to do after each block: the one rule the devnet's live attack uses too. */
        private final SelfishMiningRule rule = new SelfishMiningRule();
        /** The pool's block in a race of equal branches, while the race lasts. */
        private Hash racing;
        private long racesWonByPoolSide;
        private long racesWonByHonestSide;

        Pool(Simulation sim, Attacker pool, List<SimNode> honest, double gamma) {
            this.sim = sim;
            this.pool = pool;
            this.honest = honest;
            this.gamma = gamma;
        }

        private int privateHeight() {
            return pool.secret().queries().height();
        }

        void poolFound(Block block) {
            int deltaPrev = privateHeight() - publicHeight;
            HashPower.submitTo(pool.secret()).accept(block);
            unpublished.addLast(block);
            if (racing != null) {
                racing = null; // the pool won the race itself
            }
            if (rule.poolFound(deltaPrev) == SelfishMiningRule.Move.PUBLISH_ALL) {
                publishAll();
            }
        }

        void othersFound(Block block, SimNode finder) {
            if (racing != null) { // a race was on: whose block did this one build on?
                if (block.previousHash().equals(racing)) {
                    racesWonByPoolSide++;
                } else {
                    racesWonByHonestSide++;
                }
                racing = null;
            }
            int deltaPrev = privateHeight() - publicHeight;
            pool.hear(block); // the secret chain switches to it if it now has more work: "adopt"
            publicHeight = Math.max(publicHeight, heightOf(block));
            switch (rule.othersFound(deltaPrev)) {
                case ADOPT -> unpublished.clear(); // its branch lost: mine on the public head
                case MATCH -> { // equal branches: the race, with the pool's block sent late enough to make γ
                    Block last = unpublished.peekLast();
                    racing = last == null ? null : last.hash();
                    long delay = raceDelay(delaysFrom(sim, finder, honest), gamma);
                    sim.scheduler().after(delay, () -> {
                        while (unpublished.contains(last)) { // unless it was published meanwhile, or lost
                            publishFirst();
                        }
                    });
                }
                case PUBLISH_ALL -> publishAll(); // a lead of one: the honest branch is orphaned
                case PUBLISH_FIRST -> publishFirst(); // well ahead: keep the honest miners busy on a branch that will lose
                case WITHHOLD -> throw new IllegalStateException("the rule withholds only the pool's own blocks");
            }
        }

        private int heightOf(Block block) {
            return pool.secret().queries().node(block.hash()).map(BlockNode::height).orElse(publicHeight);
        }

        /** The run ends: a pool still ahead publishes its lead (its branch wins); one behind or level has nothing to gain. */
        void finish() {
            if (privateHeight() > publicHeight) {
                publishAll();
            }
        }

        private void publishAll() {
            while (!unpublished.isEmpty()) {
                publishFirst();
            }
        }

        private void publishFirst() {
            Block b = unpublished.pollFirst();
            if (b == null) {
                return;
            }
            publicHeight = Math.max(publicHeight, heightOf(b));
            pool.publish(b, honest);
        }
    }

    // ---- powchain simulate selfish-mining: its flags and its report ----

    /** One setting: the pool's share α and the γ asked of the network. */
    public record Point(double poolShare, double gamma) {}

    private static final double[] SWEEP_GAMMAS = {0, 0.5, 1};
    private static final double[] SWEEP_SHARES = {0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45};

    @Option(names = "--pool-share", paramLabel = "A", defaultValue = "0.35", description = "the pool's share of hashrate, up to 0.5 (default ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "0.5",
            description = "share of honest hashrate that should hear the pool's block first in a race (default ${DEFAULT-VALUE})")
    double gamma;

    @Option(names = "--blocks", defaultValue = "1000", description = "blocks each run mines (default ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--runs", defaultValue = "8", description = "independent runs a point is made of, each a network of "
            + "its own with a seed of its own; the intervals come from them, so at least 2 (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--honest-nodes", defaultValue = "30", description = "honest nodes (default ${DEFAULT-VALUE})")
    int honestNodes;

    @Option(names = "--sweep", description = "chart revenue against pool share for gamma = 0, 0.5 and 1")
    boolean sweep;

    public SelfishMiningScenario() {
        super("selfish-mining",
                "A pool withholds its blocks (Eyal and Sirer's SM1) while honest nodes follow the rules: its share "
                        + "of the main chain against its share of hashrate (docs/concepts/selfish-mining.md).");
    }

    @Override
    public List<Point> points() {
        if (!sweep) {
            return List.of(new Point(alpha, gamma));
        }
        List<Point> points = new ArrayList<>();
        for (double g : SWEEP_GAMMAS) {
            for (double a : SWEEP_SHARES) {
                points.add(new Point(a, g));
            }
        }
        return points;
    }

    @Override
    protected void check(Point p, Settings s) {
        NetworkScenario.check(runs >= 1, "--runs must be >= 1: got " + runs);
        new Options(p.poolShare(), p.gamma(), blocks, honestNodes, 600, 100, s.difficultyBits(), s.seed());
    }

    @Override
    protected int minTasksForAnInterval() {
        return 2;
    }

    /** Each run is a task: a network of its own, with a seed of its own. */
    @Override
    public int tasks(Point point) {
        return runs;
    }

    @Override
    public long unitsPerTask() {
        return blocks;
    }

    @Override
    public Result run(Point p, Settings s, LongConsumer progress) {
        return run(new Options(p.poolShare(), p.gamma(), blocks, honestNodes, 600, 100, s.difficultyBits(), s.seed()), progress);
    }

    /** The runs of a point together: their counts side by side, the ratios and their intervals computed again. */
    @Override
    public Result combine(Point p, List<Result> tasks) {
        return Result.of(p.poolShare(), p.gamma(), StaleBlocks.concat(tasks.stream().map(Result::poolBlocksPerRun).toList()),
                StaleBlocks.concat(tasks.stream().map(Result::mainPerRun).toList()),
                StaleBlocks.concat(tasks.stream().map(Result::minedPerRun).toList()),
                StaleBlocks.concat(tasks.stream().map(Result::racesWonByPoolPerRun).toList()),
                StaleBlocks.concat(tasks.stream().map(Result::racesPerRun).toList()),
                NetworkScenario.round(tasks.stream().mapToDouble(Result::wallSeconds).sum()), tasks.get(tasks.size() - 1).finalChain(),
                tasks.stream().flatMap(t -> t.blockLog().stream()).toList());
    }

    /** {@code --target-ci} narrows the revenue's interval. */
    @Override
    public java.util.OptionalDouble halfWidth(Result r) {
        return java.util.OptionalDouble.of((r.ci99High() - r.ci99Low()) / 2);
    }

    @Override
    public Report report(Settings s, List<Point> points, List<Result> results) {
        Report report = new Report("selfish-mining", parameters("pool share", sweep ? "0.1..0.45" : alpha,
                "gamma", sweep ? List.of(0, 0.5, 1) : gamma, "blocks per run", blocks, "runs per point", runs, "honest nodes", honestNodes,
                "block interval (s)", 600, "latency (ms)", 100, "difficulty (bits)", s.difficultyBits(), "seed", s.seed()));
        List<String> cols = List.of("poolShare", "gamma", "runs", "gammaRealised", "gammaRealisedCi99", "poolRevenueShare", "ci99",
                "closedForm", "staleRate", "staleRateCi99");
        report.addTable("selfish-mining", cols, rows(results.stream().map(Result::toJson).toList(), cols));
        NetworkScenario.addBlockTable(report, List.of("poolShare", "gamma"),
                points.stream().map(p -> List.<Object>of(p.poolShare(), p.gamma())).toList(),
                results.stream().map(Result::blockLog).toList());
        double[] grid = new double[46];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i / 100.0;
        }
        Chart.Builder chart = Chart.builder("revenue-vs-share").title("Selfish pool's revenue against its hashrate")
                .xLabel("pool's share of hashrate (alpha)").yLabel("pool's share of main-chain blocks")
                .series(Series.line("honest mining: revenue = alpha", grid, grid).withColour(7).withDashes());
        double[] chartGammas = sweep ? SWEEP_GAMMAS : new double[] {gamma};
        for (int k = 0; k < chartGammas.length; k++) {
            double g = chartGammas[k];
            List<Result> line = results.stream().filter(r -> r.gamma() == g).toList();
            // one colour a gamma: its points with their 99% intervals, and the closed form at the gamma realised
            chart.series(Series.markers("gamma=" + g + " simulated (99% interval)", line.stream().mapToDouble(Result::poolShare).toArray(),
                    line.stream().mapToDouble(Result::poolRevenueShare).toArray())
                    .withErrorBars(line.stream().mapToDouble(Result::ci99Low).toArray(),
                            line.stream().mapToDouble(Result::ci99High).toArray()).withColour(k + 1));
            double gr = line.stream().mapToDouble(Result::gammaRealised).average().orElse(g);
            chart.series(Series.line("gamma=" + g + " Eyal-Sirer at gamma realised " + round2(gr),
                    grid, java.util.Arrays.stream(grid).map(a -> Literature.selfishMiningRevenue(a, gr)).toArray()).withColour(k + 1));
        }
        report.addChart(chart.build());
        report.setExplanation("Points: the pool's share of the blocks on the final main chain, with a 99% interval from "
                + "independent runs (each a network of its own); lines: Eyal and Sirer's closed form (2014, equation 8) at the gamma the network realised (the share of "
                + "honest blocks found during a race that built on the pool's block), and the honest line revenue = alpha. Above "
                + "the threshold (1 - gamma)/(3 - 2 gamma) the pool earns more than its share by wasting honest work: the stale "
                + "rate column counts the blocks it orphaned and its own lost races.");
        return report;
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
