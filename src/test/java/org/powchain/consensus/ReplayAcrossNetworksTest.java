package org.powchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;
import org.powchain.mempool.Mempool;

/**
 * Two classroom networks that differ only in {@code --difficulty} share genesis and its demo
 * allocations. A transaction signed on one must not be valid on the other.
 */
@Tag("unit")
class ReplayAcrossNetworksTest {
    static final Keys A = Keys.demo("A");
    static final Address C = Keys.demo("C").address();

    final ChainBuilder here = new ChainBuilder();
    final ChainBuilder pinned = new ChainBuilder(here.params().withPinnedDifficulty(1));

    @Test
    void networksThatDifferOnlyInDifficultyShareGenesisButNotTheirId() {
        assertThat(pinned.genesis().hash()).isEqualTo(here.genesis().hash());
        assertThat(pinned.network()).isNotEqualTo(here.network());
        assertThat(Genesis.networkId(here.params())).isEqualTo(here.network()); // the same parameters, the same id
    }

    @Test
    void theMempoolRefusesATransactionSignedForAnotherNetwork() throws Exception {
        Transaction signedHere = Transaction.signed(here.network(), A, C, 10, 0, 0);
        Mempool elsewhere = new Mempool(pinned.newChain().queries(), new SignatureVerifier(100), 100);

        ConsensusRulesTest.assertRule(() -> elsewhere.add(signedHere), Rule.WRONG_NETWORK);
        assertThat(elsewhere.all()).isEmpty();
        Mempool home = new Mempool(here.newChain().queries(), new SignatureVerifier(100), 100);
        assertThat(home.add(signedHere)).isEqualTo(signedHere);
    }

    @Test
    void aBlockCarryingATransactionFromAnotherNetworkIsRefused() {
        ChainManager elsewhere = pinned.newChain();
        Transaction signedHere = Transaction.signed(here.network(), A, C, 10, 0, 0);

        ConsensusRulesTest.assertRule(() -> elsewhere.process(pinned.child(pinned.genesis(), signedHere)),
                Rule.WRONG_NETWORK);
        assertThat(elsewhere.queries().height()).isZero();
        assertThat(elsewhere.queries().account(C).balance()).isZero();
    }

    @Test
    void relabellingATransactionForAnotherNetworkBreaksItsSignature() {
        Transaction signedHere = Transaction.signed(here.network(), A, C, 10, 0, 0);
        Transaction relabelled = Transaction.of(pinned.network(), signedHere.senderPublicKey(), signedHere.to(),
                signedHere.amount(), signedHere.fee(), signedHere.nonce(), signedHere.signature());
        Mempool elsewhere = new Mempool(pinned.newChain().queries(), new SignatureVerifier(100), 100);

        ConsensusRulesTest.assertRule(() -> elsewhere.add(relabelled), Rule.BAD_SIGNATURE);
    }
}
