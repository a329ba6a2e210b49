package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.api.TestNode;

/** {@code --max-peers}: a full node keeps no more, still hears blocks, and keeps a peer an operator names. */
@Tag("network")
class NetMaxPeersTest {
    final Cluster cluster = new Cluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aNodeKeepsAtMostItsMaxPeersHearsBlocksFromTheOthersAndKeepsAPeerItIsToldToAdd() {
        TestNode hub = cluster.start("hub", c -> c.withMaxPeers(2));
        List<TestNode> spokes = List.of(cluster.start("a", hub), cluster.start("b", hub), cluster.start("c", hub));

        // every spoke dialled the hub and keeps it; the hub kept the first two that greeted it
        await().atMost(Cluster.DEADLINE).untilAsserted(() -> spokes.forEach(s ->
                assertThat(s.node().peers().gossipable().stream().map(Object::toString)).contains(Cluster.address(hub))));
        assertThat(Cluster.peerStore(hub)).hasSize(2);
        TestNode outside = spokes.stream().filter(s -> !Cluster.peerStore(hub).contains(Cluster.address(s))).findFirst()
                .orElseThrow();

        // a block found by a spoke the hub does not keep still reaches it: that spoke relays to the hub
        String hash = outside.get("/mine").json().get("hash").asText();
        await().atMost(Cluster.DEADLINE).until(() -> Cluster.tip(hub).equals(hash));
        assertThat(Cluster.peerStore(hub)).hasSize(2);

        // an operator's /addpeer is kept beyond the limit, as Bitcoin Core's addnode
        assertThat(hub.get("/addpeer?peer=" + Cluster.address(outside)).status()).isEqualTo(200);
        assertThat(Cluster.peerStore(hub)).hasSize(3).contains(Cluster.address(outside));
    }
}
