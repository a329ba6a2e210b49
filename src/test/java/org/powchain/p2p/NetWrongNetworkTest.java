package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.api.TestNode;
import org.powchain.wire.PeerAddress;

/** Nodes whose consensus parameters differ (here only {@code --difficulty}) are on different networks. */
@Tag("network")
class NetWrongNetworkTest {
    final Cluster cluster = new Cluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aNodeRefusesTheHelloOfANodeOnAnotherNetwork() {
        TestNode classroom = cluster.start("classroom");
        TestNode pinned = cluster.start("pinned", c -> c.withParams(c.params().withPinnedDifficulty(1)));
        ObjectNode hello = pinned.node().network().hello();

        TestNode.Reply reply = classroom.post("/p2p/hello", hello.toString());

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().path("error").asText()).isEqualTo("wrong-network");
        assertThat(reply.json().path("detail").asText())
                .contains(classroom.node().queries().networkId().toString(), pinned.node().queries().networkId().toString());
    }

    @Test
    void nodesOnDifferentNetworksNeverBecomePeers() {
        TestNode classroom = cluster.start("classroom");
        TestNode pinned = cluster.start("pinned", c -> c.withParams(c.params().withPinnedDifficulty(1)), classroom);

        await().atMost(Cluster.DEADLINE).until(() -> !pinned.node().peers().contains(
                PeerAddress.parse(Cluster.address(classroom)).orElseThrow()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> classroom.node().peers().gossipable().isEmpty() && pinned.node().peers().gossipable().isEmpty());
    }
}
