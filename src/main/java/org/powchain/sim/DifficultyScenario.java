package org.powchain.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.powchain.chain.BlockNode;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Target;
import org.powchain.sim.report.Chart;
import org.powchain.sim.report.Chart.Series;
import org.powchain.sim.report.Report;
import picocli.CommandLine.Option;

/**
 * {@code powchain simulate difficulty}: difficulty follows hashrate, with a lag. Honest miners
 * find blocks every 5 seconds at the genesis difficulty; from block K on, the network's total
 * hashrate is F times as large. Blocks then come about F times as fast until the next retarget
 * sees the short window and raises the target's work by about F (clamped at 4× a step), after
 * which the interval returns to the target. Difficulty is not pinned here: the nodes run the real
 * retarget rule ({@code consensus/Difficulty}). See docs/concepts/difficulty.md.
 *
 * <p>The difficulty never falls below genesis (the node's floor), so with F &lt; 1 the blocks
 * simply come slower: what the chart shows then is the floor, not a retarget.
 *
 * <p>An exported chain starts from a genesis at {@code difficultyBits}: a real node accepts it
 * only when started with the same genesis bits.
 */
public final class DifficultyScenario extends Scenario<Scenario.Single, DifficultyScenario.Result> {
    /**
     * @param hashrateChange the factor F the total hashrate is multiplied by
     * @param atBlock        K: the block at height K is the first mined at the new hashrate
     * @param difficultyBits leading zero bits of genesis, where difficulty starts and its floor
     */
    public record Options(int nodes, double hashrateChange, int atBlock, int blocks, double latencyMs, int difficultyBits,
                          long seed) {
        public Options {
            NetworkScenario.check(nodes >= 1, "--nodes must be >= 1: got " + nodes);
            NetworkScenario.check(hashrateChange > 0 && Double.isFinite(hashrateChange),
                    "--hashrate-change must be a finite factor > 0: got " + hashrateChange);
            NetworkScenario.check(blocks >= 1, "--blocks must be >= 1: got " + blocks);
            NetworkScenario.check(atBlock >= 1 && atBlock <= blocks, "--at-block must be in 1..--blocks (" + blocks + "): got "
                    + atBlock);
            NetworkScenario.check(latencyMs >= 0 && Double.isFinite(latencyMs), "--latency-ms must be >= 0: got " + latencyMs);
            NetworkScenario.check(difficultyBits >= 1 && difficultyBits <= 32, "--difficulty must be 1..32 bits: got "
                    + difficultyBits);
        }
    }

    /**
     * One retarget window of the final main chain: the blocks that carry the same bits.
     *
     * @param meanIntervalSeconds the mean gap before each of its blocks, from block timestamps
     * @param difficulty          leading zero bits of its target ({@link Target#leadingZeroBits})
     * @param bits                its compact target
     * @param hashrateFactor      the hashrate (relative to the start) over the window's time, time-weighted
     */
    @JsonPropertyOrder({"window", "firstHeight", "blocks", "meanIntervalSeconds", "difficulty", "bits", "bitsHex",
            "hashrateFactor"})
    public record Window(@JsonProperty("window") int index, int firstHeight, int blocks, double meanIntervalSeconds,
                         double difficulty, int bits, double hashrateFactor) {
        @JsonProperty("bitsHex")
        String bitsHex() {
            return String.format("%08x", bits);
        }

        /** This window as the JSON object it is written as. */
        public Map<String, Object> toJson() {
            return JSON.convertValue(this, ScenarioResult.MAP);
        }
    }

    @JsonPropertyOrder({"hashrateChange", "atBlock", "targetIntervalSeconds", "retargetInterval", "windows", "blocksMined",
            "mainChainBlocks", "wallSeconds"})
    public record Result(double hashrateChange, int atBlock, double targetIntervalSeconds, int retargetInterval,
                         List<Window> windows, long blocksMined, long mainChainBlocks, double wallSeconds,
                         List<org.powchain.core.Block> finalChain) implements ScenarioResult {
        public Result {
            windows = List.copyOf(windows);
        }
    }

