package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.api.TestNode;

/**
 * Four nodes split into two halves that mine separately, then heal: every node converges on the
 * branch with the most work, the losing branch's transaction goes back to the mempool and is
 * mined, and every balance agrees on every node.
 */
@Tag("network")
class NetPartitionTest {
    final Cluster cluster = new Cluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** Each node of {@code half} stops dialling the nodes of {@code other}, as if a link between them were cut. */
    static void cut(List<TestNode> half, List<TestNode> other) {
        Set<String> blocked = other.stream().map(Cluster::address).collect(Collectors.toSet());
        half.forEach(n -> n.node().network().setDialFilter(p -> !blocked.contains(p.toString())));
    }

    static void heal(List<TestNode> all) {
        all.forEach(n -> n.node().network().setDialFilter(p -> true));
    }

    @Test
    void splitHalvesConvergeOnTheMostWorkBranchWhenHealed() {
        TestNode n1 = cluster.start("one");
        TestNode n2 = cluster.start("two", n1);
        TestNode n3 = cluster.start("three", n1);
        TestNode n4 = cluster.start("four", n1);
        List<TestNode> all = List.of(n1, n2, n3, n4);
        List<TestNode> left = List.of(n1, n2);
        List<TestNode> right = List.of(n3, n4);
        Cluster.awaitMesh(all);

        cut(left, right);
        cut(right, left);
        String leftTx = n1.get("/addtx?sender=A&to=B&amount=100").json().get("id").asText();
        String rightTx = n3.get("/addtx?sender=B&to=C&amount=300").json().get("id").asText();
        n1.get("/mine");
        Cluster.awaitSameTip(left);
        n2.get("/mine");
        for (int i = 0; i < 4; i++) {
            n3.get("/mine");
        }
        Cluster.awaitSameTip(left);
        Cluster.awaitSameTip(right);
        assertThat(n1.node().queries().height()).isEqualTo(2);
        assertThat(n4.node().queries().height()).isEqualTo(4);
        String winner = Cluster.tip(n3);

        heal(all);
        await().atMost(Cluster.DEADLINE).until(() -> all.stream().allMatch(n -> Cluster.tip(n).equals(winner)));
        for (TestNode n : left) {
            assertThat(n.get("/").json().get("reorgs").asInt()).isEqualTo(1);
            assertThat(n.get("/").json().get("deepestReorg").asInt()).isEqualTo(2);
            assertThat(n.get("/getmempool").json().findValuesAsText("id")).contains(leftTx); // back from the losing branch
        }
        // and the winning side, which never saw it, gets it too
        await().atMost(Cluster.DEADLINE).untilAsserted(() -> right.forEach(n ->
                assertThat(n.get("/getmempool").json().findValuesAsText("id")).contains(leftTx)));
        assertThat(n3.node().queries().blockAt(1).orElseThrow().transactions().stream()
                .map(t -> t.id().toHex())).contains(rightTx);

        n2.get("/mine"); // mines the returned transaction on the winning branch
        await().atMost(Cluster.DEADLINE).until(() -> all.stream().map(Cluster::tip).distinct().count() == 1
                && n1.node().queries().height() == 5);
        for (String account : List.of("A", "B", "C", "one", "two", "three", "four")) {
            Set<Long> balances = all.stream().map(n -> Cluster.balance(n, account)).collect(Collectors.toSet());
            assertThat(balances).as(account + " on every node").hasSize(1);
        }
        assertThat(Cluster.balance(n4, "A")).isEqualTo(900);
        assertThat(Cluster.balance(n4, "B")).isEqualTo(800);
        assertThat(Cluster.balance(n4, "C")).isEqualTo(300);
        assertThat(Cluster.balance(n4, "three")).isEqualTo(4 * 50);
        assertThat(Cluster.balance(n4, "one")).isZero(); // its block was on the losing branch
        all.forEach(n -> assertThat(n.get("/getmempool").json()).isEmpty());
    }
}
