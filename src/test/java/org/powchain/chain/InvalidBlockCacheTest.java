package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.Rule;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;

/** The chain remembers blocks it found invalid, so their children are refused without work. */
@Tag("unit")
class InvalidBlockCacheTest {
    final ChainBuilder builder = new ChainBuilder();
    final ChainManager chain = builder.newChain();

    /** A child of genesis that breaks the median-time rule: remembered as invalid once seen. */
    Block invalidBlock() {
        Block g = builder.genesis();
        return builder.child(g, List.of(), h -> new BlockHeader(
                h.version(), h.previousHash(), h.merkleRoot(), g.header().timestamp(), h.bits(), h.nonce()));
    }

    static Rule ruleOf(ChainManager chain, Block b) {
        return ChainManagerTest.violation(chain, b).rule();
    }

    @Test
    void aFloodOfInvalidBlocksCannotFlushARecentlySeenOne() {
        Block watched = invalidBlock();
        assertThat(ruleOf(chain, watched)).isEqualTo(Rule.TIME_TOO_OLD);
        for (int i = 0; i < 9_999; i++) { // fills the cache to its bound of 10,000
            ruleOf(chain, invalidBlock());
        }
        assertThat(ruleOf(chain, watched)).isEqualTo(Rule.TIME_TOO_OLD); // seen again: now the most recent

        ruleOf(chain, invalidBlock()); // one more evicts only the least recently seen

        Block child = builder.child(watched);
        assertThat(ruleOf(chain, child)).as("a child of a remembered invalid block").isEqualTo(Rule.INVALID_ANCESTOR);
    }
}
