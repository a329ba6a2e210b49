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
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.p2p.BlockAnnouncement;
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
 * <p>The honest nodes run the real node's code and relay whatever they saw first. The pool sends
 * its blocks itself, straight to every honest node, and hears of each honest block a fixed time
 * after it is found. γ is not a parameter of any code but the outcome of a race in the network:
 * an honest node mines on the pool's block if it arrives before the honest one. The pool's delay is
 * set so that the honest block has reached a share 1 − γ of the nodes when the pool's block goes
 * out (measured on the peer graph with its latencies). The γ that results is measured too
 * ({@code gammaRealised}: of the honest blocks found during a race, the share built on the pool's
 * block), and the closed form is evaluated at it.
 */
public final class SelfishMiningScenario extends Scenario<SelfishMiningScenario.Point, SelfishMiningScenario.Result> {
    public record Options(double poolShare, double gamma, int blocks, int honestNodes, double blockIntervalSeconds,
                          double latencyMs, int difficultyBits, long seed) {
        public Options {
            if (!(poolShare > 0 && poolShare <= 0.5) || !(gamma >= 0 && gamma <= 1) || blocks < 1 || honestNodes < 2) {
                throw new IllegalArgumentException("0 < pool-share <= 0.5, 0 <= gamma <= 1, blocks >= 1, honest nodes >= 2");
            }
        }
    }

    @JsonPropertyOrder({"poolShare", "gamma", "gammaRealised", "poolRevenueShare", "ci99", "ci99Method", "closedForm",
            "closedFormAtNominalGamma", "staleRate", "staleRateCi99", "staleRateCi99Method", "blocksMined", "mainChainBlocks", "wallSeconds"})
    public record Result(double poolShare, double gamma, double gammaRealised, double poolRevenueShare, @JsonIgnore double ci99Low,
                         @JsonIgnore double ci99High, double closedForm, double closedFormAtNominalGamma, double staleRate,
                         long blocksMined, long mainChainBlocks, double wallSeconds, List<Block> finalChain)
            implements StaleBlocks {
        /** The revenue share's 99% interval (batch means), low and high. */
        @JsonProperty("ci99")
        List<Double> ci99() {
            return List.of(ci99Low, ci99High);
        }

        @JsonProperty("ci99Method")
        String ci99Method() {
            return "batch means, 99%: the main chain cut into 20 batches, mean +/- t(0.995, 19) standard errors";
        }

    }

    /** For γ = 0 the pool hears this late: long after a block has crossed the honest network. */
    static final long SLOW_LINK_MICROS = 30_000_000;

    public static Result run(Options o, LongConsumer progress) {
        long started = System.nanoTime();
        Simulation sim = new Simulation(Simulation.pinned(o.difficultyBits()), o.seed(), o.blockIntervalSeconds() * 1_000);
        sim.onProgress(progress);
        List<SimNode> honest = new ArrayList<>();
        for (int i = 0; i < o.honestNodes(); i++) {
            honest.add(sim.addNode(8, 0));
        }
        SimNode pool = sim.addNode(8, 0); // nobody's peer: it decides itself what to show
        sim.connectRandomly(honest, honest, 4);
        sim.randomLatency(o.latencyMs());
        SimNetwork.Latency honestLinks = sim.network().latency();
        sim.network().setLatency((from, to) -> from == pool.index() || to == pool.index() ? 0 : honestLinks.micros(from, to));
        sim.settle(30_000); // hellos: the peer graph is in place

        long[] delays = relayDelays(sim, honest);
        long listenDelay = o.gamma() >= 1 ? 0 : o.gamma() <= 0 ? SLOW_LINK_MICROS
                : delays[(int) Math.min(delays.length - 1, Math.floor((1 - o.gamma()) * delays.length))];
        Pool strategy = new Pool(sim, pool, honest);
        for (SimNode n : honest) {
            sim.addMiner(n, (1 - o.poolShare()) / honest.size(), block -> {
                HashPower.submitTo(n).accept(block);
                sim.scheduler().after(listenDelay, () -> strategy.othersFound(block));
            });
        }
        sim.addMiner(pool, o.poolShare(), strategy::poolFound);
        sim.mineBlocks(o.blocks(), 0);
        strategy.finish(); // a lead still withheld at the end would count against the pool
        sim.settle(120_000);

        // the final main chain, as an honest node sees it
        List<Hash> main = Simulation.mainChainHashes(honest.get(0));
        Set<Hash> byPool = new HashSet<>();
        sim.mined().stream().filter(m -> m.miner() == pool.index()).forEach(m -> byPool.add(m.hash()));
        long poolBlocks = main.stream().filter(byPool::contains).count();
        double revenue = (double) poolBlocks / main.size();
        double[] ci = batchMeansCi99(main, byPool);
        double gammaRealised = strategy.gammaRealised();
        double stale = 1 - (double) main.size() / sim.mined().size();
        return new Result(o.poolShare(), o.gamma(), NetworkScenario.round(gammaRealised), NetworkScenario.round(revenue),
                NetworkScenario.round(ci[0]), NetworkScenario.round(ci[1]),
                NetworkScenario.round(Literature.selfishMiningRevenue(o.poolShare(), gammaRealised)),
                NetworkScenario.round(Literature.selfishMiningRevenue(o.poolShare(), o.gamma())),
                NetworkScenario.round(stale), sim.mined().size(), main.size(),
                NetworkScenario.round((System.nanoTime() - started) / 1e9), Simulation.mainChainBlocks(honest.get(0)));
    }

