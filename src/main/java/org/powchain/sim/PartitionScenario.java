package org.powchain.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.powchain.chain.BlockNode;
import org.powchain.chain.ChainListener;
import org.powchain.chain.TipChange;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.sim.report.Chart;
import org.powchain.sim.report.Chart.Series;
import org.powchain.sim.report.Report;
import picocli.CommandLine.Option;

/**
 * {@code powchain simulate partition}: the network splits in two; each group goes on mining its
 * own branch and confirming its own users' transactions. When the link comes back, every node
 * moves to the branch with the most cumulative work (the side with more hashrate, almost surely),
 * undoing the other side's blocks in a reorg, and the transactions those blocks carried go back to
 * the mempools to be mined again. See docs/concepts/fork-choice.md and docs/concepts/mempool.md.
 *
 * <p>Nothing here helps the nodes find each other again: after the heal they reconnect, or not,
 * by the real protocol (hellos on their backoff, peer gossip, periodic sync).
 */
public final class PartitionScenario extends Scenario<Scenario.Single, PartitionScenario.Result> {
    /** How long after mining stops the run waits for the nodes to agree before giving up. */
    static final long CONVERGE_LIMIT_MILLIS = 15 * 60_000;

    /**
     * @param split            the first group's fraction of the nodes and of the hashrate
     * @param healAfterSeconds virtual seconds the groups mine apart
     * @param blocks           mining goes on after the heal until this many blocks were mined in all
     * @param blockTxs         transactions sent per block interval on each side
     * @param bootNodes        how many {@code --boot-node}s each node is started with, picked among the
     *                         nodes started before it. With 0, a split longer than about half a minute
     *                         (less under traffic) never heals: each side drops the other's addresses as
     *                         unreachable, and gossip passes on only peers the sender has reached; a boot
     *                         node is kept and retried.
     */
    public record Options(int nodes, double split, double healAfterSeconds, int blocks, double blockIntervalSeconds,
                          double latencyMs, int blockTxs, int bootNodes, int difficultyBits, long seed) {
        public Options {
            NetworkScenario.check(nodes >= 2, "--nodes must be >= 2: got " + nodes);
            NetworkScenario.check(split > 0 && split < 1 && firstGroupSize(nodes, split) >= 1
                    && firstGroupSize(nodes, split) <= nodes - 1, "--split must be in (0, 1) and leave at least one of the "
                    + nodes + " nodes on each side (round(nodes x split) in 1.." + (nodes - 1) + "): got " + split);
            NetworkScenario.check(healAfterSeconds > 0 && Double.isFinite(healAfterSeconds),
                    "--heal-after must be > 0 seconds: got " + healAfterSeconds);
            NetworkScenario.check(blocks >= 1, "--blocks must be >= 1: got " + blocks);
            NetworkScenario.check(blockIntervalSeconds > 0 && Double.isFinite(blockIntervalSeconds),
                    "--block-interval must be > 0 seconds: got " + blockIntervalSeconds);
            NetworkScenario.check(latencyMs >= 0 && Double.isFinite(latencyMs), "--latency-ms must be >= 0: got " + latencyMs);
            NetworkScenario.check(blockTxs >= 0, "--block-txs must be >= 0: got " + blockTxs);
            NetworkScenario.check(bootNodes >= 0, "--boot-nodes must be >= 0: got " + bootNodes);
        }
    }

