package org.powchain.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.powchain.core.Block;
import org.powchain.p2p.WireFormat;
import org.powchain.sim.Scenario;
import org.powchain.sim.ScenarioResult;
import org.powchain.sim.Scenarios;
import org.powchain.sim.report.Progress;
import org.powchain.sim.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code powchain simulate ...}: the node's own classes on many nodes in virtual time (package
 * {@code sim}), reproducing results from the literature. One subcommand per {@link Scenarios#all()}:
 * each prints a summary, or one JSON object with {@code --json}; {@code --out DIR} adds CSV tables,
 * PNG charts and report.html.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true)
final class SimulateCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("choose a scenario: powchain simulate " + String.join(" | ", names()) + "   (--help on each)");
    }

    private static List<String> names() {
        return Scenarios.all().stream().map(Scenario::name).toList();
    }

    /** Adds a subcommand per scenario to {@code simulate}, and names them in its help. */
    static void addScenarios(CommandLine simulate) {
        simulate.getCommandSpec().usageMessage().description(
                "Run many nodes in virtual time and reproduce published results (docs/concepts/).",
                "Scenarios: " + String.join(", ", names()) + ". --help on each.");
        for (Scenario<?, ?> s : Scenarios.all()) {
            CommandSpec spec = CommandSpec.forAnnotatedObject(new ScenarioCommand(s));
            spec.usageMessage().description(s.description());
            spec.addMixin("scenario", CommandSpec.forAnnotatedObject(s));
            spec.mixinStandardHelpOptions(true); // last, so --help and --version close the list as on every command
            simulate.addSubcommand(s.name(), new CommandLine(spec));
        }
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
        Scenario.Settings prepare() {
            quietLogs();
            if (difficulty < 1 || difficulty > 24) {
                throw new IllegalArgumentException("--difficulty must be 1..24 bits: a simulated block's nonce is searched for real");
            }
            return new Scenario.Settings(difficulty, seed);
        }

        /** Prints the result (JSON or summary), writes the report and the chain where asked. */
        int finish(Object result, Report report, List<Block> chain) throws IOException {
            if (json) {
                System.out.println(Scenario.JSON.writeValueAsString(result));
            } else {
                Map<String, Object> fields = Scenario.JSON.convertValue(result, ScenarioResult.MAP);
                fields.forEach((k, v) -> System.out.println(k + ": " + (v instanceof Map || v instanceof List ? jsonOf(v) : v)));
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

    /** {@code powchain simulate NAME}: any scenario, its flags mixed in from the scenario itself. */
    @Command(sortOptions = false)
    static final class ScenarioCommand implements Callable<Integer> {
        @Mixin Common common;
        @Spec CommandSpec spec;
        private final Scenario<?, ?> scenario;

        ScenarioCommand(Scenario<?, ?> scenario) {
            this.scenario = scenario;
        }

        @Override
        public Integer call() throws IOException {
            try {
                return simulate(scenario, common.prepare());
            } catch (IllegalArgumentException e) { // options out of range: a message and the usage, not a stack trace
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        /** Runs every point under one progress bar, then prints and writes what came out. */
        private <P, R extends ScenarioResult> int simulate(Scenario<P, R> s, Scenario.Settings settings) throws IOException {
            List<P> points = s.points();
            long units = s.unitsPerPoint();
            List<R> results = new ArrayList<>();
            try (Progress p = Progress.start(s.name(), points.size() * units)) {
                for (int i = 0; i < points.size(); i++) {
                    long base = i * units;
                    results.add(s.run(points.get(i), settings, n -> p.stepTo(base + n)));
                }
            }
            return common.finish(s.json(points, results), s.report(settings, points, results), s.chain(results));
        }
    }

    static String jsonOf(Object v) {
        try {
            return Scenario.JSON.writeValueAsString(v);
        } catch (IOException e) {
            return String.valueOf(v);
        }
    }
}
