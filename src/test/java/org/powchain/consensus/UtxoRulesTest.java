package org.powchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.powchain.consensus.ConsensusRulesTest.assertRule;
import static org.powchain.consensus.UtxoChain.A;
import static org.powchain.consensus.UtxoChain.B;
import static org.powchain.consensus.UtxoChain.C;
import static org.powchain.consensus.UtxoChain.MINER;
import static org.powchain.consensus.UtxoChain.NET;
import static org.powchain.consensus.UtxoChain.PARAMS;
import static org.powchain.consensus.UtxoChain.payHolding;
import static org.powchain.consensus.UtxoChain.to;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.Hash;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.TxInput;
import org.powchain.core.TxOutput;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoChange;
import org.powchain.core.UtxoTransaction;
import org.powchain.store.UtxoSet;

/** Each rule of the UTXO model, broken by one transaction or block, and the valid cases beside it. */
@Tag("unit")
class UtxoRulesTest {
    final UtxoChain chain = new UtxoChain();
    final OutPoint aCoin = chain.genesis().outpoint(0); // A's 1000
    final OutPoint bCoin = chain.genesis().outpoint(1); // B's 1000

    @Test
    void aTransferPaysItsOutputsAndChangeAndTheRestIsTheMinersFee() throws RuleViolation {
        UtxoTransaction t = chain.pay(A, aCoin, to(B, 100), to(A, 890));
        assertThat(UtxoRules.check(PARAMS, NET, t, chain.set(), 1)).isEqualTo(10);
        UtxoTransaction coinbase = chain.mine(t);

        assertThat(coinbase.outputs()).containsExactly(to(MINER, PARAMS.blockReward() + 10));
        assertThat(chain.find(aCoin)).isEmpty();
        assertThat(chain.set().balance(A.address())).isEqualTo(890);
        assertThat(chain.set().balance(B.address())).isEqualTo(1100);
        assertThat(chain.set().balance(MINER.address())).isEqualTo(60);
        assertThat(chain.find(t.outpoint(0))).contains(new UnspentOutput(to(B, 100), 1, false));
        assertThat(chain.find(coinbase.outpoint(0))).contains(new UnspentOutput(to(MINER, 60), 1, true));
    }

    @Test
    void inputsEqualToOutputsPayNoFeeAndOneCoinMoreIsRefused() throws RuleViolation {
        assertThat(UtxoRules.check(PARAMS, NET, chain.pay(A, aCoin, to(B, 1000)), chain.set(), 1)).isZero();
        assertRule(() -> UtxoRules.check(PARAMS, NET, chain.pay(A, aCoin, to(B, 1000), to(A, 1)), chain.set(), 1),
                Rule.OUTPUTS_EXCEED_INPUTS);
    }

    @Test
    void aBlockMaySpendAnOutputMadeEarlierInTheSameBlock() throws RuleViolation {
        UtxoTransaction first = chain.pay(A, aCoin, to(B, 1000));
        UtxoTransaction second = payHolding(B, first.outpoint(0), 1000, to(C, 990));
        UtxoChange change = chain.connect(chain.block(first, second));

        // the output B received and spent in the block never reaches the set, nor its undo record
        assertThat(change.spent()).containsOnlyKeys(aCoin);
        assertThat(change.created()).doesNotContainKey(first.outpoint(0)).containsKey(second.outpoint(0));
        assertThat(chain.set().balance(C.address())).isEqualTo(990);
        assertThat(chain.set().balance(MINER.address())).isEqualTo(PARAMS.blockReward() + 10);
    }

    @Test
    void anOutputMadeLaterInTheBlockCannotBeSpentBeforeIt() {
        UtxoTransaction first = chain.pay(A, aCoin, to(B, 1000));
        UtxoTransaction second = payHolding(B, first.outpoint(0), 1000, to(C, 1000));
        assertRule(() -> chain.connect(chain.block(second, first)), Rule.INPUT_MISSING_OR_SPENT);
    }

