package org.powchain.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits and link faults, kept in one place and set on every node's own transport
 * ({@code /p2p/faults}): a split is loss 1 on every message between nodes of different groups;
 * a link's delay and loss apply both ways. A node started again gets its faults back.
 */
final class LinkFaultPlan {
    private final DevnetSpec spec;
    private final NodeProcesses nodes;
    private final List<Topology.Link> links;
    private final Events events;
    /** A split: each node's group number; empty when the network is whole. */
    private Map<Integer, Integer> groups = Map.of();
    /** Faults set on links, both directions. */
    private final Map<Topology.Link, double[]> linkFaults = new HashMap<>();

    LinkFaultPlan(DevnetSpec spec, NodeProcesses nodes, List<Topology.Link> links, Events events) {
        this.spec = spec;
        this.nodes = nodes;
        this.links = links;
        this.events = events;
    }

    /** Splits the network: nodes in different groups lose every message to each other. Nodes in no group form one more. */
    void split(List<List<Integer>> parts) throws IOException {
        Map<Integer, Integer> g = new HashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            for (int i : parts.get(p)) {
                nodes.node(i);
                if (g.put(i, p) != null) {
                    throw new IllegalArgumentException("node " + i + " is in two groups");
                }
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            g.putIfAbsent(i, parts.size());
        }
        if (g.values().stream().distinct().count() < 2) {
            throw new IllegalArgumentException("a split needs at least two groups, e.g. 0,1|2,3");
        }
        groups = g;
        apply();
        events.add("split", "split into " + groupLists());
    }

    /** Ends a split: messages flow again, each node dials its topology links and syncs with its peers at once. */
    void heal() throws IOException {
        groups = Map.of();
        apply();
        for (Topology.Link l : links) {
            DevnetNode a = nodes.all().get(l.a());
            DevnetNode b = nodes.all().get(l.b());
            if (a.alive() && b.alive()) {
                LocalHttp.get(a.port(), "/addpeer?peer=" + spec.address(l.b()));
                LocalHttp.get(b.port(), "/addpeer?peer=" + spec.address(l.a()));
            }
        }
        for (DevnetNode n : nodes.all()) {
            if (n.alive()) {
                LocalHttp.get(n.port(), "/resolvesplit");
            }
        }
        events.add("heal", "healed: one network again");
    }

    /** Delay and loss on the messages between nodes a and b, both ways (0, 0 clears them). */
    void link(int a, int b, long delayMillis, double loss) throws IOException {
        nodes.node(a);
        nodes.node(b);
        if (delayMillis < 0 || delayMillis > 60_000 || !(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("delay is 0..60000 ms and loss 0..1");
        }
        Topology.Link l = new Topology.Link(a, b);
        if (delayMillis == 0 && loss == 0) {
            linkFaults.remove(l);
        } else {
            linkFaults.put(l, new double[] {delayMillis, loss});
        }
        apply();
    }

    /** Whether a split cuts every message between a and b now. */
    boolean cut(int a, int b) {
        return !groups.isEmpty() && !groups.get(a).equals(groups.get(b));
    }

    List<List<Integer>> groupLists() {
        Map<Integer, List<Integer>> byGroup = new TreeMap<>();
        groups.forEach((node, group) -> byGroup.computeIfAbsent(group, x -> new ArrayList<>()).add(node));
        byGroup.values().forEach(Collections::sort);
        return new ArrayList<>(byGroup.values());
    }

    /** The split groups and each topology link with its faults and whether it is cut, into {@code out}. */
    void describe(ObjectNode out) {
        ArrayNode split = out.putArray("groups");
        groupLists().forEach(g -> {
            ArrayNode a = split.addArray();
            g.forEach(a::add);
        });
        ArrayNode ls = out.putArray("links");
        for (Topology.Link l : links) {
            ObjectNode o = ls.addObject().put("a", l.a()).put("b", l.b());
            double[] f = linkFaults.get(l);
            o.put("delayMs", f == null ? 0 : (long) f[0]).put("loss", f == null ? 0 : f[1]).put("cut", cut(l.a(), l.b()));
        }
    }

    void apply() throws IOException {
        for (DevnetNode n : nodes.all()) {
            if (n.alive()) {
                apply(n);
            }
        }
    }

    /** Node n's faults, as the split and the link settings make them: cleared, then each peer's set. */
    void apply(DevnetNode n) throws IOException {
        expectOk(LocalHttp.send(n.port(), "DELETE", "/p2p/faults"), n);
        for (DevnetNode peer : nodes.all()) {
            if (peer == n) {
                continue;
            }
            double[] f = linkFaults.get(new Topology.Link(n.index(), peer.index()));
            long delay = f == null ? 0 : (long) f[0];
            double loss = cut(n.index(), peer.index()) ? 1 : f == null ? 0 : f[1];
            if (delay > 0 || loss > 0) {
                expectOk(LocalHttp.post(n.port(), "/p2p/faults?peer=" + URLEncoder.encode(spec.address(peer.index()),
                        StandardCharsets.UTF_8) + "&delayMs=" + delay + "&loss=" + loss), n);
            }
        }
    }

    private static void expectOk(LocalHttp.Reply r, DevnetNode n) throws IOException {
        if (!r.ok()) {
            throw new IOException(n.id() + " refused its link faults: " + r.json());
        }
    }
}
