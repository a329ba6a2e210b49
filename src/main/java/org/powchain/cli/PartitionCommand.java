package org.powchain.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.powchain.sim.PartitionScenario;
import org.powchain.sim.report.Chart;
import org.powchain.sim.report.Chart.Series;
import org.powchain.sim.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code powchain simulate partition}: a network split in two that heals (docs/concepts/fork-choice.md). */
@Command(name = "partition", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Two groups mine apart, then reconnect: every node reorganises to the branch with the most work and "
                + "the losing branch's transactions go back to the mempools (docs/concepts/fork-choice.md).")
final class PartitionCommand extends SimulateCommand.Scenario {
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

    @Override
    Integer simulate() throws IOException {
        PartitionScenario.Options o = new PartitionScenario.Options(nodes, split, healAfter, blocks, interval, latencyMs,
                blockTxs, bootNodes, common.difficulty, common.seed);
        PartitionScenario.Result r = SimulateCommand.runAll("partition", List.of(o), blocks, PartitionScenario::run).get(0);
        Report report = new Report("partition", SimulateCommand.params("nodes", nodes, "split", split, "heal after (s)", healAfter,
                "blocks", blocks, "block interval (s)", interval, "latency (ms)", latencyMs, "block txs", blockTxs,
                "boot nodes", bootNodes, "difficulty (bits)", common.difficulty, "seed", common.seed));
        Map<String, Object> json = r.toJson();
        List<String> cols = List.copyOf(json.keySet());
        report.addTable("partition", cols, SimulateCommand.rows(List.of(json), cols));
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
        return common.finish(json, report, r.finalChain());
    }
}
