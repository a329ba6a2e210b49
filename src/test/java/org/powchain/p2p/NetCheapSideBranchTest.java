package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.api.TestNode;
import org.powchain.chain.BestChain;
import org.powchain.chain.ChainBuilder;
import org.powchain.core.Block;
import org.powchain.core.Hash;

/** A hostile peer's flood of cheap side blocks (issue 11, item 4): nothing stored, the chain unchanged, the peer banned. */
@Tag("network")
class NetCheapSideBranchTest {
    final Cluster cluster = new Cluster();
    final FakePeer evil = new FakePeer();

    @AfterEach
    void stop() {
        evil.close();
        cluster.close();
    }

    @Test
    void aThousandCheapSideBlocksAreNeitherStoredNorKeptAndTheirSenderIsBanned() throws Exception {
        TestNode node = cluster.start("victim");
        ChainBuilder builder = new ChainBuilder();
        NetSyncTest.feed(node, builder.extend(builder.genesis(), BestChain.MAX_SIDE_BRANCH_DEPTH + 10));
        Hash tip = node.node().queries().tipNode().hash();
        int blocksKnown = node.node().queries().allNodes().size();

        int notStored = 0;
        int refused = 0;
        for (int i = 0; i < 1_000; i++) {
            Block cheap = builder.child(builder.genesis()); // height 1: about two hashes at test difficulty
            HttpResponse<String> r = evil.push(node.baseUrl() + "/addblock", WireFormat.block(cheap).toString());
            if (r.statusCode() == 200) {
                assertThat(r.body()).contains("\"status\":\"not-stored\"");
                notStored++;
            } else {
                assertThat(r.statusCode()).isEqualTo(403);
                refused++;
            }
        }
        assertThat(node.node().queries().tipNode().hash()).isEqualTo(tip);
        assertThat(node.node().queries().allNodes()).hasSize(blocksKnown); // nothing kept in memory or on disk
        assertThat(notStored).isEqualTo(PeerStore.BAN_SCORE / Misbehavior.DEEP_SIDE_BLOCK);
        assertThat(refused).isEqualTo(1_000 - notStored);
        assertThat(node.node().network().isBanned(evil.peerAddress())).isTrue();
    }
}
