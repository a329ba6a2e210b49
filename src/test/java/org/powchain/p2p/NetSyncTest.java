package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.core.AccountState;
import org.powchain.api.TestNode;
import org.powchain.chain.ChainBuilder;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.wire.PeerAddress;

/** Catching up: headers-first sync on start, orphans that fetch their ancestors, /resolvesplit. */
@Tag("network")
class NetSyncTest {
    final Cluster cluster = new Cluster();
    final ChainBuilder builder = new ChainBuilder();

    @AfterEach
    void stop() {
        cluster.close();
    }

    static void feed(TestNode n, List<Block> blocks) throws RuleViolation {
        for (Block b : blocks) {
            n.node().chain().process(b);
        }
    }

    @Test
    void aNodeStartedLateDownloadsAndValidatesTwoThousandBlocksInSeveralRounds() throws Exception {
        int n = HeaderSync.MAX_HEADERS + 100; // more than one answer of headers
        TestNode n1 = cluster.start("one");
        List<Block> chain = builder.extend(builder.genesis(), n);
        feed(n1, chain);

        TestNode late = cluster.start("late", n1);
        await().atMost(Cluster.DEADLINE).until(() -> late.node().queries().height() == n);
        assertThat(Cluster.tip(late)).isEqualTo(chain.get(n - 1).hash().toHex());
        // validated and applied, not just stored: the ledger pays the miner for every block
        assertThat(late.node().queries().balance(ChainBuilder.MINER)).isEqualTo(n * 50L);
    }

    @Test
    void aNodeRestartedOnItsDataDirCatchesUpFromWhereItStopped(@TempDir Path dir) throws Exception {
        TestNode n1 = cluster.start("one");
        List<Block> chain = builder.extend(builder.genesis(), 220);
        feed(n1, chain.subList(0, 20));
        TestNode n2 = cluster.start("two", c -> c.withDataDir(dir), n1);
        await().atMost(Cluster.DEADLINE).until(() -> n2.node().queries().height() == 20);
        cluster.stop(n2); // offline while the network moves on

        feed(n1, chain.subList(20, 220));
        TestNode again = cluster.start("two", c -> c.withDataDir(dir), n1);
        assertThat(again.node().queries().height()).isGreaterThanOrEqualTo(20); // it kept what it had
        await().atMost(Cluster.DEADLINE).until(() -> again.node().queries().height() == 220);
        assertThat(Cluster.tip(again)).isEqualTo(chain.get(219).hash().toHex());
    }

    @Test
    void aBlockWhoseParentIsUnknownMakesTheNodeFetchTheAncestorsFromTheSender() throws Exception {
        TestNode n1 = cluster.start("one");
        TestNode n2 = cluster.start("two");
        List<Block> chain = builder.extend(builder.genesis(), 5);
        feed(n1, chain);

        // n1 tells n2 about its tip only; n2 has none of the four blocks before it
        TestNode.Reply r = n2.send(HttpRequest.newBuilder(URI.create(n2.baseUrl() + "/addblock"))
                .header("Content-Type", "application/json")
                .header("X-Powchain-Peer", Cluster.address(n1))
                .POST(HttpRequest.BodyPublishers.ofString(n1.get("/getlastblock").body())));
        assertThat(r.json().get("error").asText()).isEqualTo("unknown-parent");

        await().atMost(Cluster.DEADLINE).until(() -> n2.node().queries().height() == 5);
        assertThat(Cluster.tip(n2)).isEqualTo(Cluster.tip(n1));
    }

    @Test
    void resolveSplitSyncsWithEveryPeerNowAndSaysWhatChanged() throws Exception {
        TestNode n1 = cluster.start("one");
        TestNode n2 = cluster.start("two");
        List<Block> main = builder.extend(builder.genesis(), 3);
        List<Block> fork = builder.extend(main.get(0), 4); // forks after block 1: 5 blocks, more work
        feed(n1, main);
        feed(n2, main.subList(0, 1));
        feed(n2, fork);
        // n1 knows n2 but could not reach it for a while, so it is backing off and its tick leaves it alone
        PeerAddress a2 = PeerAddress.parse(Cluster.address(n2)).orElseThrow();
        n1.node().network().setDialFilter(p -> !p.equals(a2));
        n1.node().peers().add(a2);
        await().atMost(Cluster.DEADLINE).until(() -> n1.node().peers().peers().get(0).failures() >= 3);
        n1.node().network().setDialFilter(p -> true);

        JsonNode split = n1.get("/resolvesplit").json();
        assertThat(split.get("oldTip").asText()).isEqualTo(main.get(2).hash().toHex());
        assertThat(split.get("newTip").asText()).isEqualTo(fork.get(3).hash().toHex());
        assertThat(split.get("disconnected").asInt()).isEqualTo(2);
        assertThat(split.get("connected").asInt()).isEqualTo(4);
        assertThat(split.get("peersAnswered").asInt()).isEqualTo(1);
        assertThat(n1.get("/").json().get("reorgs").asInt()).isEqualTo(1);

        JsonNode again = n1.get("/resolvesplit").json();
        assertThat(again.get("connected").asInt()).isZero();
        assertThat(again.get("newTip").asText()).isEqualTo(again.get("oldTip").asText());
    }
}
