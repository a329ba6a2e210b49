package org.powchain.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.Ledgers;
import org.powchain.core.Block;
import org.powchain.wire.WireFormat;
import java.util.Optional;
import org.powchain.sim.LatencyMatrix;
import org.powchain.sim.NetworkConditions;
import org.powchain.sim.Partial;
import org.powchain.sim.Scenario;
import org.powchain.sim.ScenarioResult;
import org.powchain.sim.ScenarioRunner;
import org.powchain.sim.Scenarios;
import org.powchain.sim.report.Progress;
import org.powchain.sim.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code powchain simulate ...}: the node's own classes on many nodes in virtual time (package
 * {@code sim}), reproducing results from the literature. One subcommand per {@link Scenarios#all()}:
 * each prints a summary, or one JSON object with {@code --json}; {@code --out DIR} adds CSV tables,
 * PNG charts and report.html.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true)
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "run the scenario a YAML file describes: `scenario: NAME` "
            + "and every other option by its name without dashes (docs/SIMULATION.md); options after FILE are added to it")
    Path config;

    @picocli.CommandLine.Unmatched
    List<String> more = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (config == null) {
            if (!more.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown options: " + more);
            }
            System.out.println("choose a scenario: powchain simulate " + String.join(" | ", names()) + "   (--help on each)");
            return 0;
        }
        List<String> args;
        try {
            args = RunConfig.read(config);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        args.addAll(more);
        CommandLine scenario = spec.commandLine().getSubcommands().get(args.get(0));
        if (scenario == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config " + config + ": scenario must be one of "
                    + names() + ": " + args.get(0));
        }
        scenario.setOverwrittenOptionsAllowed(true); // an option after FILE replaces the file's
        return scenario.execute(args.subList(1, args.size()).toArray(String[]::new));
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
            simulate.addSubcommand(s.name(), scenarioCommand(s));
        }
        simulate.addSubcommand("merge", new CommandLine(new Merge()));
    }

    /** {@code powchain simulate NAME}: the common options and the scenario's own. */
    static CommandLine scenarioCommand(Scenario<?, ?> s) {
        CommandSpec spec = CommandSpec.forAnnotatedObject(new ScenarioCommand(s));
        spec.usageMessage().description(s.description());
        spec.addMixin("scenario", CommandSpec.forAnnotatedObject(s));
        spec.mixinStandardHelpOptions(true); // last, so --help and --version close the list as on every command
        return new CommandLine(spec);
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

        @Option(names = "--workers", paramLabel = "N", description = "trials and sweep points run N at a time; the output "
                + "is the same for any N (default: all cores)")
        Integer workers;

        @Option(names = "--shard", paramLabel = "I/N", description = "run only slice I of N (0 <= I < N) of the trials and "
                + "sweep points, and write it to --out DIR for `simulate merge` (docs/SIMULATION.md)")
        String shard;

        @Option(names = "--target-ci", paramLabel = "W", description = "keep adding trials (or runs) until each point's "
                + "99%% interval is narrower than +/- W (double-spend: the success rate; selfish-mining: the revenue; network: "
                + "the stale rate)")
        Double targetCi;

        @Option(names = "--save-tasks", paramLabel = "FILE", description = "also write every task's result to FILE, as the "
                + "one shard of a run, so `simulate merge FILE` remakes the report later (a newer chart, say) without running it again")
        Path saveTasks;

        @Option(names = "--latency-matrix", paramLabel = "FILE", description = "nodes in regions and the one-way latency "
                + "between regions, in ms, instead of one mean latency (format: docs/SIMULATION.md, \"Network conditions\")")
        Path latencyMatrix;

        @Option(names = "--loss", paramLabel = "P", defaultValue = "0", description = "the chance that any one message is "
                + "lost, 0 <= P < 1; lost requests time out as HTTP requests do (default ${DEFAULT-VALUE})")
        double loss;

        @Option(names = "--ledger", paramLabel = "MODEL", defaultValue = "account", description = "the ledger model every "
                + "simulated node runs: account or utxo; payments are the model's own (a double spend spends the same "
                + "nonce or the same output) (default ${DEFAULT-VALUE})")
        String ledger;

        /** Checks the options; silences the simulated nodes' logs. */
        Scenario.Settings prepare() {
            return prepare(true);
        }

        /** @param readFiles false for {@code merge}, which only names the latency matrix (its shards read it) */
        Scenario.Settings prepare(boolean readFiles) {
            quietLogs();
            Ledger model = Ledgers.named(ledger).orElseThrow(() -> new IllegalArgumentException("--ledger must be one of "
                    + String.join(", ", Ledgers.names()) + ": got '" + ledger + "'"));
            NetworkConditions conditions = new NetworkConditions(
                    readFiles && latencyMatrix != null ? Optional.of(LatencyMatrix.read(latencyMatrix)) : Optional.empty(), loss,
                    model);
            if (difficulty < 1 || difficulty > 24) {
                throw new IllegalArgumentException("--difficulty must be 1..24 bits: a simulated block's nonce is searched for real");
            }
            if (workers != null && workers < 1) {
                throw new IllegalArgumentException("--workers must be at least 1: " + workers);
            }
            if (targetCi != null && !(targetCi > 0 && targetCi < 0.5)) {
                throw new IllegalArgumentException("--target-ci must be between 0 and 0.5: " + targetCi);
            }
            if (shard != null) {
                shardIndex(); // checks it
                if (out == null) {
                    throw new IllegalArgumentException("--shard needs --out DIR: the directory its partial result goes to");
                }
                if (targetCi != null) {
                    throw new IllegalArgumentException("--target-ci cannot be used with --shard: a shard does not see the "
                            + "trials of the others");
                }
                if (exportChain != null) {
                    throw new IllegalArgumentException("--export-chain cannot be used with --shard: a shard holds only part "
                            + "of the run");
                }
            }
            return new Scenario.Settings(difficulty, seed, conditions);
        }

        /** The report with what the network was given besides the scenario's own parameters. */
        Report withConditions(Report report) {
            if (latencyMatrix != null) {
                report.addParameter("latency matrix", latencyMatrix.toString());
            }
            if (loss > 0) {
                report.addParameter("message loss", loss);
            }
            report.addParameter("ledger model", ledger);
            return report;
        }

        int workers() {
            return workers != null ? workers : Runtime.getRuntime().availableProcessors();
        }

        /** {@code --shard I/N} as {I, N}. */
        int[] shardIndex() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)/(\\d+)").matcher(shard);
            if (!m.matches()) {
                throw new IllegalArgumentException("--shard must be I/N, like 0/4: " + shard);
            }
            int i = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (n < 1 || i >= n) {
                throw new IllegalArgumentException("--shard must be I/N with 0 <= I < N: " + shard);
            }
            return new int[] {i, n};
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
                WireFormat wire = WireFormat.of(ConsensusParams.defaults().withLedger(Ledgers.byName(ledger)));
                chain.forEach(b -> blocks.add(wire.block(b)));
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
                Scenario.Settings settings = common.prepare();
                scenario.checkOptions(settings, common.targetCi != null); // every point's, before any work starts
                return simulate(scenario, settings);
            } catch (IllegalArgumentException e) { // options out of range: a message and the usage, not a stack trace
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        /** Runs every task (or this shard's) under one progress bar, then prints and writes what came out. */
        private <P, R extends ScenarioResult> int simulate(Scenario<P, R> s, Scenario.Settings settings) throws IOException {
            List<P> points = s.points();
            ScenarioRunner<P, R> runner = new ScenarioRunner<>(s, settings, common.workers());
            long started = System.nanoTime();
            if (common.shard != null) {
                int[] shard = common.shardIndex();
                List<int[]> tasks = runner.slice(points, shard[0], shard[1]);
                List<ScenarioRunner.TaskResult<R>> results;
                try (Progress p = Progress.start(s.name() + " shard " + common.shard, tasks.size() * s.unitsPerTask())) {
                    results = runner.run(points, tasks, p::step);
                }
                Partial<R> partial = new Partial<>(s.name(), whatToRun(spec), shard[0], shard[1], results);
                Path file = common.out.resolve(Merge.fileName(shard[0], shard[1]));
                Files.createDirectories(common.out);
                Files.writeString(file, partial.toJson().toString());
                System.err.println("shard " + common.shard + ": " + results.size() + " tasks in " + file.toAbsolutePath()
                        + " (" + wallTime(started) + ")");
                return 0;
            }
            long units = points.stream().mapToLong(s::units).sum();
            List<R> results;
            List<ScenarioRunner.TaskResult<R>> tasks = new ArrayList<>();
            try (Progress p = Progress.start(s.name(), common.targetCi == null ? units : 0)) {
                results = runner.runAll(points, common.targetCi == null ? OptionalDouble.empty() : OptionalDouble.of(common.targetCi),
                        p::step, tasks, done -> saveTasks(s, done)); // each round of --target-ci kept as it ends
            }
            System.err.println("wall time: " + wallTime(started));
            saveTasks(s, tasks);
            if (common.saveTasks != null) {
                System.err.println("tasks: " + tasks.size() + " in " + common.saveTasks.toAbsolutePath());
            }
            return common.finish(s.json(points, results), common.withConditions(s.report(settings, points, results)),
                    s.chain(results));
        }

        /** Writes {@code --save-tasks}, if asked: every task so far, as the one shard of the run. */
        private <R extends ScenarioResult> void saveTasks(Scenario<?, R> s, List<ScenarioRunner.TaskResult<R>> tasks) {
            if (common.saveTasks == null) {
                return;
            }
            try {
                Partial<R> all = new Partial<>(s.name(), whatToRun(spec), 0, 1, ScenarioRunner.sorted(tasks));
                Path parent = common.saveTasks.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Path tmp = common.saveTasks.resolveSibling(common.saveTasks.getFileName() + ".tmp");
                Files.writeString(tmp, all.toJson().toString());
                Files.move(tmp, common.saveTasks, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static String wallTime(long startedNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    /** The options of a parsed scenario command that say what to run, as arguments: not how (--shard, --out, --workers, --threads). */
    static List<String> whatToRun(CommandSpec spec) {
        List<String> args = new ArrayList<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            String name = o.longestName();
            if (List.of("--shard", "--out", "--workers", "--threads", "--json", "--export-chain", "--save-tasks").contains(name)) {
                continue;
            }
            if (o.arity().max() == 0) {
                args.add(name);
            } else {
                for (String v : o.originalStringValues()) {
                    args.add(name);
                    args.add(v);
                }
            }
        }
        return args;
    }

    static String jsonOf(Object v) {
        try {
            return Scenario.JSON.writeValueAsString(v);
        } catch (IOException e) {
            return String.valueOf(v);
        }
    }

    /** {@code powchain simulate merge DIR...}: the shards of one run, put together as that run would have printed and written it. */
    @Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Combine the partial results that `--shard I/N` wrote (shard-I-of-N.json files) into the JSON, "
                    + "CSV, charts and report.html of one run, byte for byte (docs/SIMULATION.md)."})
    static final class Merge implements Callable<Integer> {
        @picocli.CommandLine.Parameters(paramLabel = "DIR", arity = "1..*",
                description = "directories holding the shards' files (or the files themselves)")
        List<Path> dirs;

        @Option(names = "--json", description = "print one JSON object on stdout instead of a summary")
        boolean json;

        @Option(names = "--out", paramLabel = "DIR", description = "write CSV tables, PNG charts and report.html to DIR")
        Path out;

        @Spec CommandSpec spec;

        static String fileName(int shard, int shards) {
            return "shard-" + shard + "-of-" + shards + ".json";
        }

        @Override
        public Integer call() throws IOException {
            quietLogs();
            List<com.fasterxml.jackson.databind.JsonNode> parts = new ArrayList<>();
            for (Path d : dirs) {
                List<Path> files = new ArrayList<>();
                if (Files.isDirectory(d)) {
                    try (var list = Files.list(d)) {
                        list.filter(f -> f.getFileName().toString().matches("shard-\\d+-of-\\d+\\.json")).sorted().forEach(files::add);
                    }
                } else if (Files.isRegularFile(d)) {
                    files.add(d);
                } else {
                    throw new CommandLine.ParameterException(spec.commandLine(), "DIR: no such directory or file: " + d);
                }
                for (Path f : files) {
                    parts.add(Scenario.JSON.readTree(f.toFile()));
                }
            }
            try {
                return merge(parts);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private int merge(List<com.fasterxml.jackson.databind.JsonNode> parts) throws IOException {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("DIR: no shard-I-of-N.json files in " + dirs);
            }
            String name = Partial.scenarioOf(parts.get(0));
            Scenario<?, ?> scenario = Scenarios.all().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("DIR: the shards are of an unknown scenario: " + name));
            return mergeAs(scenario, parts);
        }

        private <P, R extends ScenarioResult> int mergeAs(Scenario<P, R> scenario, List<com.fasterxml.jackson.databind.JsonNode> parts)
                throws IOException {
            List<Partial<R>> partials = new ArrayList<>();
            for (var part : parts) {
                partials.add(Partial.fromJson(part, scenario));
            }
            Partial<R> first = partials.get(0);
            boolean[] seen = new boolean[first.shards()];
            List<ScenarioRunner.TaskResult<R>> tasks = new ArrayList<>();
            for (Partial<R> p : partials) {
                if (!p.args().equals(first.args()) || p.shards() != first.shards()) {
                    throw new IllegalArgumentException("DIR: the shards are of different runs: " + first.args() + " in "
                            + first.shards() + " shards, and " + p.args() + " in " + p.shards());
                }
                if (seen[p.shard()]) {
                    throw new IllegalArgumentException("DIR: shard " + p.shard() + "/" + p.shards() + " is there twice");
                }
                seen[p.shard()] = true;
                tasks.addAll(p.tasks());
            }
            for (int i = 0; i < seen.length; i++) {
                if (!seen[i]) {
                    throw new IllegalArgumentException("DIR: shard " + i + "/" + seen.length + " is missing");
                }
            }
            CommandLine cl = scenarioCommand(scenario);
            cl.parseArgs(first.args().toArray(String[]::new));
            ScenarioCommand run = cl.getCommand();
            Scenario.Settings settings = run.common.prepare(false);
            scenario.checkOptions(settings, run.common.targetCi != null);
            List<P> points = scenario.points();
            int[] have = new int[points.size()];
            for (ScenarioRunner.TaskResult<R> t : tasks) {
                if (t.point() < 0 || t.point() >= points.size()) {
                    throw new IllegalArgumentException("DIR: a task of point " + t.point() + ", but the run has points 0.."
                            + (points.size() - 1));
                }
                have[t.point()]++;
            }
            for (int p = 0; p < points.size(); p++) {
                int want = scenario.tasks(points.get(p));
                boolean ok = run.common.targetCi != null ? have[p] >= want : have[p] == want;
                if (!ok) {
                    throw new IllegalArgumentException("DIR: point " + p + " (" + points.get(p) + ") has " + have[p] + " of its "
                            + want + " tasks" + (run.common.targetCi != null ? " at least" : "") + ": a shard's file is "
                            + "missing or cut short");
                }
            }
            List<R> results = new ScenarioRunner<>(scenario, settings, 1).combine(points, tasks);
            run.common.json = json;
            run.common.out = out;
            return run.common.finish(scenario.json(points, results), run.common.withConditions(scenario.report(settings, points,
                    results)), List.of());
        }
    }
}