    /**
     * How long a block takes to reach each other node from each node, over the peers each relays
     * to and their latencies (shortest paths), sorted: the distribution of the honest block's head start.
     */
    static long[] relayDelays(Simulation sim, List<SimNode> honest) {
        List<Long> all = new ArrayList<>();
        for (SimNode from : honest) {
            Map<Integer, Long> best = new java.util.HashMap<>();
            java.util.PriorityQueue<long[]> queue = new java.util.PriorityQueue<>((a, b) -> Long.compare(a[1], b[1]));
            queue.add(new long[] {from.index(), 0});
            while (!queue.isEmpty()) {
                long[] e = queue.poll();
                int at = (int) e[0];
                if (best.containsKey(at)) {
                    continue;
                }
                best.put(at, e[1]);
                for (var peer : sim.nodes().get(at).peers().healthy()) {
                    int to = sim.network().indexOf(peer);
                    if (!best.containsKey(to)) {
                        queue.add(new long[] {to, e[1] + sim.network().latency().micros(at, to)});
                    }
                }
            }
            best.forEach((node, d) -> {
                if (node != from.index()) {
                    all.add(d);
                }
            });
        }
        return all.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /**
     * A 99% interval for the pool's share of the main chain. Consecutive blocks are not independent
     * (the pool's blocks come in runs), so the chain is cut into 20 batches whose shares are close
     * to independent, and the interval is the batches' mean plus or minus t(0.995, 19) standard errors.
     */
    static double[] batchMeansCi99(List<Hash> main, Set<Hash> byPool) {
        int batches = 20;
        int size = main.size() / batches;
        if (size == 0) {
            return new double[] {0, 1};
        }
        double[] share = new double[batches];
        for (int b = 0; b < batches; b++) {
            int n = 0;
            for (int i = b * size; i < (b + 1) * size; i++) {
                n += byPool.contains(main.get(i)) ? 1 : 0;
            }
            share[b] = (double) n / size;
        }
        double mean = java.util.Arrays.stream(share).average().orElse(0);
        double var = java.util.Arrays.stream(share).map(s -> (s - mean) * (s - mean)).sum() / (batches - 1);
        double half = 2.861 * Math.sqrt(var / batches); // t quantile 0.995 with 19 degrees of freedom
        return new double[] {Math.max(0, mean - half), Math.min(1, mean + half)};
    }

    /** Algorithm 1 of Eyal and Sirer, over the pool node's own chain. */
    static final class Pool {
        private final Simulation sim;
        private final SimNode pool;
        private final List<SimNode> honest;
        /** The pool's blocks not yet shown to anyone, oldest first. */
        private final Deque<Block> unpublished = new ArrayDeque<>();
        /** The height of the longest chain the honest nodes know of (as far as the pool knows). */
        private int publicHeight;
        private int privateBranchLen;
        /** The pool's block in a race of equal branches, while the race lasts. */
        private Hash racing;
        private long racesWonByPoolSide;
        private long racesWonByHonestSide;

        Pool(Simulation sim, SimNode pool, List<SimNode> honest) {
            this.sim = sim;
            this.pool = pool;
            this.honest = honest;
        }

        double gammaRealised() {
            long all = racesWonByPoolSide + racesWonByHonestSide;
            return all == 0 ? 0 : (double) racesWonByPoolSide / all;
        }

        private int privateHeight() {
            return pool.queries().height();
        }

        void poolFound(Block block) {
            int deltaPrev = privateHeight() - publicHeight;
            give(block);
            unpublished.addLast(block);
            privateBranchLen++;
            if (racing != null) {
                racing = null; // the pool won the race itself
            }
            if (deltaPrev == 0 && privateBranchLen == 2) {
                publishAll();
                privateBranchLen = 0;
            }
        }

        void othersFound(Block block) {
            if (racing != null) { // a race was on: whose block did this one build on?
                if (block.previousHash().equals(racing)) {
                    racesWonByPoolSide++;
                } else {
                    racesWonByHonestSide++;
                }
                racing = null;
            }
            int deltaPrev = privateHeight() - publicHeight;
            give(block); // the pool's chain switches to it if it now has more work: "adopt"
            publicHeight = Math.max(publicHeight, heightOf(block));
            if (deltaPrev <= 0) {
                unpublished.clear(); // its branch lost: mine on the public head
                privateBranchLen = 0;
            } else if (deltaPrev == 1) {
                Block last = unpublished.peekLast();
                publishAll(); // equal branches: the race
                racing = last == null ? null : last.hash();
            } else if (deltaPrev == 2) {
                publishAll(); // a lead of one: the honest branch is orphaned
                privateBranchLen = 0;
            } else {
                publishFirst(); // well ahead: keep the honest miners busy on a branch that will lose
            }
        }

        private int heightOf(Block block) {
            return pool.queries().node(block.hash()).map(BlockNode::height).orElse(publicHeight);
        }

        private void give(Block block) {
            try {
                pool.chain().process(block);
            } catch (RuleViolation v) {
                if (v.rule() != org.powchain.consensus.Rule.UNKNOWN_PARENT) {
                    throw new IllegalStateException("the pool refused a block: " + v.getMessage(), v);
                }
            }
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
            for (SimNode n : honest) {
                sim.network().transport(pool.index()).request(sim.network().address(n.index()), new BlockAnnouncement(b));
            }
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

    @Option(names = "--blocks", defaultValue = "2000", description = "blocks to mine (default ${DEFAULT-VALUE})")
    int blocks;

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
    public long unitsPerTask() {
        return blocks;
    }

    @Override
    public Result run(Point p, Settings s, LongConsumer progress) {
        return run(new Options(p.poolShare(), p.gamma(), blocks, honestNodes, 600, 100, s.difficultyBits(), s.seed()), progress);
    }

    @Override
    public Report report(Settings s, List<Point> points, List<Result> results) {
        Report report = new Report("selfish-mining", parameters("pool share", sweep ? "0.1..0.45" : alpha,
                "gamma", sweep ? List.of(0, 0.5, 1) : gamma, "blocks", blocks, "honest nodes", honestNodes,
                "block interval (s)", 600, "latency (ms)", 100, "difficulty (bits)", s.difficultyBits(), "seed", s.seed()));
        List<String> cols = List.of("poolShare", "gamma", "gammaRealised", "poolRevenueShare", "ci99", "closedForm", "staleRate");
        report.addTable("selfish-mining", cols, rows(results.stream().map(Result::toJson).toList(), cols));
        double[] grid = new double[46];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i / 100.0;
        }
        Chart.Builder chart = Chart.builder("revenue-vs-share").title("Selfish pool's revenue against its hashrate")
                .xLabel("pool's share of hashrate (alpha)").yLabel("pool's share of main-chain blocks")
                .series(Series.line("honest mining: revenue = alpha", grid, grid));
        for (double g : sweep ? SWEEP_GAMMAS : new double[] {gamma}) {
            List<Result> line = results.stream().filter(r -> r.gamma() == g).toList();
            chart.series(Series.markers("simulated gamma=" + g, line.stream().mapToDouble(Result::poolShare).toArray(),
                    line.stream().mapToDouble(Result::poolRevenueShare).toArray())
                    .withErrorBars(line.stream().mapToDouble(Result::ci99Low).toArray(),
                            line.stream().mapToDouble(Result::ci99High).toArray()));
            double gr = line.stream().mapToDouble(Result::gammaRealised).average().orElse(g);
            chart.series(Series.line("Eyal-Sirer gamma=" + round2(gr),
                    grid, java.util.Arrays.stream(grid).map(a -> Literature.selfishMiningRevenue(a, gr)).toArray()));
        }
        report.addChart(chart.build());
        report.setExplanation("Points: the pool's share of the blocks on the final main chain, with a 99% interval from batch "
                + "means; lines: Eyal and Sirer's closed form (2014, equation 8) at the gamma the network realised (the share of "
                + "honest blocks found during a race that built on the pool's block), and the honest line revenue = alpha. Above "
                + "the threshold (1 - gamma)/(3 - 2 gamma) the pool earns more than its share by wasting honest work: the stale "
                + "rate column counts the blocks it orphaned and its own lost races.");
        return report;
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
