package org.powchain.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.powchain.chain.BlockNode;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Target;

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
public final class DifficultyScenario {
    /**
     * @param hashrateChange the factor F the total hashrate is multiplied by
     * @param atBlock        K: the block at height K is the first mined at the new hashrate
     * @param difficultyBits leading zero bits of genesis, where difficulty starts and its floor
     */
    public record Options(int nodes, double hashrateChange, int atBlock, int blocks, double latencyMs, int difficultyBits,
                          long seed) {
        public Options {
            if (nodes < 1 || !(hashrateChange > 0) || Double.isInfinite(hashrateChange) || atBlock < 1 || blocks < atBlock
                    || latencyMs < 0 || difficultyBits < 1 || difficultyBits > 32) {
                throw new IllegalArgumentException("nodes >= 1, a positive finite hashrate-change, 1 <= at-block <= blocks, "
                        + "latency not negative, difficulty 1..32 bits");
            }
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
    public record Window(int index, int firstHeight, int blocks, double meanIntervalSeconds, double difficulty, int bits,
                         double hashrateFactor) {
        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("window", index);
            out.put("firstHeight", firstHeight);
            out.put("blocks", blocks);
            out.put("meanIntervalSeconds", meanIntervalSeconds);
            out.put("difficulty", difficulty);
            out.put("bits", bits);
            out.put("bitsHex", String.format("%08x", bits));
            out.put("hashrateFactor", hashrateFactor);
            return out;
        }
    }

    public record Result(double hashrateChange, int atBlock, double targetIntervalSeconds, int retargetInterval,
                         List<Window> windows, long blocksMined, long mainChainBlocks, double wallSeconds,
                         List<org.powchain.core.Block> finalChain) {
        public Result {
            windows = List.copyOf(windows);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hashrateChange", hashrateChange);
            out.put("atBlock", atBlock);
            out.put("targetIntervalSeconds", targetIntervalSeconds);
            out.put("retargetInterval", retargetInterval);
            out.put("windows", windows.stream().map(Window::toJson).toList());
            out.put("blocksMined", blocksMined);
            out.put("mainChainBlocks", mainChainBlocks);
            out.put("wallSeconds", wallSeconds);
            return out;
        }
    }

    private DifficultyScenario() {}

    /** The node's default consensus rules (retarget every 10 blocks toward 5 s), starting from {@code difficultyBits}. */
    public static ConsensusParams params(int difficultyBits) {
        return ConsensusParams.defaults().withGenesisBits(Target.bitsForLeadingZeros(difficultyBits));
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
}
