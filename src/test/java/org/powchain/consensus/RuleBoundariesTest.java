package org.powchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.powchain.consensus.ConsensusRulesTest.A;
import static org.powchain.consensus.ConsensusRulesTest.B;
import static org.powchain.consensus.ConsensusRulesTest.P;
import static org.powchain.consensus.ConsensusRulesTest.assertRule;
import static org.powchain.consensus.ConsensusRulesTest.block;

import java.math.BigInteger;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.core.AccountState;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Target;
import org.powchain.core.AccountTransaction;

/**
 * Each rule at its edge: the last value it allows and the first it refuses. An off-by-one in a
 * consensus rule splits the network (one node accepts what another refuses), so each edge is
 * pinned by a test; the mutation score found them unpinned (see docs/TESTING.md).
 */
@Tag("unit")
class RuleBoundariesTest {
    static final org.powchain.core.NetworkId NET = new org.powchain.chain.ChainBuilder().network();

    @Test
    void aHashEqualToTheTargetMeetsItAndOneAboveDoesNot() {
        int bits = 0x1d00ffff; // Bitcoin's first target: 0xffff x 2^208
        BigInteger target = Target.fromCompact(bits);
        assertThat(Target.meets(hashOf(target), bits)).isTrue();
        assertThat(Target.meets(hashOf(target.add(BigInteger.ONE)), bits)).isFalse();
        assertThat(Target.meets(hashOf(target.subtract(BigInteger.ONE)), bits)).isTrue();
    }

    @Test
    void theEasiestTargetAllowedIsGenesisAndAZeroTargetIsNone() {
        BlockHeader atGenesis = ConsensusRulesTest.header(P.genesisBits(), 0);
        assertThatCode(() -> BlockValidator.checkProofOfWork(P, ChainBuilder.mine(atGenesis))).doesNotThrowAnyException();
        assertRule(() -> BlockValidator.checkProofOfWork(P, ConsensusRulesTest.header(0, 0)), Rule.BAD_BITS);
        assertRule(() -> BlockValidator.checkProofOfWork(P, ConsensusRulesTest.header(0x04800001, 0)), Rule.BAD_BITS); // negative
        // --difficulty may pin an easier target than genesis: then that one is allowed
        ConsensusParams easyPinned = P.withPinnedDifficulty(8);
        BlockHeader pinned = ConsensusRulesTest.header(Target.bitsForLeadingZeros(8), 0);
        assertThatCode(() -> BlockValidator.checkProofOfWork(easyPinned, ChainBuilder.mine(pinned))).doesNotThrowAnyException();
        assertRule(() -> BlockValidator.checkProofOfWork(P, ChainBuilder.mine(pinned)), Rule.BAD_BITS);
    }

    @Test
    void aHashAboveTheTargetIsHighHash() {
        BlockHeader h = ConsensusRulesTest.header(P.genesisBits(), 0);
        while (Target.meets(h.hash(), h.bits())) {
            h = h.withNonce(h.nonce() + 1);
        }
        BlockHeader above = h;
        assertRule(() -> BlockValidator.checkProofOfWork(P, above), Rule.HIGH_HASH);
    }

    @Test
    void aBlockExactlyAtTheSizeLimitIsAcceptedAndOneByteMoreIsNot() {
        Block b = block(List.of(AccountTransaction.coinbase(B, 50, 1), AccountTransaction.signed(NET, A, B, 1, 0, 0)));
        assertThatCode(() -> BlockValidator.checkBody(withMaxBlockBytes(b.sizeBytes()), NET, b)).doesNotThrowAnyException();
        assertRule(() -> BlockValidator.checkBody(withMaxBlockBytes(b.sizeBytes() - 1), NET, b), Rule.BLOCK_TOO_LARGE);
    }

