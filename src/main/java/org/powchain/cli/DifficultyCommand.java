package org.powchain.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.powchain.sim.DifficultyScenario;
import org.powchain.sim.report.Chart;
import org.powchain.sim.report.Chart.Series;
import org.powchain.sim.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code powchain simulate difficulty}: the retarget following a change of hashrate (docs/concepts/difficulty.md). */
@Command(name = "difficulty", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The network's hashrate multiplies by F at block K: the block interval jumps, then the retarget "
                + "(every 10 blocks toward 5 s, at most x4) brings it back (docs/concepts/difficulty.md).")
final class DifficultyCommand extends SimulateCommand.Scenario {
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

    @Override
    Integer simulate() throws IOException {
        DifficultyScenario.Options o = new DifficultyScenario.Options(nodes, factor, atBlock, blocks, latencyMs,
                common.difficulty, common.seed);
        DifficultyScenario.Result r = SimulateCommand.runAll("difficulty", List.of(o), blocks, DifficultyScenario::run).get(0);
        Report report = new Report("difficulty", SimulateCommand.params("nodes", nodes, "hashrate change", factor,
                "at block", atBlock, "blocks", blocks, "latency (ms)", latencyMs, "starting difficulty (bits)", common.difficulty,
                "retarget", "every " + r.retargetInterval() + " blocks toward " + r.targetIntervalSeconds() + " s", "seed", common.seed));
        List<Map<String, Object>> windows = r.windows().stream().map(DifficultyScenario.Window::toJson).toList();
        List<String> cols = List.of("window", "firstHeight", "blocks", "meanIntervalSeconds", "difficulty", "bitsHex", "hashrateFactor");
        report.addTable("windows", cols, SimulateCommand.rows(windows, cols));
        double[] first = r.windows().stream().mapToDouble(DifficultyScenario.Window::firstHeight).toArray();
        report.addChart(Chart.builder("interval").title("Mean block interval per retarget window")
                .xLabel("height").yLabel("seconds")
                .series(Series.line("mean interval", first, r.windows().stream().mapToDouble(DifficultyScenario.Window::meanIntervalSeconds).toArray())
                        .withStyle(Chart.Style.LINE_AND_MARKERS))
                .series(Series.line("target", new double[] {first[0], first[first.length - 1]},
                        new double[] {r.targetIntervalSeconds(), r.targetIntervalSeconds()}))
                .build());
        report.addChart(Chart.builder("difficulty").title("Difficulty and hashrate per retarget window")
                .xLabel("height").yLabel("leading zero bits / log2(hashrate factor)")
                .series(Series.line("difficulty (bits)", first, r.windows().stream().mapToDouble(DifficultyScenario.Window::difficulty).toArray())
                        .withStyle(Chart.Style.LINE_AND_MARKERS))
                .series(Series.line("starting bits + log2(hashrate factor)", first, r.windows().stream()
                        .mapToDouble(w -> common.difficulty + Math.log(w.hashrateFactor()) / Math.log(2)).toArray()))
                .build());
        report.setExplanation("Blocks come every 5 seconds on average while the hashrate matches the difficulty. When the "
                + "hashrate is multiplied by F, blocks come F times faster until the next retarget, which measures the last "
                + "window's time and moves the target by that ratio (at most 4 times). Difficulty then tracks the hashrate, one "
                + "window behind: each step of log2(F) in the hashrate line is followed by the same step in difficulty. "
                + "A window of 10 exponential intervals is noisy (its mean has a relative spread of about 1/sqrt(10)), so the "
                + "difficulty wobbles around its level even at constant hashrate.");
        return common.finish(r.toJson(), report, r.finalChain());
    }
}