    @Test
    void anOutputThatNeverExistedOrIsSpentCannotBeSpent() throws RuleViolation {
        OutPoint nowhere = new OutPoint(Hash.fromHex("ab".repeat(32)), 0);
        assertRule(() -> UtxoRules.check(PARAMS, NET, payHolding(A, nowhere, 1000, to(B, 1)), chain.set(), 1),
                Rule.INPUT_MISSING_OR_SPENT);
        OutPoint beyondTheLast = chain.genesis().outpoint(1);
        assertRule(() -> UtxoRules.check(PARAMS, NET, payHolding(A, new OutPoint(beyondTheLast.txid(), 2), 1000,
                to(B, 1)), chain.set(), 1), Rule.INPUT_MISSING_OR_SPENT);

        UtxoTransaction spend = chain.pay(A, aCoin, to(B, 1000));
        chain.mine(spend);
        UtxoTransaction again = payHolding(A, aCoin, 1000, to(C, 1000)); // a second spend, in a later block
        assertRule(() -> UtxoRules.check(PARAMS, NET, again, chain.set(), 2), Rule.INPUT_MISSING_OR_SPENT);
        assertRule(() -> chain.connect(chain.block(again)), Rule.INPUT_MISSING_OR_SPENT);
    }

    @Test
    void twoTransactionsOfOneBlockCannotSpendTheSameOutput() {
        UtxoTransaction toB = chain.pay(A, aCoin, to(B, 1000));
        UtxoTransaction toC = chain.pay(A, aCoin, to(C, 1000));
        assertRule(() -> UtxoRules.checkBody(NET, chain.block(toB, toC)), Rule.DOUBLE_SPEND);
        assertRule(() -> chain.connect(chain.block(toB, toC)), Rule.DOUBLE_SPEND);
    }

    @Test
    void aTransactionCannotSpendTheSameOutputTwice() {
        UtxoTransaction twice = UtxoTransaction.signed(NET, List.of(new UtxoTransaction.Spend(aCoin, 1000, A),
                new UtxoTransaction.Spend(aCoin, 1000, A)), List.of(to(B, 2000)));
        assertRule(() -> UtxoRules.checkWellFormed(twice), Rule.DUPLICATE_INPUT);
        assertRule(() -> chain.connect(chain.block(twice)), Rule.DUPLICATE_INPUT);
    }

    /**
     * Bitcoin's CVE-2018-17144: a check of duplicate inputs skipped for speed let a block spend one
     * output twice in one transaction. {@code apply} checks every input against the set before the
     * transaction, so it must refuse the duplicate itself, not trust that {@code checkBody} ran.
     */
    @Test
    void applyRefusesAnOutputSpentTwiceByOneTransactionWhateverRanBeforeIt() throws RuleViolation {
        UtxoTransaction twice = UtxoTransaction.signed(NET, List.of(new UtxoTransaction.Spend(aCoin, 1000, A),
                new UtxoTransaction.Spend(aCoin, 1000, A)), List.of(to(B, 1500)));
        // the coinbase claims the fee a double-counted input would leave: 2000 in, 1500 out
        List<UtxoTransaction> block = List.of(UtxoTransaction.coinbase(1, List.of(to(MINER, PARAMS.blockReward() + 500))),
                twice);
        assertRule(() -> UtxoRules.apply(PARAMS, block, 1, chain.set()), Rule.DUPLICATE_INPUT);
        assertRule(() -> UtxoRules.spentOutputs(PARAMS, twice, chain.set(), 1), Rule.DUPLICATE_INPUT);
        assertRule(() -> UtxoRules.check(PARAMS, NET, twice, chain.set(), 1), Rule.DUPLICATE_INPUT);
        // two transactions of the block spending it: the second finds it spent, checkBody or not
        UtxoTransaction toB = chain.pay(A, aCoin, to(B, 1000));
        UtxoTransaction toC = chain.pay(A, aCoin, to(C, 1000));
        assertRule(() -> UtxoRules.apply(PARAMS, chain.block(toB, toC), 1, chain.set()), Rule.INPUT_MISSING_OR_SPENT);
        assertThat(chain.set().balance(B.address())).isEqualTo(1000);
    }

    @Test
    void genesisAllocationsAreCoinbasesHeldToTheOutputRules() {
        UtxoTransaction good = UtxoTransaction.coinbase(0, List.of(to(A, 1000)));
        assertRule(() -> UtxoRules.apply(PARAMS, List.of(good, UtxoTransaction.coinbase(0, List.of(to(B, -5)))), 0,
                UtxoSet.empty()), Rule.BAD_AMOUNT);
        assertRule(() -> UtxoRules.apply(PARAMS, List.of(UtxoTransaction.coinbase(0, List.of(to(A, 0)))), 0,
                UtxoSet.empty()), Rule.BAD_AMOUNT);
        assertRule(() -> UtxoRules.apply(PARAMS, List.of(UtxoTransaction.coinbase(0, List.of())), 0,
                UtxoSet.empty()), Rule.NO_OUTPUTS);
        assertRule(() -> UtxoRules.apply(PARAMS, List.of(UtxoTransaction.coinbase(0,
                List.of(to(A, Long.MAX_VALUE), to(B, 1)))), 0, UtxoSet.empty()), Rule.AMOUNT_OVERFLOW);
        assertRule(() -> UtxoRules.apply(PARAMS, List.of(good, chain.pay(A, aCoin, to(B, 1000))), 0,
                UtxoSet.empty()), Rule.NO_COINBASE);
        assertRule(() -> UtxoRules.apply(PARAMS, List.of(good, good), 0, UtxoSet.empty()),
                Rule.DUPLICATE_TX);
        assertRule(() -> UtxoRules.apply(PARAMS, List.of(), 0, UtxoSet.empty()), Rule.NO_COINBASE);
        assertThatCode(() -> UtxoRules.apply(PARAMS, List.of(good), 0, UtxoSet.empty()))
                .doesNotThrowAnyException();
    }