    @Test
    void timestampsAtTheEdgesOfTheWindow() {
        long mtp = 1_000_000;
        long now = 2_000_000;
        int bits = P.genesisBits();
        assertRule(() -> BlockValidator.checkContext(P, ConsensusRulesTest.header(bits, mtp), bits, mtp, now), Rule.TIME_TOO_OLD);
        assertThatCode(() -> BlockValidator.checkContext(P, ConsensusRulesTest.header(bits, mtp + 1), bits, mtp, now))
                .doesNotThrowAnyException();
        long latest = now + P.maxFutureMillis();
        assertThatCode(() -> BlockValidator.checkContext(P, ConsensusRulesTest.header(bits, latest), bits, mtp, now))
                .doesNotThrowAnyException();
        assertRule(() -> BlockValidator.checkContext(P, ConsensusRulesTest.header(bits, latest + 1), bits, mtp, now),
                Rule.TIME_TOO_NEW);
        // the refusal a user reads says how far ahead is too far, in seconds
        assertThatThrownBy(() -> BlockValidator.checkContext(P, ConsensusRulesTest.header(bits, latest + 1), bits, mtp, now))
                .hasMessageContaining("more than 120 s ahead");
    }

    @Test
    void everyRuleHasTheCodeUsersSeeAndADescription() {
        assertThat(Rule.INSUFFICIENT_FUNDS.code()).isEqualTo("insufficient-funds");
        assertThat(Rule.HIGH_HASH.code()).isEqualTo("high-hash");
        assertThat(Rule.BAD_NONCE.description()).isEqualTo("the nonce is not the sender's next one");
        for (Rule r : Rule.values()) {
            assertThat(r.code()).as(r.name()).matches("[a-z]+(-[a-z]+)*");
            assertThat(r.description()).as(r.name()).isNotBlank();
        }
    }

    @Test
    void aShorterTargetIntervalMakesTheSameBlocksLookSlow() {
        // ten intervals of 2.5 s: on time for a 2.5 s target, twice too fast for the default 5 s
        ConsensusParams quick = P.withTargetBlockMillis(2_500);
        assertThat(quick.targetBlockMillis()).isEqualTo(2_500);
        int bits = Target.bitsForLeadingZeros(20);
        BlockHeader parent = ConsensusRulesTest.header(bits, 1_000_000);
        BlockHeader first = ConsensusRulesTest.header(bits, 1_000_000 - 10 * 2_500);
        assertThat(Difficulty.nextBits(quick, 30, parent, h -> first)).isEqualTo(bits);
        assertThat(Difficulty.nextBits(P, 30, parent, h -> first)).isNotEqualTo(bits);
        assertThat(quick.genesisBits()).isEqualTo(P.genesisBits());
    }

    @Test
    void amountPlusFeeMayReachTheLargestBalanceButNotPassIt() {
        assertThatCode(() -> TransactionRules.checkWellFormed(AccountTransaction.signed(NET, A, B, Long.MAX_VALUE - 1, 1, 0)))
                .doesNotThrowAnyException();
        assertThatCode(() -> TransactionRules.checkWellFormed(AccountTransaction.signed(NET, A, B, 1, 0, 0))).doesNotThrowAnyException();
        assertRule(() -> TransactionRules.checkWellFormed(AccountTransaction.signed(NET, A, B, Long.MAX_VALUE, 1, 0)), Rule.BAD_FEE);
        assertRule(() -> TransactionRules.checkWellFormed(AccountTransaction.signed(NET, A, B, Long.MAX_VALUE - 1, 2, 0)), Rule.BAD_FEE);
    }

    @Test
    void aNonceRefusalSaysWhetherTheNonceWasUsedOrSkipsAhead() {
        AccountState sender = new AccountState(100, 3);
        assertThatThrownBy(() -> TransactionRules.checkAgainstSender(AccountTransaction.signed(NET, A, B, 1, 0, 2), sender, 0, 0))
                .hasMessageContaining("already used").hasMessageContaining("next nonce is 3");
        assertThatThrownBy(() -> TransactionRules.checkAgainstSender(AccountTransaction.signed(NET, A, B, 1, 0, 4), sender, 0, 0))
                .hasMessageContaining("too far ahead");
    }

