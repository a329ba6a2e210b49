package org.powchain.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The page's colours after a split: a block below one node's reported window is still on that
 * node's main chain when it is an ancestor of the node's lowest reported main block (issue 27:
 * blocks 2-4 of every main chain were drawn orange). And the network graph: who is linked now,
 * not only the topology the devnet started with.
 */
@Tag("unit")
class NetworkViewTest {
    @Test
    void aBlockBelowANodesWindowIsOnItsMainChainWhenItIsAnAncestor() {
        // a chain 0..12; n0 reports all of it, n1 only heights 10..12 (a shorter window)
        Map<String, ObjectNode> union = new LinkedHashMap<>();
        for (int h = 0; h <= 12; h++) {
            ObjectNode b = LocalHttp.JSON.createObjectNode().put("hash", "b" + h).put("previousHash", h == 0 ? "" : "b" + (h - 1))
                    .put("height", h);
            b.putArray("mainOf").add("n0");
            if (h >= 10) {
                ((ArrayNode) b.get("mainOf")).add("n1");
            }
            union.put("b" + h, b);
        }
        // a side block at height 5 that n0 knows and is on no main chain
        ObjectNode side = LocalHttp.JSON.createObjectNode().put("hash", "s5").put("previousHash", "b4").put("height", 5);
        side.putArray("mainOf");
        union.put("s5", side);

        NetworkView.markAncestorsMain(union, tree(10, 12), "n1");

        for (int h = 0; h <= 12; h++) {
            assertThat(ids(union.get("b" + h).get("mainOf"))).as("block %d", h).containsExactlyInAnyOrder("n0", "n1");
        }
        assertThat(ids(side.get("mainOf"))).as("a side block stays off n1's main chain").isEmpty();
    }

    private static JsonNode tree(int from, int to) {
        ObjectNode t = LocalHttp.JSON.createObjectNode();
        ArrayNode blocks = t.putArray("blocks");
        for (int h = from; h <= to; h++) {
            blocks.addObject().put("hash", "b" + h).put("previousHash", "b" + (h - 1)).put("height", h).put("status", "main");
        }
        return t;
    }

    private static List<String> ids(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theGraphHasEveryPairLinkedNowBesideTheTopologyAndMarksThePairsTheSplitCuts() {
        // a ring of four, 0-1-2-3-0; gossip has linked 0 and 2 as well; node 3 is down; split 0,1 | 2,3
        ObjectNode status = LocalHttp.JSON.createObjectNode();
        ArrayNode links = status.putArray("links");
        for (int[] l : new int[][] {{0, 1}, {1, 2}, {2, 3}, {0, 3}}) {
            links.addObject().put("a", l[0]).put("b", l[1]);
        }
        ArrayNode nodes = status.putArray("node");
        int[][] linkedTo = {{1, 2}, {0, 2}, {1, 0}, {}};
        for (int i = 0; i < 4; i++) {
            ObjectNode n = nodes.addObject().put("index", i);
            if (i < 3) { // a node that is down reports nothing
                ArrayNode to = n.putArray("linkedTo");
                for (int j : linkedTo[i]) {
                    to.add(j);
                }
            }
        }

        NetworkView.addGraph(status, (a, b) -> (a < 2) != (b < 2));

        List<String> drawn = new ArrayList<>();
        status.get("graph").forEach(l -> drawn.add(l.get("a").asInt() + "-" + l.get("b").asInt()
                + (l.get("topology").asBoolean() ? " topology" : "") + (l.get("live").asBoolean() ? " live" : "")
                + (l.get("cut").asBoolean() ? " cut" : "")));
        assertThat(drawn).containsExactly(
                "0-1 topology live",  // named by the topology, linked
                "0-2 live cut",       // made by gossip, across the split
                "0-3 topology cut",   // node 3 is down: not linked, and across the split
                "1-2 topology live cut",
                "2-3 topology");      // not linked now (node 3 is down), in one group
    }
}