    /**
     * @param reorgDepth           the deepest reorg any node made from the heal until all agreed
     * @param losingBranchTxs      distinct transactions in blocks those reorgs undid (and the new branch lacked)
     * @param txsReturnedToMempool of those, how many are mined again or waiting in the winning side's mempools at the end
     * @param convergeSeconds      virtual seconds from the heal until every node had the same tip; NaN if they never did
     * @param mostWorkGroupAtHeal  the group (0 or 1) whose best tip had more chain work when the link came back; -1 if equal
     * @param winningGroup         the group whose tip at the heal the final main chain extends; -1 if neither
     * @param blocksMinedApart     blocks mined by each group while apart
     * @param agreeOnMostWorkTip   at the end every node has the same tip, and none knows a block with more work
     */
    @JsonPropertyOrder({"reorgDepth", "losingBranchTxs", "txsReturnedToMempool", "converged", "convergeSeconds",
            "mostWorkGroupAtHeal", "winningGroup", "blocksMinedApart", "agreeOnMostWorkTip", "blocksMined", "mainChainBlocks",
            "wallSeconds"})
    public record Result(int reorgDepth, long losingBranchTxs, long txsReturnedToMempool, @JsonIgnore double convergeSeconds,
                         int mostWorkGroupAtHeal, int winningGroup, List<Integer> blocksMinedApart,
                         boolean agreeOnMostWorkTip, long blocksMined,
                         long mainChainBlocks, double wallSeconds,
                         List<org.powchain.core.Block> finalChain) implements ScenarioResult {
        public Result {
            blocksMinedApart = List.copyOf(blocksMinedApart);
        }

        @JsonProperty("converged")
        public boolean converged() {
            return !Double.isNaN(convergeSeconds);
        }

        /** In the JSON, null when the nodes never agreed. */
        @JsonProperty("convergeSeconds")
        Double convergeSecondsIfConverged() {
            return converged() ? convergeSeconds : null;
        }
    }

    static int firstGroupSize(int nodes, double split) {
        return (int) Math.round(nodes * split);
    }

    public static Result run(Options o, LongConsumer progress) {
        long started = System.nanoTime(); // wall time, reported, never used in the simulation
        Simulation sim = new Simulation(Simulation.pinned(o.difficultyBits()), o.seed(), o.blockIntervalSeconds() * 1_000);
        sim.onProgress(progress);
        int firstSize = firstGroupSize(o.nodes(), o.split());
        int[] groups = new int[o.nodes()];
        SplittableRandom bootChoice = new SplittableRandom(sim.nextSeed());
        for (int i = 0; i < o.nodes(); i++) {
            // as nodes join a real network: each is told of some that are already up
            List<SimNode> earlier = new ArrayList<>(sim.nodes());
            List<SimNode> boot = new ArrayList<>();
            while (boot.size() < Math.min(o.bootNodes(), earlier.size())) {
                boot.add(earlier.remove(bootChoice.nextInt(earlier.size())));
            }
            sim.addNode(8, 0, boot);
            groups[i] = i < firstSize ? 0 : 1;
        }
        List<SimNode> nodes = sim.nodes();
        List<List<SimNode>> sides = List.of(nodes.subList(0, firstSize), nodes.subList(firstSize, o.nodes()));
        sim.connectRandomly(nodes, nodes, Math.min(4, o.nodes() - 1));
        sim.randomLatency(o.latencyMs());
        for (int g = 0; g < 2; g++) {
            double groupShare = g == 0 ? o.split() : 1 - o.split();
            double[] shares = sim.randomShares(sides.get(g).size());
            for (int i = 0; i < shares.length; i++) {
                SimNode n = sides.get(g).get(i);
                sim.addMiner(n, groupShare * shares[i], HashPower.submitTo(n));
            }
        }
        // each side's users spend from their own account, so neither side's payments conflict with the other's
        List<TransactionLoad> users = o.blockTxs() == 0 ? List.of() : List.of(
                new TransactionLoad(sim, o.blockTxs(), o.blockIntervalSeconds(), sides.get(0), List.of(Keys.demo("A")),
                        List.of(Keys.demo("B"))),
                new TransactionLoad(sim, o.blockTxs(), o.blockIntervalSeconds(), sides.get(1), List.of(Keys.demo("B")),
                        List.of(Keys.demo("A"))));

        Watch watch = new Watch(sim);
        sim.settle(5_000); // hellos: every node has its peers, on both sides, before the split
        users.forEach(TransactionLoad::start);

        sim.network().partition(groups);
        sim.miners().forEach(HashPower::resume);
        int minedBefore = sim.mined().size();
        sim.scheduler().runTo(sim.scheduler().micros() + (long) (o.healAfterSeconds() * 1e6));
        int[] apart = new int[2];
        sim.mined().subList(minedBefore, sim.mined().size()).forEach(m -> apart[groups[m.miner()]]++);
        BlockNode[] healTips = {bestTip(sides.get(0)), bestTip(sides.get(1))};
        int cmp = healTips[1].chainWork().compareTo(healTips[0].chainWork());
        int mostWork = cmp > 0 ? 1 : cmp < 0 ? 0 : -1; // a tie is broken by which branch each node saw first

        sim.network().heal();
        watch.healed();
        int left = o.blocks() - sim.mined().size();
        if (left > 0) {
            sim.mineBlocks(left, 0);
        }
        users.forEach(TransactionLoad::stop);
        sim.settle(0);
        long limit = sim.scheduler().micros() + CONVERGE_LIMIT_MILLIS * 1_000;
        sim.scheduler().runUntil(() -> watch.convergedAt >= 0 && allSameTip(nodes) || sim.scheduler().micros() > limit);

        BlockNode finalTip = nodes.get(0).queries().tipNode();
        int winner = -1;
        for (int g = 0; g < 2; g++) {
            // a side that mined nothing apart still has the fork point as its tip: the longer extended branch is the winner
            boolean extended = finalTip.height() >= healTips[g].height()
                    && finalTip.ancestor(healTips[g].height()).hash().equals(healTips[g].hash());
            if (extended && (winner < 0 || healTips[g].height() > healTips[winner].height())) {
                winner = g;
            }
        }
        Set<Hash> returned = new HashSet<>();
        Set<Hash> finalMain = minedTxs(nodes.get(0));
        List<SimNode> winners = winner >= 0 ? sides.get(winner) : nodes;
        for (Hash tx : watch.losingTxs) {
            if (finalMain.contains(tx) || winners.stream().anyMatch(n -> n.mempool().get(tx).isPresent())) {
                returned.add(tx);
            }
        }
        double converge = watch.convergedAt < 0 ? Double.NaN
                : NetworkScenario.round((watch.convergedAt - watch.healedAt) / 1e6);
        return new Result(watch.deepest, watch.losingTxs.size(), returned.size(), converge, mostWork, winner,
                List.of(apart[0], apart[1]), agreeOnMostWorkTip(nodes), sim.mined().size(), finalTip.height(),
                NetworkScenario.round((System.nanoTime() - started) / 1e9), Simulation.mainChainBlocks(nodes.get(0)));
    }