    @Test
    void genesisFundsTheAllocationsTheParametersName() {
        ConsensusParams other = P.withGenesisAllocations(List.of(new ConsensusParams.Allocation("C", 5)));
        Block g = Genesis.block(other);
        assertThat(AccountLedger.transfers(g)).extracting(AccountTransaction::amount).containsExactly(5L);
        assertThat(AccountLedger.transfer(g.transactions().get(0)).to()).isEqualTo(org.powchain.core.Keys.demo("C").address());
        assertThat(g.hash()).isNotEqualTo(Genesis.block(P).hash());
    }

    @Test
    void aSenderMaySpendExactlyWhatItHasButNotOneMore() {
        AccountState sender = new AccountState(100, 0);
        assertThatCode(() -> TransactionRules.checkAgainstSender(AccountTransaction.signed(NET, A, B, 90, 10, 0), sender, 0, 0))
                .doesNotThrowAnyException();
        assertRule(() -> TransactionRules.checkAgainstSender(AccountTransaction.signed(NET, A, B, 91, 10, 0), sender, 0, 0),
                Rule.INSUFFICIENT_FUNDS);
        // pending spends count against the balance
        assertThatCode(() -> TransactionRules.checkAgainstSender(AccountTransaction.signed(NET, A, B, 40, 0, 1), sender, 1, 60))
                .doesNotThrowAnyException();
        assertRule(() -> TransactionRules.checkAgainstSender(AccountTransaction.signed(NET, A, B, 41, 0, 1), sender, 1, 60),
                Rule.INSUFFICIENT_FUNDS);
    }

    @Test
    void aBalanceMayReachTheLargestLongButNotOverflowIt() throws Exception {
        long full = Long.MAX_VALUE - 100;
        Block fills = block(List.of(AccountTransaction.coinbase(A.address(), 50, 1), AccountTransaction.signed(NET, A, B, 100, 0, 0)));
        AccountChange c = LedgerRules.apply(P, fills, 1, a -> a.equals(B) ? new AccountState(full, 0) : new AccountState(1000, 0));
        assertThat(c.after()).containsEntry(B, new AccountState(Long.MAX_VALUE, 0));

        Block overflows = block(List.of(AccountTransaction.coinbase(A.address(), 50, 1), AccountTransaction.signed(NET, A, B, 101, 0, 0)));
        assertRule(() -> LedgerRules.apply(P, overflows, 1, a -> a.equals(B) ? new AccountState(full, 0) : new AccountState(1000, 0)),
                Rule.BALANCE_OVERFLOW);
        // the coinbase is a credit too
        Block rewardOverflows = block(List.of(AccountTransaction.coinbase(B, 50, 1)));
        assertRule(() -> LedgerRules.apply(P, rewardOverflows, 1, a -> new AccountState(Long.MAX_VALUE - 49, 0)),
                Rule.BALANCE_OVERFLOW);
    }

    private static Hash hashOf(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[Hash.SIZE];
        int len = Math.min(raw.length, Hash.SIZE);
        System.arraycopy(raw, raw.length - len, out, Hash.SIZE - len, len);
        Hash h = Hash.of(out);
        assertThat(h.toBigInteger()).isEqualTo(n);
        return h;
    }

    private static ConsensusParams withMaxBlockBytes(int max) {
        return new ConsensusParams(P.genesisBits(), OptionalInt.empty(), P.targetBlockMillis(), P.retargetInterval(),
                P.maxAdjustFactor(), P.blockReward(), max, P.maxFutureMillis(), P.medianTimeSpan(), P.genesisTimestamp(),
                P.genesisAllocations(), P.ledger(), P.coinbaseMaturity());
    }
}
