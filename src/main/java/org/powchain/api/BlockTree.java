package org.powchain.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.powchain.chain.BlockNode;
import org.powchain.chain.ChainQueries;
import org.powchain.core.Block;
import org.powchain.core.Hash;

/**
 * The block tree as {@code /api/v1/chain/...} shows it: every branch tip with its work (like
 * Bitcoin Core's {@code getchaintips}), and the recent part of the tree, main chain, side branches
 * and orphans, for the explorer to draw.
 */
final class BlockTree {
    static final int MAX_DEPTH = 500;

    private final ChainQueries chain;

    BlockTree(ChainQueries chain) {
        this.chain = chain;
    }

    /**
     * Every branch tip: the main tip ({@code active}), the tips of side branches ({@code valid-fork})
     * with how many blocks they hold since they left the main chain, and the last block of each chain
     * of orphans ({@code orphan}), which waits for an unknown parent.
     */
    List<Map<String, Object>> tips() {
        List<Map<String, Object>> out = new ArrayList<>();
        List<BlockNode> tips = chain.branchTips();
        for (int i = 0; i < tips.size(); i++) {
            BlockNode tip = tips.get(i);
            BlockNode fork = tip;
            while (i > 0 && fork.parent() != null && !chain.isOnMainChain(fork.hash())) {
                fork = fork.parent();
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("hash", tip.hash().toHex());
            t.put("height", tip.height());
            t.put("chainWork", tip.chainWork().toString());
            t.put("branchLength", tip.height() - fork.height());
            t.put("forkHeight", fork.height());
            t.put("status", i == 0 ? "active" : "valid-fork");
            out.add(t);
        }
        List<Block> orphans = chain.orphans();
        Map<Hash, Block> byHash = new HashMap<>();
        Set<Hash> parents = new HashSet<>();
        orphans.forEach(b -> {
            byHash.put(b.hash(), b);
            parents.add(b.previousHash());
        });
        for (Block b : orphans) {
            if (parents.contains(b.hash())) {
                continue; // not the last of its orphan chain
            }
            int length = 1;
            Block first = b;
            while (byHash.containsKey(first.previousHash())) {
                first = byHash.get(first.previousHash());
                length++;
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("hash", b.hash().toHex());
            t.put("height", null);
            t.put("chainWork", null);
            t.put("branchLength", length);
            t.put("missingParent", first.previousHash().toHex());
            t.put("status", "orphan");
            out.add(t);
        }
        return out;
    }

    /**
     * The blocks of the last {@code depth} heights on every branch, oldest first, each with its parent
     * and whether it is on the main chain, and all orphans (their height is unknown until their parent
     * arrives).
     */
    Map<String, Object> recent(int depth) {
        BlockNode tip = chain.tipNode();
        int from = Math.max(0, tip.height() - depth + 1);
        List<Map<String, Object>> blocks = new ArrayList<>();
        // oldest first; at one height the main-chain block first, then side branches by work
        Comparator<BlockNode> order = Comparator.<BlockNode>comparingInt(BlockNode::height)
                .thenComparing(n -> !chain.isOnMainChain(n.hash()))
                .thenComparing(BlockNode::chainWork, Comparator.reverseOrder());
        chain.allNodes().stream()
                .filter(n -> n.height() >= from)
                .sorted(order)
                .forEach(n -> {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("hash", n.hash().toHex());
                    b.put("previousHash", n.header().previousHash().toHex());
                    b.put("height", n.height());
                    b.put("status", chain.isOnMainChain(n.hash()) ? "main" : "side");
                    b.put("chainWork", n.chainWork().toString());
                    b.put("timestamp", n.header().timestamp());
                    blocks.add(b);
                });
        for (Block o : chain.orphans()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("hash", o.hash().toHex());
            b.put("previousHash", o.previousHash().toHex());
            b.put("height", null);
            b.put("status", "orphan");
            b.put("chainWork", null);
            b.put("timestamp", o.header().timestamp());
            blocks.add(b);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tip", tip.hash().toHex());
        out.put("height", tip.height());
        out.put("from", from);
        out.put("reorgs", chain.reorgCount());
        out.put("deepestReorg", chain.deepestReorg());
        out.put("blocks", blocks);
        return out;
    }
}
