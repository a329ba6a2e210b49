package org.powchain.devnet;

import java.util.ArrayList;
import java.util.List;
import org.powchain.consensus.Ledgers;

/**
 * What a devnet is made of, all from one seed: how many nodes on which ports, how they are first
 * linked, who mines with what share of the hashrate, how much traffic. Saved as {@code devnet.json}
 * in the devnet's dir, and inside an exported devnet.
 *
 * @param nodes          node processes, named n0, n1, ...
 * @param basePort       node i listens on basePort + i
 * @param controlPort    the devnet's own HTTP port: its page and control API
 * @param topology       ring, star, random, or a file of "a b" lines (node indices)
 * @param shares         each node's share of the hashrate (0 for non-miners); they sum to 1, or all 0
 * @param blockInterval  expected seconds between blocks over the whole network; 0 mines only on request
 * @param txRate         background transfers per second over the network; 0 sends none
 * @param seed           seeds the topology, who mines next and when, and the transfers
 * @param difficulty     leading zero bits every node pins (so a block costs a few ms to find)
 * @param ledger         the ledger model every node runs ({@code account} or {@code utxo}: {@link Ledgers});
 *                       a spec written before there was a choice reads as {@code account}
 */
public record DevnetSpec(int nodes, int basePort, int controlPort, String topology, List<Double> shares,
                         double blockInterval, double txRate, long seed, int difficulty, String ledger) {
    public DevnetSpec {
        ledger = ledger == null ? Ledgers.DEFAULT.name() : ledger;
        Ledgers.byName(ledger); // IllegalArgumentException naming the models there are
        if (nodes < 1 || nodes > 100) {
            throw new IllegalArgumentException("--nodes must be 1..100");
        }
        if (basePort < 1 || basePort + nodes > 65535 || controlPort < 1 || controlPort > 65535) {
            throw new IllegalArgumentException("ports must be 1..65535");
        }
        if (controlPort >= basePort && controlPort < basePort + nodes) {
            throw new IllegalArgumentException("--port " + controlPort + " is one of the nodes' ports");
        }
        shares = List.copyOf(shares);
        if (shares.size() != nodes) {
            throw new IllegalArgumentException("one hashrate share per node: " + nodes + " nodes, " + shares.size() + " shares");
        }
        double sum = shares.stream().mapToDouble(Double::doubleValue).sum();
        if (shares.stream().anyMatch(s -> !(s >= 0)) || (sum != 0 && Math.abs(sum - 1) > 1e-6)) {
            throw new IllegalArgumentException("hashrate shares must be at least 0 and sum to 1: " + shares);
        }
        if (!(blockInterval >= 0) || !(txRate >= 0) || txRate > 1000) {
            throw new IllegalArgumentException("--block-interval must be >= 0 and --tx-rate 0..1000");
        }
        if (difficulty < 1 || difficulty > 24) {
            throw new IllegalArgumentException("--difficulty must be 1..24 bits");
        }
    }

    /** A devnet of the default ledger model (the account model). */
    public DevnetSpec(int nodes, int basePort, int controlPort, String topology, List<Double> shares,
                      double blockInterval, double txRate, long seed, int difficulty) {
        this(nodes, basePort, controlPort, topology, shares, blockInterval, txRate, seed, difficulty, null);
    }

    /** The first {@code miners} nodes share the hashrate equally, or as {@code given} says. */
    public static List<Double> shares(int nodes, int miners, List<Double> given) {
        if (!given.isEmpty()) {
            if (given.size() > nodes) {
                throw new IllegalArgumentException("--shares names " + given.size() + " miners, but there are " + nodes + " nodes");
            }
            List<Double> out = new ArrayList<>(given);
            while (out.size() < nodes) {
                out.add(0.0);
            }
            return out;
        }
        if (miners < 0 || miners > nodes) {
            throw new IllegalArgumentException("--miners must be 0.." + nodes);
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            out.add(i < miners ? 1.0 / miners : 0.0);
        }
        return out;
    }

    /**
     * The ledger model of the devnet that last ran in {@code dir} (its {@code devnet.json}), or null
     * if none did or it cannot be read: the model its nodes' data dirs hold, which they refuse to
     * open as the other one.
     */
    public static String earlierLedger(java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve(Devnet.SPEC_FILE);
        try {
            return java.nio.file.Files.exists(file) ? LocalHttp.JSON.readTree(file.toFile()).path("ledger").asText(null) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    public String nodeId(int i) {
        return "n" + i;
    }

    public int port(int i) {
        return basePort + i;
    }

    /** How a node names node {@code i} as a peer: what its peer store and link faults key on. */
    public String address(int i) {
        return "127.0.0.1:" + port(i);
    }

    public DevnetSpec withShares(List<Double> s) {
        return new DevnetSpec(nodes, basePort, controlPort, topology, s, blockInterval, txRate, seed, difficulty, ledger);
    }
}
