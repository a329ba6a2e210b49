package org.powchain.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.powchain.chain.BlockNode;
import org.powchain.chain.ChainListener;
import org.powchain.chain.TipChange;
import org.powchain.core.Block;
import org.powchain.core.Hash;

/**
 * {@code powchain simulate network}: honest miners of random hashrate on a random peer graph with
 * latency and bandwidth. What it shows: a block takes time to reach everyone, and a block found
 * elsewhere meanwhile makes a fork that one side loses, its block going stale (Decker and
 * Wattenhofer 2013; Gervais et al. 2016). The faster blocks come compared with that time, the more
 * go stale. See docs/concepts/propagation-and-forks.md.
 */
public final class NetworkScenario {
    public record Options(int nodes, int peers, double blockIntervalSeconds, int blocks, double latencyMs,
                          double bandwidthMbps, int blockTxs, int difficultyBits, long seed) {
        public Options {
            if (nodes < 2 || peers < 1 || blocks < 1 || blockIntervalSeconds <= 0 || latencyMs < 0 || bandwidthMbps < 0
                    || blockTxs < 0) {
                throw new IllegalArgumentException("nodes >= 2, peers >= 1, blocks >= 1, a positive interval, "
                        + "latency, bandwidth and block-txs not negative");
            }
        }
    }

    /** What a run measured; {@code events} (the scheduler's, for {@code bench simulate}) is not part of the JSON. */
    public record Result(double staleRate, double propagationP50Ms, double propagationP90Ms, Map<Integer, Integer> reorgDepths,
                         long blocksMined, long mainChainBlocks, long messages, double wallSeconds,
                         List<Block> finalChain, long events) {
        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("staleRate", staleRate);
            Map<String, Object> propagation = new LinkedHashMap<>(); // ordered: output is byte-identical run to run
            propagation.put("p50", propagationP50Ms);
            propagation.put("p90", propagationP90Ms);
            out.put("propagationMs", propagation);
            Map<String, Integer> depths = new LinkedHashMap<>();
            reorgDepths.forEach((d, n) -> depths.put(String.valueOf(d), n));
            out.put("reorgDepths", depths);
            out.put("blocksMined", blocksMined);
            out.put("mainChainBlocks", mainChainBlocks);
            out.put("messages", messages);
            out.put("wallSeconds", wallSeconds);
            return out;
        }
    }

    private NetworkScenario() {}

    public static Result run(Options o, java.util.function.LongConsumer progress) {
        long started = System.nanoTime(); // wall time, reported, never used in the simulation
        Simulation sim = new Simulation(Simulation.pinned(o.difficultyBits()), o.seed(), o.blockIntervalSeconds() * 1_000);
        sim.onProgress(progress);
        for (int i = 0; i < o.nodes(); i++) {
            sim.addNode(o.peers(), o.bandwidthMbps());
        }
        List<SimNode> nodes = sim.nodes();
        sim.connectRandomly(nodes, nodes, o.peers());
        sim.randomLatency(o.latencyMs());

        Map<Hash, long[]> arrivals = new HashMap<>(); // hash -> {mined at, nodes that have it, reached 50%, reached 90%}
        TreeMap<Integer, Integer> reorgs = new TreeMap<>();
        int half = (o.nodes() + 1) / 2;
        int ninety = (int) Math.ceil(o.nodes() * 0.9);
        for (SimNode n : nodes) {
            n.chain().addListener(new ChainListener() {
                @Override
                public void blockStored(Block block, BlockNode node) {
                    long[] a = arrivals.get(block.hash());
                    if (a == null) {
                        return;
                    }
                    a[1]++;
                    long t = sim.scheduler().micros() - a[0];
                    if (a[1] == half) {
                        a[2] = t;
                    }
                    if (a[1] == ninety) {
                        a[3] = t;
                    }
                }

                @Override
                public void tipChanged(TipChange change) {
                    if (change.isReorg()) {
                        reorgs.merge(change.disconnected().size(), 1, Integer::sum);
                    }
                }
            });
        }
        double[] shares = sim.randomShares(o.nodes());
        for (SimNode n : nodes) {
            sim.addMiner(n, shares[n.index()], block -> {
                arrivals.put(block.hash(), new long[] {sim.scheduler().micros(), 0, -1, -1});
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
        for (Simulation.Mined m : sim.mined()) {
            long[] a = arrivals.get(m.hash());
            if (a[2] >= 0) {
                to50.add(a[2]);
            }
            if (a[3] >= 0) {
                to90.add(a[3]);
            }
        }
        return new Result(round((double) stale / sim.mined().size()), median(to50) / 1_000.0, median(to90) / 1_000.0,
                reorgs, sim.mined().size(), main.size(), sim.network().messages(), round((System.nanoTime() - started) / 1e9),
                Simulation.mainChainBlocks(nodes.get(0)), sim.scheduler().executed());
    }

    static double median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