    /**
     * The node's default consensus rules (retarget every 10 blocks toward 5 s), starting from
     * {@code difficultyBits}, in the task's ledger model.
     */
    public static ConsensusParams params(int difficultyBits) {
        return NetworkConditions.params().withGenesisBits(Target.bitsForLeadingZeros(difficultyBits));
    }

    public static Result run(Options o, LongConsumer progress) {
        long started = System.nanoTime(); // wall time, reported, never used in the simulation
        ConsensusParams params = params(o.difficultyBits());
        // the starting hashrate finds genesis-difficulty blocks at the target interval
        Simulation sim = new Simulation(params, o.seed(), params.targetBlockMillis());
        sim.onProgress(progress);
        for (int i = 0; i < o.nodes(); i++) {
            sim.addNode(8, 0);
        }
        List<SimNode> nodes = sim.nodes();
        sim.connectRandomly(nodes, nodes, Math.min(4, o.nodes() - 1));
        sim.randomLatency(o.latencyMs());
        double[] shares = sim.randomShares(o.nodes());
        for (SimNode n : nodes) {
            sim.addMiner(n, shares[n.index()], HashPower.submitTo(n));
        }
        sim.settle(5_000); // hellos: peers become reachable before the first block
        long start = sim.scheduler().millis();

        sim.mineBlocks(o.atBlock() - 1, 0);
        long changedAt = sim.scheduler().millis();
        sim.scaleHashrate(o.hashrateChange());
        sim.mineBlocks(o.blocks() - (o.atBlock() - 1), 30_000);

        List<Window> windows = windows(nodes.get(0).queries().tipNode(), params.retargetInterval(), start, changedAt,
                o.hashrateChange());
        return new Result(o.hashrateChange(), o.atBlock(), params.targetBlockMillis() / 1_000.0, params.retargetInterval(),
                windows, sim.mined().size(), nodes.get(0).queries().height(),
                NetworkScenario.round((System.nanoTime() - started) / 1e9), Simulation.mainChainBlocks(nodes.get(0)));
    }

    /**
     * Cuts the main chain ending at {@code tip} into retarget windows (heights {@code w*interval}
     * to {@code w*interval + interval - 1}; window 0 starts at 1, genesis has no gap before it).
     * Mining started at {@code start}; the hashrate was multiplied by {@code factor} at {@code changedAt}.
     */
    static List<Window> windows(BlockNode tip, int interval, long start, long changedAt, double factor) {
        List<BlockNode> chain = new ArrayList<>();
        for (BlockNode b = tip; b != null; b = b.parent()) {
            chain.add(0, b);
        }
        List<Window> out = new ArrayList<>();
        for (int w = 0; w * interval < chain.size(); w++) {
            int first = Math.max(1, w * interval);
            int last = Math.min(chain.size() - 1, w * interval + interval - 1);
            if (last < first) {
                break;
            }
            // genesis's timestamp is fixed long before the run: window 0's clock starts when mining does
            long from = first == 1 ? Math.max(start, chain.get(0).header().timestamp()) : chain.get(first - 1).header().timestamp();
            long to = chain.get(last).header().timestamp();
            int n = last - first + 1;
            int bits = chain.get(first).header().bits();
            out.add(new Window(w, first, n, NetworkScenario.round((to - from) / 1_000.0 / n),
                    NetworkScenario.round(Target.leadingZeroBits(bits)), bits,
                    NetworkScenario.round(timeWeighted(factor, changedAt, from, to))));
        }
        return out;
    }

    /** The mean over [from, to] of a hashrate that is 1 before {@code changedAt} and {@code factor} after. */
    private static double timeWeighted(double factor, long changedAt, long from, long to) {
        if (to <= from) {
            return to < changedAt ? 1 : factor;
        }
        long before = Math.max(0, Math.min(to, changedAt) - from);
        return (before + (to - from - before) * factor) / (to - from);
    }

    // ---- powchain simulate difficulty: its flags and its report ----

