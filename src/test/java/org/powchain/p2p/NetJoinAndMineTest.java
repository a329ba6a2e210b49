package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.api.TestNode;
import org.powchain.core.Hash;

/**
 * The tour's third step: a node started with --mine and a boot node catches up before it mines,
 * as Bitcoin Core does not mine during its initial download. Mining from genesis first, it would
 * out-mine a short chain at low difficulty and reorg away the blocks the tour had just mined.
 */
@Tag("network")
class NetJoinAndMineTest {
    final Cluster cluster = new Cluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aMiningNodeThatJoinsBuildsOnTheChainItFindsInsteadOfReplacingIt() {
        TestNode first = cluster.start("first");
        for (int i = 0; i < 3; i++) {
            assertThat(first.get("/mine").status()).isEqualTo(200);
        }
        String third = Cluster.tip(first);

        TestNode miner = cluster.start("miner", c -> c.withMine(true), first);

        await().atMost(Cluster.DEADLINE).until(() -> first.node().queries().height() >= 8);
        assertThat(first.node().queries().reorgCount()).as("reorgs on the node that was joined").isZero();
        assertThat(first.node().queries().isOnMainChain(Hash.fromHex(third))).isTrue();
        assertThat(miner.node().queries().isOnMainChain(Hash.fromHex(third))).isTrue();
    }
}
