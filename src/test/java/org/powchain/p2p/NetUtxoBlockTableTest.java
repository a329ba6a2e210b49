package org.powchain.p2p;

import org.powchain.core.WallClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.powchain.api.TestNode;
import org.powchain.chain.BlockTable.Case;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.chain.UtxoBlockTable;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Block;
import org.powchain.store.MemoryStore;

/**
 * The UTXO model's block table ({@link UtxoBlockTable}) through every door of a real node of a
 * UTXO network, as {@link NetBlockTableTest} sends the account model's: {@code /addblock} as a
 * user, as relaying peers (each refused block bans its sender, unless the rule depends on state),
 * and a headers-first sync from peers. After the table, with its reorgs of depth 3 and back, each
 * node's set of unspent outputs is byte for byte the one a fresh chain builds from the same main chain.
 */
@Tag("network")
class NetUtxoBlockTableTest extends NetBlockTableTest {
    @Override
    ConsensusParams params() {
        return UtxoBlockTable.params();
    }

    @Override
    List<Case> table() {
        return UtxoBlockTable.generate();
    }

    @Override
    @TestFactory
    Stream<DynamicTest> everyCaseThroughAddblockAsAUser() {
        return Stream.concat(super.everyCaseThroughAddblockAsAUser(), Stream.of(sameSetAsReplay(user)));
    }

    @Override
    @TestFactory
    Stream<DynamicTest> everyCaseThroughAddblockAsAPeerWithItsScore() {
        return Stream.concat(super.everyCaseThroughAddblockAsAPeerWithItsScore(), Stream.of(sameSetAsReplay(peers)));
    }

    @Override
    @TestFactory
    Stream<DynamicTest> everyCaseThroughHeadersFirstSyncFromAPeer() {
        return Stream.concat(super.everyCaseThroughHeadersFirstSyncFromAPeer(), Stream.of(sameSetAsReplay(sync)));
    }

    /** After the table, with its reorgs, the node's set is byte for byte the one its main chain makes. */
    private DynamicTest sameSetAsReplay(TestNode n) {
        return DynamicTest.dynamicTest("the set after the table's reorgs is the one a fresh chain makes of the main chain",
                () -> {
                    assertThat(n.node().queries().height()).isPositive();
                    assertThat(n.node().queries().snapshot().ledger().entries())
                            .isEqualTo(replay(n).queries().snapshot().ledger().entries());
                });
    }

    /** A chain in memory given only the node's main chain, in order: it never saw a reorg. */
    private ChainManager replay(TestNode n) throws Exception {
        ChainManager fresh = ChainManager.open(params(), new MemoryStore(), new SignatureVerifier(1000), WallClock::millis);
        for (Block b : n.node().queries().blocks(1, Integer.MAX_VALUE)) {
            fresh.process(b);
        }
        assertThat(fresh.queries().tipNode().hash()).isEqualTo(n.node().queries().tipNode().hash());
        return fresh;
    }
}
