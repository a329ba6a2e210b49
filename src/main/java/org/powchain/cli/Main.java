package org.powchain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.powchain.api.ApiServer;
import org.powchain.api.OperatorAccess;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Genesis;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.Ledgers;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;
import org.powchain.node.Reindex;
import org.powchain.store.SqliteStore;
import org.powchain.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code powchain} command. With no subcommand it runs a node, like the original {@code main.py}.
 * The node command is built with picocli's programmatic API, not from annotations: reading
 * annotations costs picocli a reflective walk and a dynamic proxy per annotation type, the largest
 * step of a node's start-up (docs/PERFORMANCE.md). The subcommands keep their annotations.
 */
public final class Main implements Callable<Integer> {
    private final CommandSpec spec;

    private Main() {
        spec = CommandSpec.wrapWithoutInspection(this).name("powchain").versionProvider(new Version());
        spec.usageMessage()
                .description("A proof-of-work blockchain node that shows how the technology works.")
                .footer("", "Example: powchain -p 5000            then open http://localhost:5000/",
                        "         powchain -p 5001 --boot-node=localhost:5000 --mine",
                        "The chain is kept in ./data/<port> unless --data-dir says otherwise; it survives restarts.");
        add(option(Integer.class, "<port>", "-p", "--port")
                .description("HTTP port to listen on (required to run a node)."));
        add(flag("-m", "--mine").description("Mine continuously, one block after another."));
        add(list("HOST:PORT", "-b", "--boot-node").description("A node to join the network through (repeatable)."));
        add(option(String.class, "<nodeId>", "-i", "--node-id").description("This node's name; also the demo account"
                + " its mining rewards go to (default: a short random id)."));
        add(option(String.class, "<nodeIp>", "-n", "--node-ip").description("The address other nodes should dial to"
                + " reach this one (default: localhost). Set it to your public IP when peers are on other machines."));
        add(option(String.class, "<host>", "--host").defaultValue("0.0.0.0").description("Address to bind the HTTP"
                + " server to (default: ${DEFAULT-VALUE}; 127.0.0.1 keeps the node private to this machine)."));
        add(option(Integer.class, "BITS", "--difficulty").description("Pin the difficulty to BITS leading zero bits"
                + " for every block after genesis (no retargeting). All nodes of a network must agree on it."));
        add(option(String.class, "MODEL", "--ledger").description("The ledger model: account (balances and nonces,"
                + " the default) or utxo (unspent outputs, as Bitcoin). Part of the network: nodes of different models"
                + " never peer. Kept in the data dir: without --ledger a node runs the model its data dir holds."));
        add(option(Integer.class, "<threads>", "--threads")
                .description("Mining threads (default: all ${sys:powchain.cores} cores)."));
        add(option(Path.class, "DIR", "--data-dir").description("Where the node keeps its chain, ledger and mempool"
                + " (default: ./data/<port>). One node per data dir: a second one is refused."));
        add(flag("--reindex").description("Rebuild the chain state from the blocks stored in the data dir, validating"
                + " each again: the way out when the database is damaged."));
        add(list("CIDR", "--rpc-allow-ip").description("Let clients in CIDR (e.g. 192.168.1.0/24) call the routes that"
                + " change what the node does: /mine, POST /api/v1/mine, /addpeer, /resolvesplit. Without it only"
                + " this machine (loopback) may. Repeatable."));
        add(flag("--no-demo-accounts").description("Refuse demo account names (A, B, alice...): only addresses and"
                + " signed transactions."));
        add(flag("--link-faults").description("Let this machine set delay and loss on this node's messages to each"
                + " peer at run time (/p2p/faults): what powchain devnet starts its nodes with."));
        add(option(Long.class, "PID", "--controller-pid").description("Stop this node when process PID has exited"
                + " (checked every 250 ms): powchain devnet starts its nodes with its own pid, so no node outlives it."));
        // what picocli's mixinStandardHelpOptions adds, but that reads them from its own annotated class
        add(flag("-h", "--help").usageHelp(true).description("Show this help message and exit."));
        add(flag("-V", "--version").versionHelp(true).description("Print version information and exit."));
    }

    private void add(OptionSpec.Builder option) {
        spec.addOption(option.build());
    }

    /** An option taking a value; {@code label} names the value in the help. */
    private static OptionSpec.Builder option(Class<?> type, String label, String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(label).initialValue(null).hasInitialValue(true);
    }

    private static OptionSpec.Builder flag(String... names) {
        return OptionSpec.builder(names).type(boolean.class).initialValue(false).hasInitialValue(true);
    }

