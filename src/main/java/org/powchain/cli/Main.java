package org.powchain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code powchain} command. With no subcommand it runs a node, like the original {@code main.py}. */
@Command(name = "powchain", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A proof-of-work blockchain node that shows how the technology works.",
        footer = {"", "Example: powchain -p 5000            then open http://localhost:5000/",
                "         powchain -p 5001 --boot-node=localhost:5000 --mine",
                "The chain is kept in ./data/<port> unless --data-dir says otherwise; it survives restarts."})
public final class Main implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, description = "HTTP port to listen on (required to run a node).")
    Integer port;

    @Option(names = {"-m", "--mine"}, description = "Mine continuously, one block after another.")
    boolean mine;

    @Option(names = {"-b", "--boot-node"}, paramLabel = "HOST:PORT",
            description = "A node to join the network through (repeatable).")
    List<String> bootNodes = new ArrayList<>();

    @Option(names = {"-i", "--node-id"}, description = "This node's name; also the demo account its mining rewards"
            + " go to (default: a short random id).")
    String nodeId;

    @Option(names = {"-n", "--node-ip"}, description = "The address other nodes should dial to reach this one"
            + " (default: localhost). Set it to your public IP when peers are on other machines.")
    String nodeIp;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to bind the HTTP server to"
            + " (default: ${DEFAULT-VALUE}; 127.0.0.1 keeps the node private to this machine).")
    String host;

    @Option(names = "--difficulty", paramLabel = "BITS", description = "Pin the difficulty to BITS leading zero bits"
            + " for every block after genesis (no retargeting). All nodes of a network must agree on it.")
    Integer difficulty;

    @Option(names = "--ledger", paramLabel = "MODEL", description = "The ledger model: account (balances and nonces,"
            + " the default) or utxo (unspent outputs, as Bitcoin). Part of the network: nodes of different models"
            + " never peer. Kept in the data dir: without --ledger a node runs the model its data dir holds.")
    String ledger;

    @Option(names = "--threads", description = "Mining threads (default: all ${sys:powchain.cores} cores).")
    Integer threads;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the node keeps its chain, ledger and"
            + " mempool (default: ./data/<port>). One node per data dir: a second one is refused.")
    Path dataDir;

    @Option(names = "--reindex", description = "Rebuild the chain state from the blocks stored in the data dir,"
            + " validating each again: the way out when the database is damaged.")
    boolean reindex;

    @Option(names = "--rpc-allow-ip", paramLabel = "CIDR", description = "Let clients in CIDR (e.g. 192.168.1.0/24)"
            + " call the routes that change what the node does: /mine, POST /api/v1/mine, /addpeer, /resolvesplit."
            + " Without it only this machine (loopback) may. Repeatable.")
    List<String> rpcAllowIps = new ArrayList<>();

    @Option(names = "--no-demo-accounts", negatable = false,
            description = "Refuse demo account names (A, B, alice...): only addresses and signed transactions.")
    boolean noDemoAccounts;

    /**
     * Built only when the arguments name one (or ask for help): picocli reflects over every
     * subcommand's options when it builds them, about a fifth of a node's start-up (docs/PERFORMANCE.md).
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(CommandLine.HelpCommand.class, WalletCommand.class,
            LightCommand.class, BenchCommand.class, SimulateCommand.class, DevnetCommand.class, StartupTraining.class);
    private static final List<String> SUBCOMMAND_NAMES = List.of("help", "wallet", "light", "bench", "simulate", "devnet",
            "startup-training");

    @Option(names = "--link-faults", description = "Let this machine set delay and loss on this node's messages to"
            + " each peer at run time (/p2p/faults): what powchain devnet starts its nodes with.")
    boolean linkFaults;

    @Option(names = "--controller-pid", paramLabel = "PID", description = "Stop this node when process PID has exited"
            + " (checked every 250 ms): powchain devnet starts its nodes with its own pid, so no node outlives it.")
    Long controllerPid;

    public static void main(String[] args) {
        System.setProperty("powchain.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        System.exit((runsNode(args) ? nodeCommandLine() : commandLine()).execute(args));
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

    private static CommandLine nodeCommandLine() {
        return new CommandLine(new Main());
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
        if (port == null) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "Missing required option: '--port=<port>' (e.g. powchain -p 5000)");
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--port must be 0..65535");
        }
        Path dir = dataDir != null ? dataDir : Path.of("data", String.valueOf(port));
        Ledger model;
        try {
            model = chooseLedger(ledger, SqliteStore.storedLedger(dir));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        } catch (StoreException e) {
            // refused before anything is opened: a reindex would read every block as the wrong model
            System.err.println("powchain: " + e.getMessage());
            return 1;
        }
        ConsensusParams params = ConsensusParams.defaults().withLedger(model);
        if (difficulty != null) {
            if (difficulty < 1 || difficulty > 64) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--difficulty must be 1..64 bits");
            }
            params = params.withPinnedDifficulty(difficulty);
        }
        String id = nodeId != null ? nodeId : Node.randomNodeId();
        if (!org.powchain.core.Keys.isDemoName(id)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--node-id must be 1 to 32 letters, digits, '-' or '_'");
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1 || t > 1024) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--threads must be 1..1024");
        }
        OperatorAccess operators;
        try {
            operators = OperatorAccess.allowing(rpcAllowIps);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        if (controllerPid != null) {
            org.powchain.devnet.ControllerWatch.start(controllerPid, org.powchain.devnet.ControllerWatch.EVERY, () -> {
                System.out.printf("powchain node '%s': its controller (pid %d) is gone; stopping%n", id, controllerPid);
                System.exit(0); // runs the shutdown hook, once registered: a clean stop, as on SIGTERM
            });
        }
        NodeConfig config = new NodeConfig(port, host, id, nodeIp != null ? nodeIp : "localhost", bootNodes, mine, t,
                Optional.of(dir), !noDemoAccounts, params);
        // Genesis's nonce is written down, but its coinbases need A's and B's keys (Ed25519, cold
        // code, BouncyCastle's tables): built on another core while this one opens the store.
        ConsensusParams chosen = params;
        CompletableFuture.runAsync(() -> Genesis.block(chosen));
        Node node;
        try {
            node = reindex ? new Node(config, Reindex.run(dir, params)) : new Node(config);
        } catch (StoreException e) {
            // A locked, damaged or foreign data dir: say so and how to get out, without a stack trace.
            System.err.println("powchain: " + e.getMessage());
            return 1;
        }
        ApiServer api = new ApiServer(node, operators);
        if (linkFaults) {
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
