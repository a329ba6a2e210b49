package org.powchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.BlockOutcome;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.Transaction;

/**
 * A coinbase has one form: fee 0, all-zero key and signature. Anything else a miner could vary
 * without changing what the block does, so the same block would have many ids.
 */
@Tag("unit")
class CanonicalCoinbaseTest {
    final ChainBuilder builder = new ChainBuilder();
    final ChainManager chain = builder.newChain();
    final long reward = builder.params().blockReward();
    static final byte[] NO_KEY = new byte[Keys.PUBLIC_KEY_SIZE];

    Block withCoinbase(Transaction coinbase) {
        return builder.withTransactions(builder.genesis(), List.of(coinbase), UnaryOperator.identity());
    }

    @Test
    void refusesACoinbaseWithAFee() {
        Transaction feeCoinbase = Transaction.of(NetworkId.NONE, NO_KEY, ChainBuilder.MINER, reward, -5, 1, new byte[Keys.SIGNATURE_SIZE]);
        ConsensusRulesTest.assertRule(() -> chain.process(withCoinbase(feeCoinbase)), Rule.NONCANONICAL_COINBASE);
        assertThat(chain.queries().height()).isZero();
    }

    @Test
    void refusesACoinbaseWithSignatureBytes() {
        byte[] junk = new byte[Keys.SIGNATURE_SIZE];
        junk[7] = 1;
        Transaction signedCoinbase = Transaction.of(NetworkId.NONE, NO_KEY, ChainBuilder.MINER, reward, 0, 1, junk);
        ConsensusRulesTest.assertRule(() -> chain.process(withCoinbase(signedCoinbase)), Rule.NONCANONICAL_COINBASE);
        assertThat(chain.queries().height()).isZero();
    }

    @Test
    void acceptsTheCanonicalCoinbase() throws Exception {
        Block b = withCoinbase(Transaction.coinbase(ChainBuilder.MINER, reward, 1));
        assertThat(chain.process(b).status()).isEqualTo(BlockOutcome.Status.MAIN_CHAIN);
    }
}
