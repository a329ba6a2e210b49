package org.powchain.cli;

import java.nio.file.Path;
import java.util.List;
import org.powchain.node.NodeConfig;

/**
 * The node command's options, in the order its help lists them: one table that picocli's spec (the
 * help, every refusal) and {@link NodeArgs} (a start without picocli) are both built from.
 */
enum NodeOption {
    PORT(Kind.VALUE, Integer.class, "<port>", null, "HTTP port to listen on (required to run a node).", "-p", "--port"),
    MINE(Kind.FLAG, "Mine continuously, one block after another.", "-m", "--mine"),
    BOOT_NODE(Kind.LIST, String.class, "HOST:PORT", null, "A node to join the network through (repeatable).", "-b",
            "--boot-node"),
    NODE_ID(Kind.VALUE, String.class, "<nodeId>", null, "This node's name; also the demo account its mining rewards go"
            + " to (default: a short random id).", "-i", "--node-id"),
    NODE_IP(Kind.VALUE, String.class, "<nodeIp>", null, "The address other nodes should dial to reach this one (default:"
            + " localhost). Set it to your public IP when peers are on other machines.", "-n", "--node-ip"),
    MAX_PEERS(Kind.VALUE, Integer.class, "N", String.valueOf(NodeConfig.DEFAULT_MAX_PEERS), "Keep at most N peers"
            + " (default: ${DEFAULT-VALUE}). A peer named with /addpeer is kept even beyond N, as Bitcoin Core's addnode.",
            "--max-peers"),
    HOST(Kind.VALUE, String.class, "<host>", "0.0.0.0", "Address to bind the HTTP server to (default: ${DEFAULT-VALUE};"
            + " 127.0.0.1 keeps the node private to this machine).", "--host"),
    DIFFICULTY(Kind.VALUE, Integer.class, "BITS", null, "Pin the difficulty to BITS leading zero bits for every block"
            + " after genesis (no retargeting). All nodes of a network must agree on it.", "--difficulty"),
    LEDGER(Kind.VALUE, String.class, "MODEL", null, "The ledger model: account (balances and nonces, the default) or utxo"
            + " (unspent outputs, as Bitcoin). Part of the network: nodes of different models never peer. Kept in the"
            + " data dir: without --ledger a node runs the model its data dir holds.", "--ledger"),
    THREADS(Kind.VALUE, Integer.class, "<threads>", null, "Mining threads (default: all ${sys:powchain.cores} cores).",
            "--threads"),
    DATA_DIR(Kind.VALUE, Path.class, "DIR", null, "Where the node keeps its chain, ledger and mempool (default:"
            + " ./data/<port>). One node per data dir: a second one is refused.", "--data-dir"),
    REINDEX(Kind.FLAG, "Rebuild the chain state from the blocks stored in the data dir, validating each again: the way"
            + " out when the database is damaged.", "--reindex"),
    RPC_ALLOW_IP(Kind.LIST, String.class, "CIDR", null, "Let clients in CIDR (e.g. 192.168.1.0/24) call the routes that"
            + " change what the node does: /mine, POST /api/v1/mine, /addpeer, /resolvesplit. Without it only this"
            + " machine (loopback) may. Repeatable.", "--rpc-allow-ip"),
    NO_DEMO_ACCOUNTS(Kind.FLAG, "Refuse demo account names (A, B, alice...): only addresses and signed transactions.",
            "--no-demo-accounts"),
    LINK_FAULTS(Kind.FLAG, "Let this machine set delay and loss on this node's messages to each peer at run time"
            + " (/p2p/faults): what powchain devnet starts its nodes with.", "--link-faults"),
    CONTROLLER_PID(Kind.VALUE, Long.class, "PID", null, "Stop this node when process PID has exited (checked every 250"
            + " ms): powchain devnet starts its nodes with its own pid, so no node outlives it.", "--controller-pid"),
    // what picocli's mixinStandardHelpOptions adds, but that reads them from its own annotated class
    HELP(Kind.USAGE_HELP, "Show this help message and exit.", "-h", "--help"),
    VERSION(Kind.VERSION_HELP, "Print version information and exit.", "-V", "--version");

    enum Kind {
        /** One value: {@code --port 5000} or {@code --port=5000}. */
        VALUE,
        /** Present or not. */
        FLAG,
        /** Repeatable, each with a value. */
        LIST,
        USAGE_HELP,
        VERSION_HELP
    }

    final Kind kind;
    /** The type of a value (a list's elements); boolean for the rest. */
    final Class<?> type;
    /** How the help names the value; null for a flag. */
    final String label;
    /** The value when the option is not given, as text; null when there is none. */
    final String defaultValue;
    final String description;
    final List<String> names;

    NodeOption(Kind kind, Class<?> type, String label, String defaultValue, String description, String... names) {
        this.kind = kind;
        this.type = type;
        this.label = label;
        this.defaultValue = defaultValue;
        this.description = description;
        this.names = List.of(names);
    }

    NodeOption(Kind kind, String description, String... names) {
        this(kind, boolean.class, null, null, description, names);
    }

    /** The long name ({@code --port}): what refusals and {@link #named} use. */
    String longName() {
        return names.get(names.size() - 1);
    }

    /** The option one of whose names is {@code name}, or null. */
    static NodeOption named(String name) {
        for (NodeOption o : values()) {
            if (o.names.contains(name)) {
                return o;
            }
        }
        return null;
    }
}
