package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.powchain.chain.BlockTable.Expect;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Hash;
import org.powchain.store.MemoryStore;

/**
 * The full-block table ({@link BlockTable}) against {@link ChainManager} in memory, on a clock
 * the test holds still, so the future bound is checked to the millisecond.
 */
@Tag("unit")
class BlockTableTest {
    static final long NOW = BlockTable.params().genesisTimestamp() + 1_000_000_000L;
    static final List<BlockTable.Case> TABLE = BlockTable.generate(NOW, 0);

    @TestFactory
    Stream<DynamicTest> everyCaseThroughChainManager() {
        MemoryStore store = new MemoryStore();
        ChainManager chain = open(store);
        Stream<DynamicTest> cases = BlockTable.run(TABLE, new BlockTable.Door() {
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
        });
        // Opening the store again replays the main chain and checks the ledger it gives (ChainManager.load).
        return Stream.concat(cases, Stream.of(DynamicTest.dynamicTest("the chain the table leaves reopens from its store", () -> {
            BlockTable.Case last = TABLE.get(TABLE.size() - 1);
            assertThat(open(store).queries().tipNode().hash()).isEqualTo(last.tip());
        })));
    }

    private static ChainManager open(MemoryStore store) {
        return ChainManager.open(BlockTable.params(), store, new SignatureVerifier(1000), () -> NOW);
    }

    @Test
    void theTableHasAtLeastSixtyCases() {
        assertThat(TABLE).hasSizeGreaterThanOrEqualTo(60);
    }

    /** A rule added later fails here until the table has a block that breaks it (or it is transaction-only). */
    @Test
    void everyRuleIsBrokenBySomeBlockOrIsTransactionOnly() {
        Set<Rule> covered = BlockTable.rulesCovered(TABLE);
        Set<Rule> missing = EnumSet.allOf(Rule.class);
        missing.removeAll(covered);
        missing.removeAll(BlockTable.TRANSACTION_ONLY.keySet());
        missing.removeAll(BlockTable.UTXO_MODEL);
        assertThat(missing).as("rules no case of the table breaks").isEmpty();
        assertThat(covered).as("a transaction-only rule broken by a block").doesNotContainAnyElementsOf(
                BlockTable.TRANSACTION_ONLY.keySet());
    }

    @Test
    void theTableHasEveryKindOfOutcome() {
        assertThat(TABLE).extracting(c -> c.expect().code())
                .contains("main-chain", "side-branch", "orphan", "duplicate");
    }
}
