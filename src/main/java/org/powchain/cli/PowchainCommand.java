package org.powchain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code powchain} command as picocli runs it: the node command, built with picocli's
 * programmatic API from {@link NodeOption}'s table rather than from annotations (reading annotations
 * costs picocli a reflective walk and a dynamic proxy per annotation type: docs/PERFORMANCE.md), and
 * the subcommands, which keep their annotations. {@link Main} comes here for everything but a node
 * whose flags {@link NodeArgs} reads: subcommands, help, and every refusal.
 */
public final class PowchainCommand implements Callable<Integer> {
    private final CommandSpec spec;

    private PowchainCommand() {
        spec = CommandSpec.wrapWithoutInspection(this).name("powchain").versionProvider(new Version());
        spec.usageMessage()
                .description("A proof-of-work blockchain node that shows how the technology works.")
                .footer("", "Example: powchain -p 5000            then open http://localhost:5000/",
                        "         powchain -p 5001 --boot-node=localhost:5000 --mine",
                        "The chain is kept in ./data/<port> unless --data-dir says otherwise; it survives restarts.");
        for (NodeOption o : NodeOption.values()) {
            spec.addOption(optionSpec(o).build());
        }
    }

    /** picocli's spec of one of the node's options. */
    private static OptionSpec.Builder optionSpec(NodeOption o) {
        OptionSpec.Builder b = OptionSpec.builder(o.names.toArray(String[]::new)).description(o.description);
        return switch (o.kind) {
            case VALUE -> {
                b.type(o.type).paramLabel(o.label).initialValue(null).hasInitialValue(true);
                yield o.defaultValue == null ? b : b.defaultValue(o.defaultValue);
            }
            case LIST -> b.type(List.class).auxiliaryTypes(o.type).paramLabel(o.label).initialValue(List.of())
                    .hasInitialValue(true);
            case FLAG, USAGE_HELP, VERSION_HELP -> b.type(boolean.class).initialValue(false).hasInitialValue(true)
                    .usageHelp(o.kind == NodeOption.Kind.USAGE_HELP).versionHelp(o.kind == NodeOption.Kind.VERSION_HELP);
        };
    }

    /** Each option's value as picocli parsed it (its initial value if the option was not given). */
    private Map<NodeOption, Object> values() {
        Map<NodeOption, Object> values = new EnumMap<>(NodeOption.class);
        for (NodeOption o : NodeOption.values()) {
            values.put(o, spec.findOption(o.longName()).getValue());
        }
        return values;
    }

    /** Runs {@code args} as picocli reads them; the exit code. */
    static int execute(String[] args) {
        return commandLineFor(args).execute(args);
    }

    /** What {@link Main} runs {@code args} with: the node command alone, unless they name a subcommand or ask for help. */
    static CommandLine commandLineFor(String[] args) {
        return Main.runsNode(args) ? nodeCommandLine() : commandLine();
    }

    /** {@code powchain <version from pom.xml>}, which Maven writes into version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = PowchainCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"powchain " + p.getProperty("version", "(version unknown)")};
        }
    }

    /** The whole command tree, as {@link Main} runs it for a subcommand or help. */
    public static CommandLine commandLine() {
        CommandLine all = nodeCommandLine();
        // built only when the arguments name one (or ask for help): picocli reflects over every
        // subcommand's options when it builds them, about a fifth of a node's start-up (docs/PERFORMANCE.md)
        List.of(CommandLine.HelpCommand.class, WalletCommand.class, LightCommand.class, BenchCommand.class,
                SimulateCommand.class, DevnetCommand.class, StartupTraining.class).forEach(all::addSubcommand);
        SimulateCommand.addScenarios(all.getSubcommands().get("simulate"));
        return all;
    }

    /** The node command, without subcommands: built without reading an annotation. */
    static CommandLine nodeCommandLine() {
        return new CommandLine(new PowchainCommand().spec);
    }

    @Override
    public Integer call() throws Exception {
        try {
            return NodeStart.run(values());
        } catch (NodeStart.Refusal r) {
            throw new CommandLine.ParameterException(spec.commandLine(), r.getMessage());
        }
    }
}