    /** blockchain_go checked the signature but never that the key is the output's owner. */
    @Test
    void theSpendingKeyMustHashToTheOwner() {
        UtxoTransaction bSpendsA = payHolding(B, aCoin, 1000, to(B, 1000)); // B signs well, with B's own key
        assertRule(() -> UtxoRules.check(PARAMS, NET, bSpendsA, chain.set(), 1), Rule.KEY_NOT_OWNER);
        assertRule(() -> chain.connect(chain.block(bSpendsA)), Rule.KEY_NOT_OWNER);
    }

    /** naivecoin's inputs signed only themselves: whoever relayed a transaction could redirect its outputs. */
    @Test
    void theSignatureCoversEveryOutputSoARelayerCannotRedirectCoins() {
        UtxoTransaction honest = chain.pay(A, aCoin, to(B, 100), to(A, 900));
        UtxoTransaction redirected = UtxoTransaction.of(NET, honest.inputs(), List.of(to(C, 100), to(A, 900)));
        assertThat(redirected.inputs()).isEqualTo(honest.inputs());
        assertRule(() -> UtxoRules.check(PARAMS, NET, redirected, chain.set(), 1), Rule.BAD_SIGNATURE);
        UtxoTransaction skimmed = UtxoTransaction.of(NET, honest.inputs(), List.of(to(B, 100), to(A, 800)));
        assertRule(() -> UtxoRules.check(PARAMS, NET, skimmed, chain.set(), 1), Rule.BAD_SIGNATURE);
        assertRule(() -> chain.connect(chain.block(redirected)), Rule.BAD_SIGNATURE);
    }

    @Test
    void anInputSignsTheAmountItSpendsSoASignerToldAWrongAmountSignsNothingValid() {
        // A's wallet was told the coin holds 100, so it thinks 99 out is a fee of 1; it holds 1000
        UtxoTransaction misled = payHolding(A, aCoin, 100, to(B, 99));
        assertThatCode(() -> UtxoRules.checkSignatures(misled)).doesNotThrowAnyException();
        assertRule(() -> UtxoRules.check(PARAMS, NET, misled, chain.set(), 1), Rule.WRONG_INPUT_AMOUNT);
        assertRule(() -> chain.connect(chain.block(misled)), Rule.WRONG_INPUT_AMOUNT);
        // and nobody can correct the amount on the way without breaking the signature
        TxInput in = misled.inputs().get(0);
        UtxoTransaction corrected = UtxoTransaction.of(NET, List.of(new TxInput(in.outpoint(), 1000, in.publicKey(),
                in.signature())), misled.outputs());
        assertRule(() -> UtxoRules.check(PARAMS, NET, corrected, chain.set(), 1), Rule.BAD_SIGNATURE);
    }

    @Test
    void everyInputIsSignedByItsOwnKey() {
        UtxoTransaction both = chain.pay(A, List.of(aCoin), to(C, 1000));
        UtxoTransaction bSigned = chain.pay(B, List.of(bCoin), to(C, 1000));
        List<UtxoTransaction.Spend> spends = List.of(new UtxoTransaction.Spend(aCoin, 1000, A),
                new UtxoTransaction.Spend(bCoin, 1000, B));
        UtxoTransaction good = UtxoTransaction.signed(NET, spends, List.of(to(C, 2000)));
        assertThatCode(() -> UtxoRules.check(PARAMS, NET, good, chain.set(), 1)).doesNotThrowAnyException();
        // input 1 carries B's signature of another transaction
        TxInput stolen = UtxoChain.withSignature(good.inputs().get(1), bSigned.inputs().get(0).signature());
        UtxoTransaction forged = UtxoTransaction.of(NET, List.of(good.inputs().get(0), stolen), good.outputs());
        assertRule(() -> UtxoRules.check(PARAMS, NET, forged, chain.set(), 1), Rule.BAD_SIGNATURE);
        // the forgery differs from the good transaction in one signature only: the txid, which leaves
        // signatures out, is the same; the id, which the Merkle root commits to, is not
        assertThat(forged.txid()).isEqualTo(good.txid());
        assertThat(forged.id()).isNotEqualTo(good.id());
        assertThat(both.txid()).isNotEqualTo(bSigned.txid());
    }

