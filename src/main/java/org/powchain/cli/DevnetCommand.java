package org.powchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.powchain.devnet.Devnet;
import org.powchain.devnet.DevnetClient;
import org.powchain.devnet.DevnetServer;
import org.powchain.devnet.DevnetSpec;
import org.powchain.devnet.NodeLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code powchain devnet}: a whole network of real nodes on this machine, in one command
 * (docs/DEVNET.md). Run in the foreground it stops every process it started on Ctrl-C; {@code up}
 * starts it in the background, and the other subcommands work on it from any terminal.
 */
@Command(name = "devnet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start N real nodes on loopback, linked, mining and trading, with one page and one control API"
                + " over them (docs/DEVNET.md). Ctrl-C stops every process it started.",
                "From another terminal: powchain devnet status | mine | split | heal | stop | kill | start | share | link"
                        + " | snapshot | restore | attack | down."},
        subcommands = {DevnetCommand.Up.class, DevnetCommand.Down.class, DevnetCommand.Status.class,
                DevnetCommand.Mine.class, DevnetCommand.Share.class, DevnetCommand.Stop.class, DevnetCommand.Kill.class,
                DevnetCommand.Start.class, DevnetCommand.Split.class, DevnetCommand.Heal.class, DevnetCommand.Link.class,
                DevnetCommand.Snapshot.class, DevnetCommand.Restore.class, DevnetCommand.Export.class, DevnetCommand.Attack.class},
        footer = {"", "Example: powchain devnet --nodes 5 --miners 2 --tx-rate 1    then open http://localhost:4999/",
                "         powchain devnet --nodes 5 --miners 2 --ledger utxo        the same network keeping unspent outputs"})
final class DevnetCommand implements Callable<Integer> {
    @Mixin
    Network network;

    /** The options that describe a devnet, shared by the foreground run and {@code up}. */
    static final class Network {
        @Option(names = "--nodes", defaultValue = "5", description = "node processes (default ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--base-port", defaultValue = "5000", description = "node i listens on this + i (default ${DEFAULT-VALUE})")
        int basePort;

        @Option(names = "--port", defaultValue = "4999", description = "the devnet's page and control API (default ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--topology", defaultValue = "ring", paramLabel = "ring|star|random|FILE",
                description = "how nodes are first linked; FILE has one \"a b\" link a line (default ${DEFAULT-VALUE})")
        String topology;

        @Option(names = "--miners", defaultValue = "1", description = "nodes n0..n(K-1) mine, with equal shares (default ${DEFAULT-VALUE})")
        int miners;

        @Option(names = "--shares", split = ",", paramLabel = "S0,S1,...",
                description = "hashrate shares of n0, n1, ... instead of equal ones (they sum to 1)")
        List<Double> shares = new ArrayList<>();

        @Option(names = "--block-interval", defaultValue = "5", paramLabel = "SECONDS",
                description = "expected seconds between blocks; 0 mines only when asked (default ${DEFAULT-VALUE})")
        double blockInterval;

        @Option(names = "--tx-rate", defaultValue = "0", paramLabel = "R",
                description = "background transfers a second between demo accounts (default ${DEFAULT-VALUE})")
        double txRate;

        @Option(names = "--seed", defaultValue = "1", description = "seeds topology, miners and transfers (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--difficulty", defaultValue = "12", paramLabel = "BITS",
                description = "difficulty every node pins (default ${DEFAULT-VALUE})")
        int difficulty;

        @Option(names = "--ledger", paramLabel = "MODEL", description = "the ledger model every node runs: account (balances"
                + " and nonces, the default) or utxo (unspent outputs, as Bitcoin); without it a devnet started again in the"
                + " same --dir keeps the model it had (unless --fresh), and an imported devnet keeps its own")
        String ledger;

        @Option(names = "--dir", defaultValue = "devnet", description = "data dirs, logs, state and snapshots (default ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--fresh", description = "delete the nodes' data dirs from an earlier run first (snapshots are kept)")
        boolean fresh;

        @Option(names = "--import", paramLabel = "FILE", description = "start the devnet a `devnet export` wrote: its nodes,"
                + " topology, shares and chains (replacing the nodes' data dirs in --dir); ports from --base-port and --port")
        Path importFile;

