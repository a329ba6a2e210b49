package org.powchain.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * What the page and {@code devnet status} show, gathered from every node at once: each node's
 * summary, and the union of their recent block trees.
 */
final class NetworkView {
    private final DevnetSpec spec;
    private final NodeProcesses nodes;

    NetworkView(DevnetSpec spec, NodeProcesses nodes) {
        this.spec = spec;
        this.nodes = nodes;
    }

    /** Each node's {@code /api/v1/node}, or null for a node down or not answering. */
    List<JsonNode> summaries() {
        return nodes.eachUp(i -> LocalHttp.getOk(nodes.all().get(i).port(), "/api/v1/node"));
    }

    /** The nodes: id, port, pid, share, and what each says of itself (height, tip, peers, mempool, reorgs). */
    void addNodes(ObjectNode out, List<Double> shares) {
        ArrayNode list = out.putArray("node");
        List<JsonNode> summaries = summaries();
        Map<String, Integer> index = new HashMap<>(); // a peer's address, as its peers list it: which node it is
        nodes.all().forEach(n -> index.put(spec.address(n.index()), n.index()));
        for (DevnetNode n : nodes.all()) {
            ObjectNode o = list.addObject();
            o.put("index", n.index()).put("id", n.id()).put("port", n.port()).put("share", shares.get(n.index()));
            n.pid().ifPresentOrElse(p -> o.put("pid", p), () -> o.putNull("pid"));
            JsonNode s = summaries.get(n.index());
            o.put("up", s != null);
            if (s != null) {
                o.put("height", s.path("height").asLong()).put("tip", s.path("tip").asText())
                        .put("chainWork", s.path("chainWork").asText()).put("peers", s.path("peers").asInt())
                        .put("mempool", s.path("mempool").asInt()).put("reorgs", s.path("reorgs").asLong());
                ArrayNode linked = o.putArray("linkedTo");
                s.path("healthyPeers").forEach(a -> {
                    Integer j = index.get(a.asText());
                    if (j != null) {
                        linked.add(j);
                    }
                });
            }
        }
    }

    /**
     * The network as the page draws it ({@code graph}): every pair of nodes that is a topology link
     * or that either node reaches now (gossip soon links more pairs than the topology named), each
     * with {@code topology}, {@code live} (one end lists the other among its healthy peers) and
     * {@code cut} (the split puts its ends in different groups).
     *
     * @param out a status holding the topology's {@code links} and each node's {@code linkedTo}
     */
    static void addGraph(ObjectNode out, BiPredicate<Integer, Integer> cut) {
        Map<Topology.Link, ObjectNode> pairs = new TreeMap<>(Comparator.comparingInt(Topology.Link::a)
                .thenComparingInt(Topology.Link::b));
        out.path("links").forEach(l -> pair(pairs, new Topology.Link(l.path("a").asInt(), l.path("b").asInt()))
                .put("topology", true));
        out.path("node").forEach(n -> n.path("linkedTo").forEach(j -> pair(pairs, new Topology.Link(n.path("index").asInt(),
                j.asInt())).put("live", true)));
        ArrayNode graph = out.putArray("graph");
        pairs.forEach((l, o) -> graph.add(o.put("cut", cut.test(l.a(), l.b()))));
    }

    private static ObjectNode pair(Map<Topology.Link, ObjectNode> pairs, Topology.Link link) {
        return pairs.computeIfAbsent(link, l -> LocalHttp.JSON.createObjectNode().put("a", l.a()).put("b", l.b())
                .put("topology", false).put("live", false));
    }

    /**
     * The union of the nodes' recent block trees: each block once, with the nodes whose tip it is
     * ({@code tipOf}), that have it on their main chain ({@code mainOf}) and that reported it
     * ({@code knownTo}). A node reports only its last {@code depth} heights; a block below that
     * window is on its main chain when it is an ancestor of the lowest main block the node did
     * report, so it counts in {@code mainOf} too (without that, after a split every old block looked
     * off the main chain of the node whose window ended above it).
     */
    ObjectNode tree(int depth) {
        List<JsonNode> trees = nodes.eachUp(i -> LocalHttp.getOk(nodes.all().get(i).port(), "/api/v1/chain/tree?depth=" + depth));
        Map<String, ObjectNode> blocks = new LinkedHashMap<>();
        for (int i = 0; i < trees.size(); i++) {
            JsonNode t = trees.get(i);
            if (t == null) {
                continue;
            }
            String id = nodes.all().get(i).id();
            for (JsonNode b : t.path("blocks")) {
                if (b.path("height").isNull()) {
                    continue; // an orphan: no place in the tree yet
                }
                ObjectNode o = blocks.computeIfAbsent(b.path("hash").asText(), h -> {
                    ObjectNode n = LocalHttp.JSON.createObjectNode();
                    n.put("hash", h).put("previousHash", b.path("previousHash").asText())
                            .put("height", b.path("height").asLong()).put("chainWork", b.path("chainWork").asText());
                    n.putArray("tipOf");
                    n.putArray("mainOf");
                    n.putArray("knownTo");
                    return n;
                });
                ((ArrayNode) o.get("knownTo")).add(id);
                if (b.path("status").asText().equals("main")) {
                    ((ArrayNode) o.get("mainOf")).add(id);
                }
                if (b.path("hash").asText().equals(t.path("tip").asText())) {
                    ((ArrayNode) o.get("tipOf")).add(id);
                }
            }
        }
        for (int i = 0; i < trees.size(); i++) {
            if (trees.get(i) != null) {
                markAncestorsMain(blocks, trees.get(i), nodes.all().get(i).id());
            }
        }
        ObjectNode out = LocalHttp.JSON.createObjectNode();
        ArrayNode list = out.putArray("blocks");
        blocks.values().stream().sorted(Comparator.comparingLong(b -> b.get("height").asLong())).forEach(list::add);
        return out;
    }

    /** Below the lowest main block node {@code id} reported, its ancestors in the union are on its main chain too. */
    static void markAncestorsMain(Map<String, ObjectNode> blocks, JsonNode tree, String id) {
        String lowest = null;
        long lowestHeight = Long.MAX_VALUE;
        for (JsonNode b : tree.path("blocks")) {
            if (b.path("status").asText().equals("main") && b.path("height").asLong() < lowestHeight) {
                lowestHeight = b.path("height").asLong();
                lowest = b.path("hash").asText();
            }
        }
        Set<String> seen = new HashSet<>();
        for (ObjectNode b = lowest == null ? null : blocks.get(blocks.get(lowest).get("previousHash").asText());
             b != null && seen.add(b.get("hash").asText()); b = blocks.get(b.get("previousHash").asText())) {
            ArrayNode main = (ArrayNode) b.get("mainOf");
            if (!contains(main, id)) {
                main.add(id);
            }
        }
    }

    private static boolean contains(ArrayNode a, String id) {
        for (JsonNode n : a) {
            if (n.asText().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