    @Test
    void aTransferSignedForAnotherNetworkIsRefused() {
        UtxoTransaction elsewhere = UtxoTransaction.signed(new NetworkId(NET.value() + 1),
                List.of(new UtxoTransaction.Spend(aCoin, 1000, A)), List.of(to(B, 1000)));
        assertRule(() -> UtxoRules.check(PARAMS, NET, elsewhere, chain.set(), 1), Rule.WRONG_NETWORK);
        assertRule(() -> chain.connect(chain.block(elsewhere)), Rule.WRONG_NETWORK);
    }

    @Test
    void everyOutputHoldsAPositiveAmountAndATransferHasOne() {
        assertRule(() -> UtxoRules.checkWellFormed(chain.pay(A, aCoin, to(B, 0))), Rule.BAD_AMOUNT);
        assertRule(() -> UtxoRules.checkWellFormed(chain.pay(A, aCoin, to(B, 1001), to(A, -1))), Rule.BAD_AMOUNT);
        assertRule(() -> UtxoRules.checkWellFormed(chain.pay(A, aCoin)), Rule.NO_OUTPUTS);
        assertRule(() -> chain.connect(chain.block(chain.pay(A, aCoin, to(B, 1001), to(A, -1)))), Rule.BAD_AMOUNT);
        assertThatCode(() -> UtxoRules.checkWellFormed(chain.pay(A, aCoin, to(B, 1)))).doesNotThrowAnyException();
    }

    @Test
    void sumsThatWouldOverflowSixtyFourBitsAreRefused() throws RuleViolation {
        UtxoChain whales = UtxoChain.eachInItsOwnCoinbase(to(A, Long.MAX_VALUE), to(A, Long.MAX_VALUE - 1), to(B, 1));
        OutPoint w0 = whales.coin(0);
        OutPoint w1 = whales.coin(1);
        // outputs: MAX + 1 wraps to a negative total, which must not pass as "less than the inputs"
        assertRule(() -> UtxoRules.checkWellFormed(whales.pay(A, w0, to(B, Long.MAX_VALUE), to(B, 1))), Rule.AMOUNT_OVERFLOW);
        // inputs: MAX + (MAX - 1)
        assertRule(() -> UtxoRules.check(PARAMS, NET, whales.pay(A, List.of(w0, w1), to(B, 1)), whales.set(), 1),
                Rule.AMOUNT_OVERFLOW);
        // fees of one block: (MAX - 1) + (MAX - 2)
        assertRule(() -> whales.connect(whales.block(whales.pay(A, w0, to(B, 1)), whales.pay(A, w1, to(B, 1)))),
                Rule.AMOUNT_OVERFLOW);
        // the reward on top of a fee of MAX - 1
        List<UtxoTransaction> block = new ArrayList<>(whales.block(whales.pay(A, w0, to(B, 1))));
        block.set(0, UtxoTransaction.coinbase(1, List.of(to(MINER, 1))));
        assertRule(() -> whales.connect(block), Rule.AMOUNT_OVERFLOW);
        assertThat(UtxoRules.check(PARAMS, NET, whales.pay(A, w0, to(B, Long.MAX_VALUE)), whales.set(), 1)).isZero();
    }

    @Test
    void aBlockStartsWithItsOneCoinbase() {
        UtxoTransaction t = chain.pay(A, aCoin, to(B, 1000));
        List<UtxoTransaction> block = chain.block(t);
        assertRule(() -> UtxoRules.checkBody(NET, List.of(t)), Rule.NO_COINBASE);
        assertRule(() -> UtxoRules.checkBody(NET, List.of()), Rule.NO_COINBASE);
        assertRule(() -> UtxoRules.checkBody(NET, List.of(block.get(0), t, block.get(0))), Rule.EXTRA_COINBASE);
        assertRule(() -> UtxoRules.check(PARAMS, NET, block.get(0), chain.set(), 1), Rule.EXTRA_COINBASE);
        assertRule(() -> UtxoRules.checkBody(NET, List.of(UtxoTransaction.coinbase(1, List.of()))), Rule.NO_OUTPUTS);
        assertRule(() -> UtxoRules.checkBody(NET, List.of(UtxoTransaction.coinbase(1, List.of(to(MINER, 0))))),
                Rule.BAD_AMOUNT);
    }