        DevnetSpec spec() throws java.io.IOException {
            if (importFile != null) {
                DevnetSpec imported = org.powchain.devnet.DevnetArchive.unpack(importFile, dir, basePort, port);
                if (ledger != null && !ledger.equals(imported.ledger())) {
                    throw new IllegalArgumentException("--ledger " + ledger + ": the devnet in " + importFile + " runs the "
                            + imported.ledger() + " ledger model, and its chains are of that model");
                }
                return imported;
            }
            return new DevnetSpec(nodes, basePort, port, topology, DevnetSpec.shares(nodes, miners, shares),
                    blockInterval, txRate, seed, difficulty, ledger != null ? ledger : fresh ? null : DevnetSpec.earlierLedger(dir));
        }

        List<String> args() {
            List<String> a = new ArrayList<>(List.of("--nodes", "" + nodes, "--base-port", "" + basePort, "--port", "" + port,
                    "--topology", topology, "--miners", "" + miners, "--block-interval", "" + blockInterval,
                    "--tx-rate", "" + txRate, "--seed", "" + seed, "--difficulty", "" + difficulty, "--dir", dir.toString()));
            if (!shares.isEmpty()) {
                a.add("--shares");
                a.add(String.join(",", shares.stream().map(String::valueOf).toList()));
            }
            if (ledger != null) {
                a.add("--ledger");
                a.add(ledger);
            }
            if (fresh) {
                a.add("--fresh");
            }
            if (importFile != null) {
                a.add("--import");
                a.add(importFile.toAbsolutePath().toString());
            }
            return a;
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = network.dir;
        if (DevnetClient.find(dir).isPresent()) {
            System.err.println("powchain: a devnet already runs in " + dir + " (powchain devnet status); bring it down first"
                    + " with powchain devnet down, or give this one another --dir");
            return 1;
        }
        DevnetSpec spec;
        try {
            spec = network.spec();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        if (network.fresh && network.importFile == null) {
            for (int i = 0; i < spec.nodes(); i++) {
                Devnet.deleteTree(dir.resolve(spec.nodeId(i)));
            }
        }
        List<String> jvm = new ArrayList<>(NodeLauncher.inheritedArchiveFlags());
        jvm.addAll(Devnet.NODE_JVM_FLAGS);
        // The hook that stops every node is registered before the first node process exists, so a
        // signal at any instant from here on stops them all. (It used to be registered once the control
        // server answered: a SIGINT between the page's first answer and that line, which Javalin's
        // start-up keeps open for tens to hundreds of ms, found "Shutdown in progress", ran no hook and
        // left every node running. The nodes' own --controller-pid watch is the second line of defence.)
        Devnet devnet = Devnet.create(spec, dir, jvm, java.time.Duration.ofSeconds(120));
        CountDownLatch down = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<DevnetServer> server = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable stop = () -> {
            devnet.close();
            DevnetServer s = server.getAndSet(null);
            if (s != null) {
                s.close();
            }
            down.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "devnet-shutdown"));
        long start = System.nanoTime();
        try {
            devnet.start();
        } catch (IllegalStateException stoppedMeanwhile) {
            return 130; // a signal during start-up: the hook has stopped every node
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        DevnetServer started = new DevnetServer(devnet, stop);
        server.set(started);
        started.start(spec.controlPort());
        System.out.printf("devnet of %d nodes up and linked in %.1f s (%s topology, seed %d, %s ledger); page and control API"
                + " on http://localhost:%d/%n", spec.nodes(), seconds, spec.topology(), spec.seed(), spec.ledger(), started.port());
        for (int i = 0; i < spec.nodes(); i++) {
            System.out.printf("  %s  http://localhost:%d/  share %.2f  data in %s%n", spec.nodeId(i), spec.port(i),
                    spec.shares().get(i), dir.resolve(spec.nodeId(i)));
        }
        System.out.println("Ctrl-C (or powchain devnet down) stops every node.");
        down.await();
        return 0;
    }

    /** The devnet in {@code dir}, or a message saying none runs there. */
    static DevnetClient running(Path dir) throws java.io.IOException {
        Optional<DevnetClient> c = DevnetClient.find(dir);
        if (c.isEmpty()) {
            throw new CommandLine.ExecutionException(new CommandLine(new DevnetCommand()),
                    "no devnet runs in " + dir + " (no " + dir.resolve("state.json") + "): start one with powchain devnet up");
        }
        return c.get();
    }

    /** What every client subcommand takes: where the devnet is. */
    abstract static class Client implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = "devnet", description = "the devnet's dir (default ${DEFAULT-VALUE})")
        Path dir;

