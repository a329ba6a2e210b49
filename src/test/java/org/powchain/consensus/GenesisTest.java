package org.powchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.BlockHeader;

/**
 * Genesis's nonce is the first one, counting from 0, that meets its target. A node reads the
 * default network's nonce from {@link Genesis#KNOWN_NONCES} instead of mining it at each start;
 * this mines it again, so a written nonce that is not the mined one fails here.
 */
@Tag("unit")
class GenesisTest {

    @Test
    void theWrittenDownNonceIsTheOneMiningFinds() {
        BlockHeader unmined = Genesis.unmined(ConsensusParams.defaults(), Genesis.transactions(ConsensusParams.defaults()));
        BlockHeader mined = Genesis.firstNonceMeetingTarget(unmined);

        assertThat(Genesis.KNOWN_NONCES)
                .as("Genesis.KNOWN_NONCES for the default network (mined: key %s, nonce %d)",
                        Genesis.headerKey(unmined), mined.nonce())
                .containsEntry(Genesis.headerKey(unmined), mined.nonce());
        assertThat(Genesis.block(ConsensusParams.defaults()).header()).isEqualTo(mined);
    }

    @Test
    void parametersWithoutAWrittenNonceAreMined() {
        ConsensusParams other = ConsensusParams.defaults().withGenesisBits(org.powchain.core.Target.bitsForLeadingZeros(4));
        BlockHeader header = Genesis.block(other).header();

        assertThat(header).isEqualTo(Genesis.firstNonceMeetingTarget(Genesis.unmined(other, Genesis.transactions(other))));
        assertThat(Genesis.block(other).hash()).isNotEqualTo(Genesis.block(ConsensusParams.defaults()).hash());
    }
}
