package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.powchain.chain.BlockTable.Expect;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Hash;
import org.powchain.store.MemoryStore;

/**
 * The UTXO model's block table ({@link UtxoBlockTable}) against {@link ChainManager} in memory:
 * the chain, the stores and the block validator run a UTXO network through the Ledger seam, and
 * every rule of the model is broken by a block.
 */
@Tag("unit")
class UtxoBlockTableTest {
    static final List<BlockTable.Case> TABLE = UtxoBlockTable.generate();

    @TestFactory
    Stream<DynamicTest> everyCaseThroughChainManager() {
        MemoryStore store = new MemoryStore();
        ChainManager chain = open(store);
        Stream<DynamicTest> cases = BlockTable.run(TABLE, door(chain));
        // Opening the store again replays the main chain and compares the set it gives with the stored one, entry by entry.
        return Stream.concat(cases, Stream.of(DynamicTest.dynamicTest("the set the table leaves reopens from its store", () -> {
            BlockTable.Case last = TABLE.get(TABLE.size() - 1);
            ChainManager reopened = open(store);
            assertThat(reopened.queries().tipNode().hash()).isEqualTo(last.tip());
            assertThat(reopened.queries().snapshot().ledger().entries()).isEqualTo(chain.queries().snapshot().ledger().entries());
        })));
    }

    static BlockTable.Door door(ChainManager chain) {
        return new BlockTable.Door() {
            @Override
            public String send(BlockTable.Case c) {
                try {
                    return chain.process(c.block()).status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                } catch (RuleViolation v) {
                    return Expect.codeOf(v.rule());
                }
            }

            @Override
            public BlockTable.Tip tip() {
                BlockNode tip = chain.queries().tipNode();
                return new BlockTable.Tip(tip.hash(), tip.height());
            }

            @Override
            public boolean stored(Hash hash) {
                return chain.queries().block(hash).isPresent();
            }
        };
    }

    private static ChainManager open(MemoryStore store) {
        return ChainManager.open(UtxoBlockTable.params(), store, new SignatureVerifier(1000),
                () -> UtxoBlockTable.params().genesisTimestamp() + 1_000_000_000L);
    }

    @Test
    void everyRuleOfTheModelIsBrokenBySomeBlock() {
        assertThat(UtxoBlockTable.rulesCovered(TABLE)).containsAll(BlockTable.UTXO_MODEL);
    }

    @Test
    void theTableHasEveryKindOfOutcome() {
        assertThat(TABLE).extracting(c -> c.expect().code()).contains("main-chain", "side-branch", "duplicate");
    }
}
