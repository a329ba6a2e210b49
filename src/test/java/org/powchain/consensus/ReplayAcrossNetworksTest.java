package org.powchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.AccountState;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.AccountTransaction;
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

    /** A UTXO network's maturity is a consensus number: two that differ only there must not share an id. */
    @Test
    void coinbaseMaturityIsInTheIdOfANetworkWhoseModelReadsIt() {
        ConsensusParams utxo = here.params().withLedger(UtxoLedger.INSTANCE);
        assertThat(Genesis.networkId(utxo.withCoinbaseMaturity(3))).isNotEqualTo(Genesis.networkId(utxo.withCoinbaseMaturity(4)));
        assertThat(utxo.withCoinbaseMaturity(3).toString()).isNotEqualTo(utxo.withCoinbaseMaturity(4).toString());
        // the account model reads no maturity: its networks keep the id they had before there was one
        assertThat(here.params().withCoinbaseMaturity(3).encode()).isEqualTo(here.params().withCoinbaseMaturity(4).encode());
        assertThat(here.params().withCoinbaseMaturity(3).toString()).isEqualTo(here.params().withCoinbaseMaturity(4).toString());
    }

    @Test
    void theMempoolRefusesATransactionSignedForAnotherNetwork() throws Exception {
        AccountTransaction signedHere = AccountTransaction.signed(here.network(), A, C, 10, 0, 0);
        Mempool elsewhere = new Mempool(pinned.newChain().queries(), new SignatureVerifier(100), 100);

        ConsensusRulesTest.assertRule(() -> elsewhere.add(signedHere), Rule.WRONG_NETWORK);
        assertThat(elsewhere.all()).isEmpty();
        Mempool home = new Mempool(here.newChain().queries(), new SignatureVerifier(100), 100);
        assertThat(home.add(signedHere)).isEqualTo(signedHere);
    }

    @Test
    void aBlockCarryingATransactionFromAnotherNetworkIsRefused() {
        ChainManager elsewhere = pinned.newChain();
        AccountTransaction signedHere = AccountTransaction.signed(here.network(), A, C, 10, 0, 0);

        ConsensusRulesTest.assertRule(() -> elsewhere.process(pinned.child(pinned.genesis(), signedHere)),
                Rule.WRONG_NETWORK);
        assertThat(elsewhere.queries().height()).isZero();
        assertThat(elsewhere.queries().balance(C)).isZero();
    }

    @Test
    void relabellingATransactionForAnotherNetworkBreaksItsSignature() {
        AccountTransaction signedHere = AccountTransaction.signed(here.network(), A, C, 10, 0, 0);
        AccountTransaction relabelled = AccountTransaction.of(pinned.network(), signedHere.senderPublicKey(), signedHere.to(),
                signedHere.amount(), signedHere.fee(), signedHere.nonce(), signedHere.signature());
        Mempool elsewhere = new Mempool(pinned.newChain().queries(), new SignatureVerifier(100), 100);

        ConsensusRulesTest.assertRule(() -> elsewhere.add(relabelled), Rule.BAD_SIGNATURE);
    }
}
