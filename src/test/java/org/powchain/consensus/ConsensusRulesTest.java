package org.powchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.MerkleTree;
import org.powchain.core.NetworkId;
import org.powchain.core.Target;
import org.powchain.core.AccountTransaction;

@Tag("unit")
class ConsensusRulesTest {
    static final ConsensusParams P = ConsensusParams.defaults();
    static final NetworkId NET = Genesis.networkId(P);
    static final Keys A = Keys.demo("A");
    static final Address B = Keys.demo("B").address();

    @Test
    void genesisIsOneConstantBlockFundingAAndB() {
        Block g = Genesis.block(P);
        assertThat(g.hash().toHex()).isEqualTo("0000b2784f0155de9dfa059e48ab31384ccb5e80a6669e0f856bef6db847c579");
        assertThat(Genesis.networkId(P)).hasToString("78d3c45a8a9071b9"); // the default network, as the docs show it
        assertThat(Genesis.block(ConsensusParams.defaults()).hash()).isEqualTo(g.hash());
        assertThat(Target.meets(g.hash(), g.header().bits())).isTrue();
        assertThat(AccountLedger.transfers(g)).extracting(AccountTransaction::to).containsExactly(A.address(), B);
        assertThat(AccountLedger.transfers(g)).extracting(AccountTransaction::amount).containsExactly(1000L, 1000L);
    }

    @Test
    void difficultyKeepsTheTargetWhenBlocksComeOnTime() {
        int bits = Target.bitsForLeadingZeros(20);
        assertThat(Difficulty.retarget(P, bits, 50_000, 50_000)).isEqualTo(bits);
    }

    @Test
    void difficultyDoublesWorkWhenBlocksComeTwiceAsFast() {
        int bits = Target.bitsForLeadingZeros(20);
        int next = Difficulty.retarget(P, bits, 25_000, 50_000);
        assertThat(ratio(next, bits)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void oneRetargetMovesAtMostFourfoldAndNeverBelowGenesis() {
        int bits = Target.bitsForLeadingZeros(20);
        assertThat(ratio(Difficulty.retarget(P, bits, 1, 50_000), bits)).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-4));
        int easier = Difficulty.retarget(P, bits, 10_000_000, 50_000);
        assertThat(ratio(easier, bits)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Difficulty.retarget(P, P.genesisBits(), 10_000_000, 50_000)).isEqualTo(P.genesisBits());
    }

