package org.powchain.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.powchain.consensus.ConsensusParams;

/**
 * Everything a node is started with; the CLI flags map onto it one to one.
 *
 * @param port          HTTP port (0: any free port, for tests)
 * @param host          address to bind
 * @param nodeId        names this node and its miner's demo account
 * @param nodeIp        the address other nodes should dial (default: {@code host}, or localhost)
 * @param bootNodes     peers to contact first
 * @param mine          mine continuously from the start
 * @param threads       mining threads
 * @param dataDir       where the chain is kept; empty keeps it in memory only
 * @param demoAccounts  whether short names (A, B, alice) are accepted as demo accounts
 * @param params        the consensus rules
 * @param maxPeers      how many peers it keeps at most (an operator's {@code /addpeer} is kept beyond it)
 */
public record NodeConfig(int port, String host, String nodeId, String nodeIp, List<String> bootNodes, boolean mine,
                         int threads, Optional<Path> dataDir, boolean demoAccounts, ConsensusParams params, int maxPeers) {
    /** What {@code --max-peers} is without the flag. */
    public static final int DEFAULT_MAX_PEERS = 32;

    public NodeConfig {
        bootNodes = List.copyOf(bootNodes);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (maxPeers < 1) {
            throw new IllegalArgumentException("maxPeers must be at least 1");
        }
    }

    public NodeConfig(int port, String host, String nodeId, String nodeIp, List<String> bootNodes, boolean mine,
                      int threads, Optional<Path> dataDir, boolean demoAccounts, ConsensusParams params) {
        this(port, host, nodeId, nodeIp, bootNodes, mine, threads, dataDir, demoAccounts, params, DEFAULT_MAX_PEERS);
    }

    /** A node on a free loopback port, in memory, with test-speed proof of work. */
    public static NodeConfig forTests(String nodeId) {
        return new NodeConfig(0, "127.0.0.1", nodeId, "127.0.0.1", List.of(), false, 1, Optional.empty(), true,
                ConsensusParams.forTests());
    }

    public NodeConfig withBootNodes(List<String> nodes) {
        return new NodeConfig(port, host, nodeId, nodeIp, nodes, mine, threads, dataDir, demoAccounts, params, maxPeers);
    }

    public NodeConfig withParams(ConsensusParams p) {
        return new NodeConfig(port, host, nodeId, nodeIp, bootNodes, mine, threads, dataDir, demoAccounts, p, maxPeers);
    }

    public NodeConfig withDataDir(Path dir) {
        return new NodeConfig(port, host, nodeId, nodeIp, bootNodes, mine, threads, Optional.of(dir), demoAccounts, params, maxPeers);
    }

    public NodeConfig withMaxPeers(int n) {
        return new NodeConfig(port, host, nodeId, nodeIp, bootNodes, mine, threads, dataDir, demoAccounts, params, n);
    }

    public NodeConfig withMine(boolean on) {
        return new NodeConfig(port, host, nodeId, nodeIp, bootNodes, on, threads, dataDir, demoAccounts, params, maxPeers);
    }
}