    static boolean allSameTip(List<SimNode> nodes) {
        Hash tip = nodes.get(0).queries().tipNode().hash();
        return nodes.stream().allMatch(n -> n.queries().tipNode().hash().equals(tip));
    }

    static boolean agreeOnMostWorkTip(List<SimNode> nodes) {
        BlockNode tip = nodes.get(0).queries().tipNode();
        return allSameTip(nodes) && nodes.stream().flatMap(n -> n.queries().branchTips().stream())
                .noneMatch(b -> b.chainWork().compareTo(tip.chainWork()) > 0);
    }

    private static BlockNode bestTip(List<SimNode> side) {
        return side.stream().map(n -> n.queries().tipNode()).max(Comparator.comparing(BlockNode::chainWork)).orElseThrow();
    }

    /** Every transaction on {@code node}'s main chain. */
    private static Set<Hash> minedTxs(SimNode node) {
        Set<Hash> out = new HashSet<>();
        for (Block b : node.queries().blocks(0, Integer.MAX_VALUE)) {
            b.transactions().forEach(t -> out.add(t.id()));
        }
        return out;
    }

    /**
     * From the heal on, records every node's reorgs (their depth and the transactions they undid)
     * and the first moment all nodes have the same tip.
     */
    private static final class Watch implements ChainListener {
        private final Simulation sim;
        long healedAt = -1;
        long convergedAt = -1;
        int deepest;
        final Set<Hash> losingTxs = new LinkedHashSet<>();

        Watch(Simulation sim) {
            this.sim = sim;
            sim.nodes().forEach(n -> n.chain().addListener(this));
        }

        void healed() {
            healedAt = sim.scheduler().micros();
            check();
        }

