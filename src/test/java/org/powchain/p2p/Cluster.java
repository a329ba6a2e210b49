package org.powchain.p2p;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.powchain.api.TestNode;
import org.powchain.node.NodeConfig;

/** Several real nodes on loopback, each on a free port, for the multi-node tests. Close it to stop them all. */
final class Cluster implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    final List<TestNode> nodes = new ArrayList<>();

    /** Starts a node whose boot nodes are {@code boot} (may be none). */
    TestNode start(String id, UnaryOperator<NodeConfig> tweak, TestNode... boot) {
        List<String> bootNodes = new ArrayList<>();
        for (TestNode b : boot) {
            bootNodes.add(address(b));
        }
        TestNode n = new TestNode(tweak.apply(NodeConfig.forTests(id).withBootNodes(bootNodes)));
        nodes.add(n);
        return n;
    }

    TestNode start(String id, TestNode... boot) {
        return start(id, UnaryOperator.identity(), boot);
    }

    /** Stops one node (the others keep running). */
    void stop(TestNode n) {
        nodes.remove(n);
        n.close();
    }

    static String address(TestNode n) {
        return n.node().peers().self();
    }

    static Set<String> peerStore(TestNode n) {
        Set<String> out = new HashSet<>();
        n.get("/getpeerstore").json().forEach(p -> out.add(p.asText()));
        return out;
    }

    static String tip(TestNode n) {
        return n.node().queries().tipNode().hash().toHex();
    }

    static long balance(TestNode n, String account) {
        JsonNode b = n.get("/getbalance?account=" + account).json();
        return b.get("balance").asLong();
    }

    /** Waits until every node in {@code group} knows every other one. */
    static void awaitMesh(List<TestNode> group) {
        await().atMost(DEADLINE).untilAsserted(() -> {
            for (TestNode n : group) {
                Set<String> others = new HashSet<>();
                group.stream().filter(o -> o != n).forEach(o -> others.add(address(o)));
                org.assertj.core.api.Assertions.assertThat(peerStore(n)).containsAll(others);
                org.assertj.core.api.Assertions.assertThat(n.node().peers().gossipable().stream().map(Object::toString))
                        .containsAll(others);
            }
        });
    }

    /** Waits until every node in {@code group} has the same tip. */
    static void awaitSameTip(List<TestNode> group) {
        await().atMost(DEADLINE).until(() -> group.stream().map(Cluster::tip).distinct().count() == 1);
    }

    @Override
    public void close() {
        nodes.forEach(TestNode::close);
    }
}
