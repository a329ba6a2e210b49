package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.AccountState;
import org.powchain.api.TestNode;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.RetargetChains;
import org.powchain.core.Block;
import org.powchain.wire.PeerAddress;

/**
 * Difficulty between real nodes: a node syncs a chain whose difficulty rose and fell, and two
 * nodes on branches of different difficulty agree on the one with more work, not more blocks.
 * The chains and their bits, worked by hand, are in {@link RetargetChains}.
 */
@Tag("network")
class NetDifficultyTest {
    final Cluster cluster = new Cluster();
    final ChainBuilder builder = new ChainBuilder();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aLateNodeSyncsAChainWhoseDifficultyRoseAndFellHeadersFirst() throws Exception {
        TestNode source = cluster.start("source");
        List<Block> blocks = RetargetChains.upThenDown(builder);
        NetSyncTest.feed(source, blocks);

        TestNode late = cluster.start("late", source);

        await().atMost(Cluster.DEADLINE).until(() -> late.node().queries().height() == 20);
        assertThat(Cluster.tip(late)).isEqualTo(blocks.get(19).hash().toHex());
        assertThat(late.node().queries().blockAt(9).orElseThrow().header().bits()).isEqualTo(RetargetChains.GENESIS_BITS);
        assertThat(late.node().queries().blockAt(10).orElseThrow().header().bits()).isEqualTo(RetargetChains.HALVED_BITS);
        assertThat(late.node().queries().blockAt(20).orElseThrow().header().bits()).isEqualTo(RetargetChains.DOUBLED_BITS);
        assertThat(late.node().queries().balance(ChainBuilder.MINER)).isEqualTo(20 * 50);
    }

    @Test
    void resolveSplitPicksTheShorterBranchWithMoreWork() throws Exception {
        RetargetChains.Split split = RetargetChains.shorterButHarder(builder);
        String harderTip = split.harderTip().hash().toHex();
        TestNode easy = cluster.start("easy");
        TestNode hard = cluster.start("hard");
        NetSyncTest.feed(easy, split.trunk());
        NetSyncTest.feed(easy, split.easier());
        NetSyncTest.feed(hard, split.trunk());
        NetSyncTest.feed(hard, split.harder());
        assertThat(easy.node().queries().height()).isEqualTo(26);
        assertThat(hard.node().queries().height()).isEqualTo(20);

        // the node on the harder branch hears of six more blocks, and keeps its own
        hard.node().peers().add(PeerAddress.parse(Cluster.address(easy)).orElseThrow());
        JsonNode stays = hard.get("/resolvesplit").json();
        assertThat(stays.get("peersAnswered").asInt()).isEqualTo(1);
        assertThat(stays.get("newTip").asText()).isEqualTo(harderTip);
        assertThat(stays.get("height").asInt()).isEqualTo(20);

        // the node on the longer, easier branch gives its six extra blocks up
        easy.node().peers().add(PeerAddress.parse(Cluster.address(hard)).orElseThrow());
        JsonNode moves = easy.get("/resolvesplit").json();
        assertThat(moves.get("newTip").asText()).isEqualTo(harderTip);
        assertThat(moves.get("height").asInt()).isEqualTo(20);

        await().atMost(Cluster.DEADLINE).until(() -> Cluster.tip(easy).equals(harderTip) && Cluster.tip(hard).equals(harderTip));
        assertThat(easy.get("/").json().get("reorgs").asInt()).isEqualTo(1);
        assertThat(easy.get("/").json().get("deepestReorg").asInt()).isEqualTo(16);
        assertThat(hard.get("/").json().get("reorgs").asInt()).isZero();
        assertThat(Cluster.balance(easy, ChainBuilder.MINER.toHex())).isEqualTo(20 * 50);
    }
}