        @Override
        public Integer call() throws Exception {
            DevnetClient c;
            try {
                c = running(dir);
            } catch (CommandLine.ExecutionException e) {
                System.err.println("powchain: " + e.getMessage());
                return 1;
            }
            try {
                run(c);
                return 0;
            } catch (java.io.IOException e) {
                System.err.println("powchain: " + e.getMessage());
                return 1;
            }
        }

        abstract void run(DevnetClient c) throws Exception;
    }

    @Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Start a devnet in the background (log in DIR/devnet.log) and return once it is up.")
    static final class Up implements Callable<Integer> {
        @Mixin
        Network network;

        @Override
        public Integer call() throws Exception {
            if (DevnetClient.find(network.dir).isPresent()) {
                System.err.println("powchain: a devnet already runs in " + network.dir);
                return 1;
            }
            if (network.ledger != null && org.powchain.consensus.Ledgers.named(network.ledger).isEmpty()) {
                System.err.println("powchain: --ledger must be one of " + String.join(", ", org.powchain.consensus.Ledgers.names())
                        + ", not " + network.ledger);
                return 2;
            }
            Files.createDirectories(network.dir);
            List<String> args = new ArrayList<>(List.of("devnet"));
            args.addAll(network.args());
            Path log = network.dir.resolve("devnet.log");
            Process p = new ProcessBuilder(NodeLauncher.command(NodeLauncher.inheritedArchiveFlags(), args))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    System.err.println("powchain: the devnet exited with " + p.exitValue() + "; see " + log);
                    return 1;
                }
                Optional<DevnetClient> c = DevnetClient.find(network.dir);
                if (c.isPresent()) {
                    try {
                        Status.print(c.get().call("GET", ""));
                        return 0;
                    } catch (java.io.IOException notYet) {
                        // the control port opens just after the state file is written
                    }
                }
                Thread.sleep(100);
            }
            System.err.println("powchain: the devnet is not up after 180 s; see " + log);
            return 1;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop every node of the devnet, and the devnet.")
    static final class Down extends Client {
        @Override
        void run(DevnetClient c) throws Exception {
            c.down();
            System.out.println("devnet in " + dir + " is down");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Every node: port, pid, height, tip, peers, mempool, share.")
    static final class Status extends Client {
        @Option(names = "--json", description = "print the control API's JSON")
        boolean json;

        @Override
        void run(DevnetClient c) throws Exception {
            JsonNode s = c.call("GET", "");
            if (json) {
                System.out.println(s.toPrettyString());
            } else {
                print(s);
            }
        }

        static void print(JsonNode s) {
            System.out.printf("devnet: %d nodes (%s ledger), page http://localhost:%d/, %d blocks mined, %d transfers sent"
                    + " (%d refused)%n", s.path("nodes").asInt(), s.path("ledger").asText("account"), s.path("controlPort").asInt(),
                    s.path("blocksMined").asLong(),
                    s.path("txsSent").asLong(), s.path("txsRefused").asLong());
            if (s.path("groups").size() > 0) {
                System.out.println("split into groups " + s.path("groups"));
            }
            System.out.printf("%-5s %-6s %-8s %-7s %-18s %-6s %-8s %s%n", "node", "port", "pid", "height", "tip", "peers",
                    "mempool", "share");
            for (JsonNode n : s.path("node")) {
                boolean up = n.path("up").asBoolean();
                System.out.printf("%-5s %-6d %-8s %-7s %-18s %-6s %-8s %.2f%n", n.path("id").asText(), n.path("port").asInt(),
                        n.path("pid").isNull() ? "-" : n.path("pid").asText(), up ? n.path("height").asText() : "down",
                        up ? n.path("tip").asText().substring(0, 16) + "…" : "", up ? n.path("peers").asText() : "",
                        up ? n.path("mempool").asText() : "", n.path("share").asDouble());
            }
        }
    }

    @Command(name = "mine", mixinStandardHelpOptions = true, description = "Mine blocks on one node now.")
    static final class Mine extends Client {
        @Parameters(paramLabel = "NODE", description = "n0, n1, ... (or 0, 1, ...)")
        String node;

        @Option(names = {"-k", "--blocks"}, defaultValue = "1", description = "blocks to mine (default ${DEFAULT-VALUE})")
        int blocks;

        @Override
        void run(DevnetClient c) throws Exception {
            JsonNode r = c.call("POST", "/nodes/" + DevnetClient.q(node) + "/mine?blocks=" + blocks);
            r.path("mined").forEach(h -> System.out.println(h.asText()));
        }
    }

    @Command(name = "share", mixinStandardHelpOptions = true,
            description = "Set a node's share of the hashrate; the other miners' shares are scaled to keep the sum 1.")
    static final class Share extends Client {
        @Parameters(index = "0", paramLabel = "NODE")
        String node;

        @Parameters(index = "1", paramLabel = "SHARE", description = "0..1")
        double share;

        @Override
        void run(DevnetClient c) throws Exception {
            System.out.println("shares: " + c.call("POST", "/nodes/" + DevnetClient.q(node) + "/share?value=" + share).path("shares"));
        }
    }

    /** stop, kill and start: one node, one verb. */
    abstract static class NodeVerb extends Client {
        @Parameters(paramLabel = "NODE", description = "n0, n1, ... (or 0, 1, ...)")
        String node;

        abstract String verb();

        @Override
        void run(DevnetClient c) throws Exception {
            Status.print(c.call("POST", "/nodes/" + DevnetClient.q(node) + "/" + verb()));
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a node cleanly (SIGTERM).")
    static final class Stop extends NodeVerb {
        @Override
        String verb() {
            return "stop";
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true, description = "Kill a node at once (kill -9): no clean shutdown.")
    static final class Kill extends NodeVerb {
        @Override
        String verb() {
            return "kill";
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a stopped or killed node again on its data dir.")
    static final class Start extends NodeVerb {
        @Override
        String verb() {
            return "start";
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true,
            description = "Split the network: nodes in different groups lose every message to each other.")
    static final class Split extends Client {
        @Parameters(paramLabel = "GROUPS", description = "e.g. 0,1|2,3,4 (quote the |); nodes in no group form one more")
        String groups;

        @Override
        void run(DevnetClient c) throws Exception {
            Status.print(c.call("POST", "/split?groups=" + DevnetClient.q(groups)));
        }
    }

    @Command(name = "heal", mixinStandardHelpOptions = true, description = "End a split: every node syncs to the branch with the most work.")
    static final class Heal extends Client {
        @Override
        void run(DevnetClient c) throws Exception {
            Status.print(c.call("POST", "/heal"));
        }
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = "Latency and loss on the messages between two nodes, both ways (0 and 0 clear them).")
    static final class Link extends Client {
        @Parameters(index = "0", paramLabel = "A")
        int a;

        @Parameters(index = "1", paramLabel = "B")
        int b;

        @Option(names = "--delay-ms", defaultValue = "0", description = "added to each message (default ${DEFAULT-VALUE})")
        int delayMs;

        @Option(names = "--loss", defaultValue = "0", description = "chance a message is lost, 0..1 (default ${DEFAULT-VALUE})")
        double loss;

        @Override
        void run(DevnetClient c) throws Exception {
            Status.print(c.call("POST", "/link?a=" + a + "&b=" + b + "&delayMs=" + delayMs + "&loss=" + loss));
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "Copy every node's data dir to DIR/snapshots/NAME (the nodes stop for the copy and start again).")
    static final class Snapshot extends Client {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        void run(DevnetClient c) throws Exception {
            System.out.println("snapshot in " + c.call("POST", "/snapshots?name=" + DevnetClient.q(name)).path("snapshot").asText());
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Put every node's data dir back as snapshot NAME had it.")
    static final class Restore extends Client {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        void run(DevnetClient c) throws Exception {
            Status.print(c.call("POST", "/snapshots/" + DevnetClient.q(name) + "/restore"));
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the devnet (topology, shares, every node's chain) to one file, while it runs;"
                    + " powchain devnet --import FILE starts it again anywhere.")
    static final class Export extends Client {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        void run(DevnetClient c) throws Exception {
            System.out.println("exported to " + c.call("POST", "/export?file=" + DevnetClient.q(file.toAbsolutePath().toString()))
                    .path("exported").asText());
        }
    }

    @Command(name = "attack", mixinStandardHelpOptions = true,
            description = "Play an attack on the devnet's real nodes and print what happened beside the prediction (docs/DEVNET.md).",
            subcommands = {AttackDoubleSpend.class, AttackEclipse.class, AttackSelfish.class})
    static final class Attack implements Callable<Integer> {
        @Override
        public Integer call() {
            new CommandLine(this).usage(System.out);
            return 2;
        }
    }

    /**
     * What every attack subcommand does: say what is played, play it through the control API, then
     * print its steps, what happened beside the prediction (each attack's own lines), where the
     * prediction comes from, and why one run can differ from it.
     */
    abstract static class AttackRun extends Client {
        /** The line printed before the attack runs. */
        abstract String headline();

        /** The control API's route and query that plays it. */
        abstract String route();

        /** What happened and what was predicted, from the attack's report. */
        abstract void printOutcome(JsonNode r);

        @Override
        final void run(DevnetClient c) throws Exception {
            System.out.println(headline());
            JsonNode r = c.call("POST", route());
            r.path("steps").forEach(s -> System.out.println("  - " + s.asText()));
            System.out.println();
            printOutcome(r);
            System.out.println("  (" + r.path("predicted").path("source").asText() + ")");
            System.out.println("why one run can differ: " + r.path("why").asText());
        }
    }

    /** The double spend and the eclipse: a payment, confirmations waited for, and one outcome line. */
    abstract static class PaymentAttack extends AttackRun {
        @Option(names = "--confirmations", defaultValue = "2", paramLabel = "Z",
                description = "blocks the merchant (the victim) waits for (default ${DEFAULT-VALUE})")
        int confirmations;

        abstract double share();

        /** The settings every payment attack sends. */
        String settings() {
            return "&confirmations=" + confirmations + "&share=" + share();
        }

        @Override
        void printOutcome(JsonNode r) {
            System.out.printf("outcome: %s (%d blocks by the attacker, %d by the honest nodes; both payments claim %s)%n",
                    r.path("outcome").asText(), r.path("attackerBlocks").asInt(), r.path("honestBlocks").asInt(),
                    r.has("outpoint") ? "the output " + r.path("outpoint").asText() : "nonce " + r.path("nonce").asText());
            printPrediction(r, r.path("predicted"));
        }

        abstract void printPrediction(JsonNode r, JsonNode p);
    }

    @Command(name = "double-spend", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The attacker pays the merchant, mines a private branch holding a conflicting payment (the same"
                    + " nonce, or in the UTXO model the same output), and publishes it when it has more work; it gives up as"
                    + " the simulator's attacker does.")
    static final class AttackDoubleSpend extends PaymentAttack {
        @Option(names = "--attacker", required = true, paramLabel = "NODE", description = "the attacker's node (n0, n1, ...)")
        String attacker;

        @Option(names = "--merchant", required = true, paramLabel = "NODE", description = "the merchant's node")
        String merchant;

        @Option(names = "--share", defaultValue = "0.3", paramLabel = "Q",
                description = "the attacker's share of the hashrate during the attack (default ${DEFAULT-VALUE})")
        double share;

        @Override
        double share() {
            return share;
        }

        @Override
        String headline() {
            return String.format("double spend: %s against the merchant %s, share %.2f, %d confirmations", attacker, merchant,
                    share, confirmations);
        }

        @Override
        String route() {
            return "/attacks/double-spend?attacker=" + DevnetClient.q(attacker) + "&merchant=" + DevnetClient.q(merchant)
                    + settings();
        }

        @Override
        void printPrediction(JsonNode r, JsonNode p) {
            System.out.printf("predicted: the payment is reversed with probability %.4g (Rosenfeld 2012; Nakamoto 2008: %.4g)"
                    + " at share %.2f and %d confirmations; the attacker gives up %d blocks behind%n",
                    p.path("rosenfeld").asDouble(), p.path("nakamoto").asDouble(), r.path("share").asDouble(),
                    r.path("confirmations").asInt(), p.path("giveUpDeficit").asInt());
        }
    }

    @Command(name = "eclipse", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Every peer of the victim becomes the attacker's; then a double spend against the victim.")
    static final class AttackEclipse extends PaymentAttack {
        @Option(names = "--victim", required = true, paramLabel = "NODE", description = "the victim's node")
        String victim;

        @Option(names = "--attacker", paramLabel = "NODE", description = "the attacker's node (default: n0, or n1 if the victim is n0)")
        String attacker;

        @Option(names = "--share", defaultValue = "0.2", paramLabel = "Q",
                description = "the attacker's share of the hashrate (default ${DEFAULT-VALUE})")
        double share;

        @Override
        double share() {
            return share;
        }

        @Override
        String headline() {
            return "eclipse of " + victim;
        }

        @Override
        String route() {
            return "/attacks/eclipse?victim=" + DevnetClient.q(victim) + (attacker == null ? "" : "&attacker="
                    + DevnetClient.q(attacker)) + settings();
        }

        @Override
        void printPrediction(JsonNode r, JsonNode p) {
            System.out.printf("predicted: reversed in %.3f of %d simulated attacks (99%% interval %.3f to %.3f); the honest chain"
                    + " already led when the victim accepted in %.3f (closed form %.3f); the honest network finds %.1f blocks on"
                    + " average while the attacker mines the %d confirmations%n", p.path("reversed").asDouble(),
                    p.path("simulatedAttacks").asInt(), p.path("reversedCi99").path(0).asDouble(),
                    p.path("reversedCi99").path(1).asDouble(), p.path("honestAheadAtAccept").asDouble(),
                    p.path("honestAheadAtAcceptClosedForm").asDouble(),
                    p.path("expectedHonestBlocksWhileTheAttackerMinesZ").asDouble(), r.path("confirmations").asInt());
        }
    }

    @Command(name = "selfish", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The pool withholds the blocks it finds and publishes them as Eyal and Sirer's strategy says (the"
                    + " simulator's rule), for --blocks blocks; then its share of the main chain, the stale blocks and the"
                    + " reorgs, beside their closed form for the same share and gamma.",
                    "Gamma is made by which honest nodes hear the pool's block first in a race (the devnet carries every"
                            + " block during the attack)."})
    static final class AttackSelfish extends AttackRun {
        @Option(names = "--pool", required = true, paramLabel = "NODE", description = "the selfish pool's node")
        String pool;

        @Option(names = "--share", defaultValue = "0.35", paramLabel = "A",
                description = "the pool's share of the hashrate, up to 0.5 (default ${DEFAULT-VALUE})")
        double share;

        @Option(names = "--gamma", defaultValue = "0.5", paramLabel = "G",
                description = "the share of the honest hashrate that hears the pool's block first in a race (default ${DEFAULT-VALUE})")
        double gamma;

        @Option(names = "--blocks", defaultValue = "30", paramLabel = "N",
                description = "blocks mined in the attack, 1..200 (one more if a race is open at the end; default ${DEFAULT-VALUE})")
        int blocks;

        @Override
        String headline() {
            return String.format("selfish mining: the pool %s with share %.2f, gamma %.2f, %d blocks", pool, share, gamma, blocks);
        }

        @Override
        String route() {
            return "/attacks/selfish?pool=" + DevnetClient.q(pool) + "&share=" + share + "&gamma=" + gamma + "&blocks=" + blocks;
        }

        @Override
        void printOutcome(JsonNode r) {
            JsonNode p = r.path("predicted");
            System.out.printf("what happened: %s has %d of the %d main-chain blocks (%.3f) with %.0f%% of the hashrate; %d of"
                    + " the %d blocks mined went stale (%d the pool's, %d honest); %d reorgs on the honest nodes; %d race%s, %d"
                    + " won on the pool's side (gamma realised %s)%n", r.path("pool").asText(),
                    r.path("poolMainChainBlocks").asInt(), r.path("mainChainBlocks").asInt(), r.path("poolRevenueShare").asDouble(),
                    r.path("share").asDouble() * 100, r.path("staleBlocks").asInt(), r.path("blocksMined").asInt(),
                    r.path("stalePoolBlocks").asInt(), r.path("staleHonestBlocks").asInt(), r.path("reorgs").asInt(),
                    r.path("races").asInt(), r.path("races").asInt() == 1 ? "" : "s", r.path("racesWonByPoolSide").asInt(),
                    r.path("gammaRealised").isNull() ? "-" : r.path("gammaRealised").asText());
            JsonNode range = p.path("runsOfThisLength");
            System.out.printf("predicted: the pool's share of the main chain %.3f (Eyal and Sirer 2014, eq. 8, at share %.2f and"
                    + " gamma %.2f%s); honest mining would give it %.2f, and withholding pays above a share of %.3f at this gamma;"
                    + " runs of %d blocks of their model give %.3f to %.3f nine times in ten (median %.3f)%n",
                    p.path("closedForm").asDouble(), r.path("share").asDouble(), r.path("gamma").asDouble(),
                    p.path("closedFormAtGammaRealised").isNull() ? ""
                            : String.format("; %.3f at the gamma realised", p.path("closedFormAtGammaRealised").asDouble()),
                    p.path("honestMining").asDouble(), p.path("threshold").asDouble(), r.path("blocks").asInt(),
                    range.path(0).asDouble(), range.path(2).asDouble(), range.path(1).asDouble());
        }
    }
}
