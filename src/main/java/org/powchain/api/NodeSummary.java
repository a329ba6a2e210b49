package org.powchain.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.powchain.chain.BlockNode;
import org.powchain.core.Target;
import org.powchain.node.Node;
import org.powchain.wire.PeerAddress;

/** The node at a glance: what {@code /} answers a non-browser. */
final class NodeSummary {
    private final Node node;

    NodeSummary(Node node) {
        this.node = node;
    }

    Map<String, Object> summary() {
        BlockNode tip = node.queries().tipNode();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", "powchain");
        out.put("nodeId", node.config().nodeId());
        out.put("network", node.queries().networkId().toString());
        out.put("ledger", node.queries().params().ledger().name());
        out.put("minerAddress", node.minerAddress().toHex());
        out.put("height", tip.height());
        out.put("tip", tip.hash().toHex());
        out.put("chainWork", tip.chainWork().toString());
        out.put("bits", String.format("%08x", tip.header().bits()));
        out.put("nextBits", String.format("%08x", node.queries().templateContext().bits()));
        out.put("difficulty", Math.round(Target.leadingZeroBits(node.queries().templateContext().bits()) * 100) / 100.0);
        out.put("mempool", node.mempool().size());
        out.put("peers", node.peers().size());
        // whom it reaches now: a devnet's page draws the network from these, not from the topology it started with
        out.put("healthyPeers", node.peers().healthy().stream().map(PeerAddress::toString).toList());
        out.put("mining", node.miner().isContinuous());
        out.put("threads", node.miner().threads());
        out.put("hashrate", Math.round(node.miner().hashrate()));
        out.put("blocksMined", node.miner().blocksMined());
        out.put("reorgs", node.queries().reorgCount());
        out.put("deepestReorg", node.queries().deepestReorg());
        out.put("orphans", node.queries().orphans().size());
        out.put("demoAccounts", node.accounts().demoAccountsEnabled());
        out.put("difficultyPinned", node.queries().params().pinnedBits().isPresent());
        return out;
    }
}