    @Option(names = "--nodes", defaultValue = "10", description = "miners (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--hashrate-change", paramLabel = "F", defaultValue = "4", description = "factor the hashrate is multiplied by (default ${DEFAULT-VALUE})")
    double factor;

    @Option(names = "--at-block", paramLabel = "K", defaultValue = "50", description = "the first block mined at the new hashrate (default ${DEFAULT-VALUE})")
    int atBlock;

    @Option(names = "--blocks", defaultValue = "150", description = "blocks to mine (default ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--latency-ms", defaultValue = "50", description = "mean one-way latency of a link (default ${DEFAULT-VALUE})")
    double latencyMs;

    public DifficultyScenario() {
        super("difficulty",
                "The network's hashrate multiplies by F at block K: the block interval jumps, then the retarget "
                        + "(every 10 blocks toward 5 s, at most x4) brings it back (docs/concepts/difficulty.md).");
    }

    @Override
    public List<Single> points() {
        return List.of(Single.RUN);
    }

    @Override
    public long unitsPerTask() {
        return blocks;
    }

    @Override
    public Result run(Single point, Settings s, LongConsumer progress) {
        return run(new Options(nodes, factor, atBlock, blocks, latencyMs, s.difficultyBits(), s.seed()), progress);
    }

    @Override
    protected void check(Single point, Settings s) {
        new Options(nodes, factor, atBlock, blocks, latencyMs, s.difficultyBits(), s.seed());
    }

    @Override
    public Report report(Settings s, List<Single> points, List<Result> results) {
        Result r = results.get(0);
        Report report = new Report("difficulty", parameters("nodes", nodes, "hashrate change", factor,
                "at block", atBlock, "blocks", blocks, "latency (ms)", latencyMs, "starting difficulty (bits)", s.difficultyBits(),
                "retarget", "every " + r.retargetInterval() + " blocks toward " + r.targetIntervalSeconds() + " s", "seed", s.seed()));
        List<String> cols = List.of("window", "firstHeight", "blocks", "meanIntervalSeconds", "difficulty", "bitsHex", "hashrateFactor");
        report.addTable("windows", cols, rows(r.windows().stream().map(Window::toJson).toList(), cols));
        double[] first = r.windows().stream().mapToDouble(Window::firstHeight).toArray();
        report.addChart(Chart.builder("interval").title("Mean block interval per retarget window")
                .xLabel("height").yLabel("seconds")
                .series(Series.line("mean interval", first, r.windows().stream().mapToDouble(Window::meanIntervalSeconds).toArray())
                        .withStyle(Chart.Style.LINE_AND_MARKERS))
                .series(Series.line("target", new double[] {first[0], first[first.length - 1]},
                        new double[] {r.targetIntervalSeconds(), r.targetIntervalSeconds()}))
                .build());
        report.addChart(Chart.builder("difficulty").title("Difficulty and hashrate per retarget window")
                .xLabel("height").yLabel("leading zero bits / log2(hashrate factor)")
                .series(Series.line("difficulty (bits)", first, r.windows().stream().mapToDouble(Window::difficulty).toArray())
                        .withStyle(Chart.Style.LINE_AND_MARKERS))
                .series(Series.line("starting bits + log2(hashrate factor)", first, r.windows().stream()
                        .mapToDouble(w -> s.difficultyBits() + Math.log(w.hashrateFactor()) / Math.log(2)).toArray()))
                .build());
        report.setExplanation("Blocks come every 5 seconds on average while the hashrate matches the difficulty. When the "
                + "hashrate is multiplied by F, blocks come F times faster until the next retarget, which measures the last "
                + "window's time and moves the target by that ratio (at most 4 times). Difficulty then tracks the hashrate, one "
                + "window behind: each step of log2(F) in the hashrate line is followed by the same step in difficulty. "
                + "A window of 10 exponential intervals is noisy (its mean has a relative spread of about 1/sqrt(10)), so the "
                + "difficulty wobbles around its level even at constant hashrate.");
        return report;
    }
}