    /** A repeatable option. */
    private static OptionSpec.Builder list(String label, String... names) {
        return OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class).paramLabel(label)
                .initialValue(List.of()).hasInitialValue(true);
    }

    /** The value parsed for {@code name} (its initial value if the option was not given). */
    private <T> T value(String name) {
        return spec.findOption(name).getValue();
    }

    private boolean given(String flag) {
        return this.<Boolean>value(flag);
    }

    private CommandLine.ParameterException refused(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * Built only when the arguments name one (or ask for help): picocli reflects over every
     * subcommand's options when it builds them, about a fifth of a node's start-up (docs/PERFORMANCE.md).
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(CommandLine.HelpCommand.class, WalletCommand.class,
            LightCommand.class, BenchCommand.class, SimulateCommand.class, DevnetCommand.class, StartupTraining.class);
    private static final List<String> SUBCOMMAND_NAMES = List.of("help", "wallet", "light", "bench", "simulate", "devnet",
            "startup-training");

    public static void main(String[] args) {
        System.setProperty("powchain.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        System.exit(commandLineFor(args).execute(args));
    }

    /** What {@link #main} runs {@code args} with: the node command alone, unless they name a subcommand or ask for help. */
    static CommandLine commandLineFor(String[] args) {
        return runsNode(args) ? nodeCommandLine() : commandLine();
    }

    /** True when the arguments start a node: no subcommand named, no help or version asked for. */
    static boolean runsNode(String[] args) {
        for (String a : args) {
            if (SUBCOMMAND_NAMES.contains(a) || a.equals("-h") || a.equals("--help") || a.equals("-V")
                    || a.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    /** {@code powchain <version from pom.xml>}, which Maven writes into version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"powchain " + p.getProperty("version", "(version unknown)")};
        }
    }

    /** The whole command tree, as {@link #main} runs it. */
    public static CommandLine commandLine() {
        CommandLine all = nodeCommandLine();
        SUBCOMMANDS.forEach(all::addSubcommand);
        SimulateCommand.addScenarios(all.getSubcommands().get("simulate"));
        return all;
    }

    /** The node command, without subcommands: built without reading an annotation. */
    static CommandLine nodeCommandLine() {
        return new CommandLine(new Main().spec);
    }

    /**
     * The ledger model a node runs: {@code flag}'s ({@code --ledger}), else the one its data dir
     * holds ({@code stored}), else the default. A data dir of another model than the flag's is
     * refused (StoreException naming both); an unknown name is IllegalArgumentException listing the models.
     */
    static Ledger chooseLedger(String flag, Optional<String> stored) {
        String name = flag != null ? flag : stored.orElse(Ledgers.DEFAULT.name());
        Ledger model = Ledgers.named(name).orElseThrow(() -> new IllegalArgumentException(
                "--ledger must be one of " + String.join(", ", Ledgers.names()) + ", got '" + name + "'"));
        if (stored.isPresent() && !stored.get().equals(model.name())) {
            throw StoreException.otherLedger(stored.get(), model.name());
        }
        return model;
    }

    @Override
    public Integer call() throws Exception {
        Integer port = value("--port");
        Path dataDir = value("--data-dir");
        Integer difficulty = value("--difficulty");
        String nodeId = value("--node-id");
        String nodeIp = value("--node-ip");
        Integer threads = value("--threads");
        Long controllerPid = value("--controller-pid");
        List<String> rpcAllowIps = value("--rpc-allow-ip");
        if (port == null) {
            throw refused("Missing required option: '--port=<port>' (e.g. powchain -p 5000)");
        }
        if (port < 0 || port > 65535) {
            throw refused("--port must be 0..65535");
        }
        Path dir = dataDir != null ? dataDir : Path.of("data", String.valueOf(port));
        Ledger model;
        try {
            model = chooseLedger(value("--ledger"), SqliteStore.storedLedger(dir));
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        } catch (StoreException e) {
            // refused before anything is opened: a reindex would read every block as the wrong model
            System.err.println("powchain: " + e.getMessage());
            return 1;
        }
        ConsensusParams params = ConsensusParams.defaults().withLedger(model);
        if (difficulty != null) {
            if (difficulty < 1 || difficulty > 64) {
                throw refused("--difficulty must be 1..64 bits");
            }
            params = params.withPinnedDifficulty(difficulty);
        }
        String id = nodeId != null ? nodeId : Node.randomNodeId();
        if (!org.powchain.core.Keys.isDemoName(id)) {
            throw refused("--node-id must be 1 to 32 letters, digits, '-' or '_'");
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1 || t > 1024) {
            throw refused("--threads must be 1..1024");
        }
        OperatorAccess operators;
        try {
            operators = OperatorAccess.allowing(rpcAllowIps);
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
        if (controllerPid != null) {
            org.powchain.devnet.ControllerWatch.start(controllerPid, org.powchain.devnet.ControllerWatch.EVERY, () -> {
                System.out.printf("powchain node '%s': its controller (pid %d) is gone; stopping%n", id, controllerPid);
                System.exit(0); // runs the shutdown hook, once registered: a clean stop, as on SIGTERM
            });
        }
        NodeConfig config = new NodeConfig(port, value("--host"), id, nodeIp != null ? nodeIp : "localhost",
                value("--boot-node"), given("--mine"), t, Optional.of(dir), !given("--no-demo-accounts"), params);
        // Genesis's nonce is written down, but its coinbases need A's and B's keys (Ed25519, cold
        // code, BouncyCastle's tables): built on another core while this one opens the store.
        ConsensusParams chosen = params;
        CompletableFuture.runAsync(() -> Genesis.block(chosen));
        Node node;
        try {
            node = given("--reindex") ? new Node(config, Reindex.run(dir, params)) : new Node(config);
        } catch (StoreException e) {
            // A locked, damaged or foreign data dir: say so and how to get out, without a stack trace.
            System.err.println("powchain: " + e.getMessage());
            return 1;
        }
        ApiServer api = new ApiServer(node, operators);
        if (given("--link-faults")) {
            api.withLinkFaultRoutes();
        }
        node.start();
        api.start();
        System.out.printf("powchain node '%s' listening on http://localhost:%d/  (height %d, miner account '%s',"
                + " %s ledger, data in %s)%n", id, api.port(), node.queries().height(), id, model.name(), dir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            node.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