    @Test
    void aCoinbaseIsNotSignedSoItsNetworkIsAllZero() {
        byte[] bytes = UtxoTransaction.coinbase(1, List.of(to(MINER, 50))).encode();
        ByteBuffer.wrap(bytes).putLong(NET.value());
        UtxoTransaction stamped = UtxoTransaction.decode(bytes);
        assertThat(stamped.isCoinbase()).isTrue();
        assertRule(() -> UtxoRules.checkCoinbaseForm(stamped), Rule.NONCANONICAL_COINBASE);
        assertRule(() -> chain.connect(List.of(stamped)), Rule.NONCANONICAL_COINBASE);
    }

    @Test
    void theCoinbasePaysExactlyRewardPlusFeesAndCommitsToItsHeight() {
        UtxoTransaction t = chain.pay(A, aCoin, to(B, 990)); // fee 10
        long right = PARAMS.blockReward() + 10;
        for (List<TxOutput> pays : List.of(List.of(to(MINER, right - 10)), List.of(to(MINER, right + 1)))) {
            assertRule(() -> chain.connect(List.of(UtxoTransaction.coinbase(1, pays), t)), Rule.BAD_COINBASE);
        }
        assertRule(() -> chain.connect(List.of(UtxoTransaction.coinbase(2, List.of(to(MINER, right))), t)),
                Rule.BAD_COINBASE);
        // split between two outputs is fine, as long as the sum is right
        assertThatCode(() -> chain.connect(List.of(UtxoTransaction.coinbase(1,
                List.of(to(MINER, 1), to(C, right - 1))), t))).doesNotThrowAnyException();
    }

    @Test
    void twoCoinbasesPayingTheSameNeverShareAnId() {
        List<TxOutput> pay = List.of(to(MINER, 50));
        assertThat(UtxoTransaction.coinbase(1, pay).txid()).isNotEqualTo(UtxoTransaction.coinbase(2, pay).txid());
    }

    @Test
    void aCoinbaseOutputMaySpendOnlyOnceMatured() throws RuleViolation {
        OutPoint reward = chain.mine().outpoint(0); // height 1, maturity 3: spendable from height 4
        chain.mine();
        UtxoTransaction spend = chain.pay(MINER, reward, to(C, 50));
        assertRule(() -> UtxoRules.check(PARAMS, NET, spend, chain.set(), 3), Rule.IMMATURE_COINBASE);
        assertRule(() -> chain.connect(chain.block(spend)), Rule.IMMATURE_COINBASE);
        chain.mine();
        assertThat(UtxoRules.check(PARAMS, NET, spend, chain.set(), 4)).isZero();
        chain.mine(spend);
        assertThat(chain.set().balance(C.address())).isEqualTo(50);
    }

    @Test
    void maturityIsCountedInBlocksFromTheCoinbase() {
        UnspentOutput reward = new UnspentOutput(to(MINER, 50), 5, true);
        assertThat(UtxoRules.matured(PARAMS, reward, 7)).isFalse();
        assertThat(UtxoRules.matured(PARAMS, reward, 8)).isTrue(); // 5 + maturity 3
        assertThat(UtxoRules.matured(PARAMS, new UnspentOutput(to(MINER, 50), 5, false), 5)).isTrue();
        assertThat(UtxoRules.matured(PARAMS.withCoinbaseMaturity(0), reward, 5)).isTrue();
    }

    @Test
    void genesisAllocationsAreNotARewardAndSpendAtOnce() throws RuleViolation {
        assertThat(chain.find(aCoin)).contains(new UnspentOutput(to(A, 1000), 0, false));
        chain.mine(chain.pay(A, aCoin, to(B, 1000)));
        assertThat(chain.set().balance(B.address())).isEqualTo(2000);
    }

    @Test
    void whatTheMempoolChecksIsWhatABlockMayCarry() throws RuleViolation {
        UtxoTransaction t = chain.pay(A, aCoin, to(B, 500), to(A, 495));
        long fee = UtxoRules.check(PARAMS, NET, t, chain.set(), 1);
        chain.mine(t);
        assertThat(chain.set().balance(MINER.address())).isEqualTo(PARAMS.blockReward() + fee);
    }
}
