package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.api.TestNode;

/** The three-node tour from the README: discovery through a boot node, tx relay, block relay. */
@Tag("network")
class NetThreeNodesTest {
    final Cluster cluster = new Cluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void nodesFindEachOtherAndATransactionSentToOneIsMinedInABlockAllAccept() {
        TestNode n1 = cluster.start("one");
        TestNode n2 = cluster.start("two", n1);
        TestNode n3 = cluster.start("three", n2); // knows only n2: learns n1 by gossip
        List<TestNode> all = List.of(n1, n2, n3);
        Cluster.awaitMesh(all);

        String txId = n1.get("/addtx?sender=A&to=B&amount=100").json().get("id").asText();
        await().atMost(Cluster.DEADLINE).untilAsserted(() -> all.forEach(n ->
                assertThat(n.get("/getmempool").json().findValuesAsText("id")).contains(txId)));

        TestNode.Reply mined = n3.get("/mine");
        assertThat(mined.status()).isEqualTo(200);
        String hash = mined.json().get("hash").asText();
        assertThat(mined.json().get("transactions").findValuesAsText("id")).contains(txId);

        await().atMost(Cluster.DEADLINE).until(() -> all.stream().allMatch(n -> Cluster.tip(n).equals(hash)));
        for (TestNode n : all) {
            assertThat(Cluster.balance(n, "B")).isEqualTo(1100);
            assertThat(Cluster.balance(n, "three")).isEqualTo(50);
            assertThat(n.get("/getmempool").json()).isEmpty();
            assertThat(n.node().peers().peers()).allMatch(p -> p.status() == PeerStore.Status.HEALTHY);
        }
    }

    @Test
    void aNodeNeverListsItself() {
        TestNode n1 = cluster.start("one");
        TestNode n2 = cluster.start("two", n1);
        Cluster.awaitMesh(List.of(n1, n2));
        n1.get("/addpeer?peer=" + Cluster.address(n1));
        assertThat(Cluster.peerStore(n1)).doesNotContain(Cluster.address(n1));
        assertThat(Cluster.peerStore(n2)).doesNotContain(Cluster.address(n2));
    }
}
