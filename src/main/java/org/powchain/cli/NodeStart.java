package org.powchain.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.powchain.api.ApiServer;
import org.powchain.api.OperatorAccess;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Genesis;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.Ledgers;
import org.powchain.core.Keys;
import org.powchain.devnet.ControllerWatch;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;
import org.powchain.node.Reindex;
import org.powchain.store.SqliteStore;
import org.powchain.store.StoreException;

/**
 * Runs a node from its options' values, however they were read ({@link Main} through picocli, or
 * {@link NodeArgs}): checks them, then starts the node and its HTTP server and waits for a stop.
 * Every check comes before anything is started, so a refusal leaves nothing behind.
 */
final class NodeStart {
    /** An option's value is wrong: the message says which and what is allowed. */
    static final class Refusal extends Exception {
        Refusal(String message) {
            super(message);
        }
    }

    private NodeStart() {}

    /** The node's exit code once it has stopped; 1 for a data dir it cannot open. */
    static int run(Map<NodeOption, Object> values) throws Refusal, InterruptedException {
        Integer port = get(values, NodeOption.PORT);
        Path dataDir = get(values, NodeOption.DATA_DIR);
        Integer difficulty = get(values, NodeOption.DIFFICULTY);
        String nodeId = get(values, NodeOption.NODE_ID);
        String nodeIp = get(values, NodeOption.NODE_IP);
        Integer threads = get(values, NodeOption.THREADS);
        Long controllerPid = get(values, NodeOption.CONTROLLER_PID);
        if (port == null) {
            throw new Refusal("Missing required option: '--port=<port>' (e.g. powchain -p 5000)");
        }
        if (port < 0 || port > 65535) {
            throw new Refusal("--port must be 0..65535");
        }
        Path dir = dataDir != null ? dataDir : Path.of("data", String.valueOf(port));
        Ledger model;
        try {
            model = chooseLedger(get(values, NodeOption.LEDGER), SqliteStore.storedLedger(dir));
        } catch (IllegalArgumentException e) {
            throw new Refusal(e.getMessage());
        } catch (StoreException e) {
            // refused before anything is opened: a reindex would read every block as the wrong model
            System.err.println("powchain: " + e.getMessage());
            return 1;
        }
        ConsensusParams params = ConsensusParams.defaults().withLedger(model);
        if (difficulty != null) {
            if (difficulty < 1 || difficulty > 64) {
                throw new Refusal("--difficulty must be 1..64 bits");
            }
            params = params.withPinnedDifficulty(difficulty);
        }
        String id = nodeId != null ? nodeId : Node.randomNodeId();
        if (!Keys.isDemoName(id)) {
            throw new Refusal("--node-id must be 1 to 32 letters, digits, '-' or '_'");
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1 || t > 1024) {
            throw new Refusal("--threads must be 1..1024");
        }
        int maxPeers = get(values, NodeOption.MAX_PEERS);
        if (maxPeers < 1 || maxPeers > 1000) {
            throw new Refusal("--max-peers must be 1..1000");
        }
        OperatorAccess operators;
        try {
            operators = OperatorAccess.allowing(get(values, NodeOption.RPC_ALLOW_IP));
        } catch (IllegalArgumentException e) {
            throw new Refusal(e.getMessage());
        }
        // ---- checked: from here on the node starts ----
        if (controllerPid != null) {
            ControllerWatch.start(controllerPid, ControllerWatch.EVERY, () -> {
                System.out.printf("powchain node '%s': its controller (pid %d) is gone; stopping%n", id, controllerPid);
                System.exit(0); // runs the shutdown hook, once registered: a clean stop, as on SIGTERM
            });
        }
        NodeConfig config = new NodeConfig(port, get(values, NodeOption.HOST), id, nodeIp != null ? nodeIp : "localhost",
                get(values, NodeOption.BOOT_NODE), given(values, NodeOption.MINE), t, Optional.of(dir),
                !given(values, NodeOption.NO_DEMO_ACCOUNTS), params, maxPeers);
        // Genesis's nonce is written down, but its coinbases need A's and B's keys (Ed25519, cold
        // code, BouncyCastle's tables): built on another core while this one opens the store.
        ConsensusParams chosen = params;
        CompletableFuture.runAsync(() -> Genesis.block(chosen));
        Node node;
        try {
            node = given(values, NodeOption.REINDEX) ? new Node(config, Reindex.run(dir, params)) : new Node(config);
        } catch (StoreException e) {
            // A locked, damaged or foreign data dir: say so and how to get out, without a stack trace.
            System.err.println("powchain: " + e.getMessage());
            return 1;
        }
        ApiServer api = new ApiServer(node, operators);
        if (given(values, NodeOption.LINK_FAULTS)) {
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

    @SuppressWarnings("unchecked")
    private static <T> T get(Map<NodeOption, Object> values, NodeOption o) {
        return (T) values.get(o);
    }

    private static boolean given(Map<NodeOption, Object> values, NodeOption flag) {
        return Boolean.TRUE.equals(values.get(flag));
    }
}