    @Test
    void retargetHappensOnlyAtIntervalBoundaries() {
        BlockHeader parent = header(Target.bitsForLeadingZeros(20), 1_000_000);
        BlockHeader first = header(Target.bitsForLeadingZeros(20), 1_000_000 - 10 * 2_500);
        assertThat(Difficulty.nextBits(P, 25, parent, h -> first)).isEqualTo(parent.bits());
        int at30 = Difficulty.nextBits(P, 30, parent, h -> first); // 10 gaps in 25 s instead of 50 s
        assertThat(ratio(at30, parent.bits())).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Difficulty.nextBits(P.withPinnedDifficulty(12), 30, parent, h -> first))
                .isEqualTo(Target.bitsForLeadingZeros(12));
    }

    @Test
    void medianTimePastIsTheMiddleOfTheSortedTimes() {
        assertThat(MedianTimePast.of(new long[] {5, 1, 9})).isEqualTo(5);
        assertThat(MedianTimePast.of(new long[] {7})).isEqualTo(7);
    }

    @Test
    void ledgerRefusesOverspendInsideOneBlock() {
        AccountTransaction t1 = AccountTransaction.signed(NET, A, B, 600, 0, 0);
        AccountTransaction t2 = AccountTransaction.signed(NET, A, B, 600, 0, 1);
        Block b = block(List.of(AccountTransaction.coinbase(B, 50, 1), t1, t2));
        assertThatThrownBy(() -> LedgerRules.apply(P, b, 1, a -> a.equals(A.address()) ? new AccountState(1000, 0) : AccountState.EMPTY))
                .isInstanceOfSatisfying(RuleViolation.class, v -> {
                    assertThat(v.rule()).isEqualTo(Rule.INSUFFICIENT_FUNDS);
                    assertThat(v.detail()).contains("balance 400");
                });
    }

    @Test
    void ledgerRecordsBeforeAndAfterForUndo() throws Exception {
        AccountTransaction t1 = AccountTransaction.signed(NET, A, B, 100, 5, 0);
        Block b = block(List.of(AccountTransaction.coinbase(B, 55, 1), t1));
        AccountChange c = LedgerRules.apply(P, b, 1, a -> a.equals(A.address()) ? new AccountState(1000, 0) : AccountState.EMPTY);
        assertThat(c.before()).containsEntry(A.address(), new AccountState(1000, 0)).containsEntry(B, AccountState.EMPTY);
        assertThat(c.after()).containsEntry(A.address(), new AccountState(895, 1)).containsEntry(B, new AccountState(155, 0));
    }

    @Test
    void coinbaseMustPayRewardPlusFeesAtItsHeight() {
        AccountTransaction t1 = AccountTransaction.signed(NET, A, B, 100, 5, 0);
        Block b = block(List.of(AccountTransaction.coinbase(B, 50, 1), t1)); // forgot the fee
        assertThatThrownBy(() -> LedgerRules.apply(P, b, 1, a -> new AccountState(1000, 0)))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.rule()).isEqualTo(Rule.BAD_COINBASE));
    }

    @Test
    void replayedAndOutOfOrderNoncesAreRefused() {
        AccountTransaction t = AccountTransaction.signed(NET, A, B, 1, 0, 0);
        assertRule(() -> TransactionRules.checkAgainstSender(t, new AccountState(10, 1), 0, 0), Rule.BAD_NONCE);
        assertRule(() -> TransactionRules.checkAgainstSender(AccountTransaction.signed(NET, A, B, 1, 0, 5), new AccountState(10, 1), 0, 0),
                Rule.BAD_NONCE);
        // the next nonce counts the sender's pending transactions: with two queued, 1 + 2 = 3 is next
        assertRule(() -> TransactionRules.checkAgainstSender(AccountTransaction.signed(NET, A, B, 1, 0, 2), new AccountState(10, 1), 2, 2),
                Rule.BAD_NONCE);
        assertRule(() -> TransactionRules.checkAgainstSender(AccountTransaction.signed(NET, A, B, 1, 0, 4), new AccountState(10, 1), 2, 2),
                Rule.BAD_NONCE);
        assertThatCode(() -> TransactionRules.checkAgainstSender(AccountTransaction.signed(NET, A, B, 1, 0, 3), new AccountState(10, 1), 2, 2))
                .doesNotThrowAnyException();
    }

    @Test
    void wellFormedTransactionsHavePositiveAmountsAndNoOverflow() {
        assertRule(() -> TransactionRules.checkWellFormed(AccountTransaction.signed(NET, A, B, 0, 0, 0)), Rule.BAD_AMOUNT);
        assertRule(() -> TransactionRules.checkWellFormed(AccountTransaction.signed(NET, A, B, -1, 0, 0)), Rule.BAD_AMOUNT);
        assertRule(() -> TransactionRules.checkWellFormed(AccountTransaction.signed(NET, A, B, 1, -1, 0)), Rule.BAD_FEE);
        assertRule(() -> TransactionRules.checkWellFormed(AccountTransaction.signed(NET, A, B, Long.MAX_VALUE, 1, 0)), Rule.BAD_FEE);
        assertRule(() -> TransactionRules.checkWellFormed(AccountTransaction.coinbase(B, 1, 1)), Rule.EXTRA_COINBASE);
    }

    @Test
    void blockBodyRulesNameWhatIsWrong() {
        AccountTransaction cb = AccountTransaction.coinbase(B, 50, 1);
        AccountTransaction t = AccountTransaction.signed(NET, A, B, 1, 0, 0);
        assertRule(() -> BlockValidator.checkBody(P, NET, block(List.of(t))), Rule.NO_COINBASE);
        assertRule(() -> BlockValidator.checkBody(P, NET, block(List.of(cb, t, t))), Rule.DUPLICATE_TX);
        assertRule(() -> BlockValidator.checkBody(P, NET, block(List.of(cb, cb))), Rule.DUPLICATE_TX);
        assertRule(() -> BlockValidator.checkBody(P, NET, block(List.of(cb, AccountTransaction.coinbase(A.address(), 1, 1)))), Rule.EXTRA_COINBASE);
        Block wrongRoot = new Block(new BlockHeader(1, Hash.ZERO, Hash.ZERO, 0, P.genesisBits(), 0), List.of(cb));
        assertRule(() -> BlockValidator.checkBody(P, NET, wrongRoot), Rule.BAD_MERKLE_ROOT);
    }

    @Test
    void headerChecksRefuseTargetsEasierThanTheRulesAllow() {
        BlockHeader tooEasy = new BlockHeader(1, Hash.ZERO, Hash.ZERO, 0, Target.bitsForLeadingZeros(2), 0);
        assertRule(() -> BlockValidator.checkProofOfWork(P, tooEasy), Rule.BAD_BITS);
        BlockHeader v2 = new BlockHeader(2, Hash.ZERO, Hash.ZERO, 0, P.genesisBits(), 0);
        assertRule(() -> BlockValidator.checkProofOfWork(P, v2), Rule.BAD_VERSION);
    }

    /** How many times more work {@code bits} needs than {@code base}. */
    static double ratio(int bits, int base) {
        return Target.work(bits).doubleValue() / Target.work(base).doubleValue();
    }

    interface Check {
        void run() throws RuleViolation;
    }

    static void assertRule(Check check, Rule rule) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.rule()).isEqualTo(rule));
    }

    static Block block(List<AccountTransaction> txs) {
        return new Block(new BlockHeader(1, Hash.ZERO, MerkleTree.rootOf(txs), 0, P.genesisBits(), 0), txs);
    }

    static BlockHeader header(int bits, long time) {
        return new BlockHeader(1, Hash.ZERO, Hash.ZERO, time, bits, 0);
    }
}
