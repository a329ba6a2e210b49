package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.api.TestNode;
import org.powchain.chain.ChainBuilder;
import org.powchain.core.Block;

/** Relay without storms, and a dead peer that stalls nothing. */
@Tag("network")
class NetRelayTest {
    final Cluster cluster = new Cluster();
    final FakePeer fake = new FakePeer();

    @AfterEach
    void stop() {
        fake.close();
        cluster.close();
    }

    @Test
    void eachNodeRelaysEachBlockOnceAndNeverBackToItsSender() {
        TestNode n1 = cluster.start("one");
        TestNode n2 = cluster.start("two", n1);
        TestNode n3 = cluster.start("three", n1);
        List<TestNode> all = List.of(n1, n2, n3);
        Cluster.awaitMesh(all);
        fake.answerHellosAsAPeerOf(n1);
        all.forEach(n -> n.node().network().addPeer(fake.peerAddress()));
        await().atMost(Cluster.DEADLINE).until(() -> all.stream().allMatch(n -> n.node().peers().gossipable()
                .contains(fake.peerAddress())));

        // the watcher sends each node a block in turn: that node passes it on, but not back to the
        // watcher; the two others, which had it from that node, each send it to the watcher once
        ChainBuilder builder = new ChainBuilder();
        List<Block> pushed = builder.extend(builder.genesis(), all.size());
        for (int i = 0; i < all.size(); i++) {
            Block b = pushed.get(i);
            TestNode receiver = all.get(i);
            assertThat(fake.push(receiver.baseUrl() + "/addblock", FakePeer.WIRE.block(b).toString()).statusCode()).isEqualTo(200);
            Set<String> others = all.stream().filter(n -> n != receiver).map(Cluster::address).collect(Collectors.toSet());
            await().atMost(Cluster.DEADLINE).until(() -> all.stream().allMatch(n -> Cluster.tip(n).equals(b.hash().toHex())));
            await().atMost(Cluster.DEADLINE).until(() -> fake.blockSenders(b.hash().toHex()).equals(others));
        }

        List<String> mined = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mined.add(n1.get("/mine").json().get("hash").asText());
            Cluster.awaitSameTip(all);
        }
        // every node announces every new tip to the watcher: from each node, once
        Set<String> everyNode = all.stream().map(Cluster::address).collect(Collectors.toSet());
        await().atMost(Cluster.DEADLINE).until(() -> mined.stream().allMatch(h -> fake.blockSenders(h).equals(everyNode)));
        Map<String, Integer> expected = new HashMap<>();
        pushed.forEach(b -> expected.put(b.hash().toHex(), all.size() - 1));
        mined.forEach(h -> expected.put(h, all.size()));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> fake.blocksPosted().equals(expected));
    }

    @Test
    void aPeerThatNeverAnswersStallsNeitherTheApiNorTheOtherPeers() {
        TestNode n1 = cluster.start("one");
        TestNode n2 = cluster.start("two", n1);
        Cluster.awaitMesh(List.of(n1, n2));
        fake.hang("/p2p/hello");
        fake.hang("/p2p/tx");
        fake.hang("/addblock");
        n1.node().network().addPeer(fake.peerAddress());
        await().atMost(Cluster.DEADLINE).until(() -> fake.requests("/p2p/hello") > 0);

        long t0 = System.nanoTime();
        String tx = n1.get("/addtx?sender=A&to=B&amount=1").json().get("id").asText();
        String block = n1.get("/mine").json().get("hash").asText();
        assertThat(n1.get("/").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> Cluster.tip(n2).equals(block));
        assertThat(n2.node().queries().tipBlock().transactions().stream().map(t -> t.id().toHex())).contains(tx);

        // the request times out and the dead peer backs off
        await().atMost(Cluster.DEADLINE).until(() -> n1.node().peers().peers().stream()
                .anyMatch(p -> p.address().equals(fake.address()) && p.status() == PeerStore.Status.BACKING_OFF));
    }
}