        @Override
        public void tipChanged(TipChange change) {
            if (healedAt < 0 || convergedAt >= 0) {
                return;
            }
            if (change.isReorg()) {
                deepest = Math.max(deepest, change.disconnected().size());
                Set<Hash> kept = new HashSet<>();
                change.connected().forEach(b -> b.transactions().forEach(t -> kept.add(t.id())));
                for (Block b : change.disconnected()) {
                    b.transactions().stream().filter(t -> !t.isCoinbase() && !kept.contains(t.id()))
                            .forEach(t -> losingTxs.add(t.id()));
                }
            }
            check();
        }

        private void check() {
            if (convergedAt < 0 && allSameTip(sim.nodes())) {
                convergedAt = sim.scheduler().micros();
            }
        }
    }

    // ---- powchain simulate partition: its flags and its report ----

    @Option(names = "--nodes", defaultValue = "20", description = "nodes, each a miner (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--split", paramLabel = "FRACTION", defaultValue = "0.6",
            description = "share of the nodes, and of the hashrate, in the first group (default ${DEFAULT-VALUE})")
    double split;

    @Option(names = "--heal-after", paramLabel = "SECONDS", defaultValue = "60", description = "how long the groups are apart (default ${DEFAULT-VALUE})")
    double healAfter;

    @Option(names = "--blocks", defaultValue = "60", description = "blocks to mine in all (default ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--block-interval", paramLabel = "SECONDS", defaultValue = "2", description = "expected seconds between blocks (default ${DEFAULT-VALUE})")
    double interval;

    @Option(names = "--latency-ms", defaultValue = "50", description = "mean one-way latency of a link (default ${DEFAULT-VALUE})")
    double latencyMs;

    @Option(names = "--block-txs", defaultValue = "2", description = "transactions sent per block interval on each side (default ${DEFAULT-VALUE})")
    int blockTxs;

    @Option(names = "--boot-nodes", defaultValue = "1",
            description = "boot nodes each node starts with, as `--boot-node` does; with 0 a long split never heals "
                    + "(see docs/concepts/fork-choice.md) (default ${DEFAULT-VALUE})")
    int bootNodes;

    public PartitionScenario() {
        super("partition",
                "Two groups mine apart, then reconnect: every node reorganises to the branch with the most work and "
                        + "the losing branch's transactions go back to the mempools (docs/concepts/fork-choice.md).");
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
        return run(options(s), progress);
    }

    private Options options(Settings s) {
        return new Options(nodes, split, healAfter, blocks, interval, latencyMs, blockTxs, bootNodes, s.difficultyBits(), s.seed());
    }

    @Override
    protected void check(Single point, Settings s) {
        options(s);
    }

    @Override
    public Report report(Settings s, List<Single> points, List<Result> results) {
        Result r = results.get(0);
        Report report = new Report("partition", parameters("nodes", nodes, "split", split, "heal after (s)", healAfter,
                "blocks", blocks, "block interval (s)", interval, "latency (ms)", latencyMs, "block txs", blockTxs,
                "boot nodes", bootNodes, "difficulty (bits)", s.difficultyBits(), "seed", s.seed()));
        Map<String, Object> json = r.toJson();
        List<String> cols = List.copyOf(json.keySet());
        report.addTable("partition", cols, rows(List.of(json), cols));
        report.addChart(Chart.builder("blocks-apart").title("Blocks each group mined while apart")
                .xLabel("group").yLabel("blocks")
                .series(Series.markers("mined apart", new double[] {0, 1},
                        r.blocksMinedApart().stream().mapToDouble(Integer::doubleValue).toArray()))
                .build());
        report.setExplanation("While the network is split, each group extends its own branch. When the link comes back the "
                + "nodes exchange headers, see a branch with more work and reorganise to it: reorgDepth blocks are undone on the "
                + "losing side, and the transactions only those blocks carried go back to the mempools to be mined again. "
                + "Most work wins, not most blocks and not the larger group by itself: the group with more hashrate usually has "
                + "the more-work branch. convergeSeconds is the time from the heal until every node had the same tip.");
        return report;
    }
}
