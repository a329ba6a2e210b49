package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.AccountState;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.AccountTransaction;

@Tag("unit")
class ChainManagerTest {
    static final Keys A = Keys.demo("A");
    static final Keys B = Keys.demo("B");
    static final Address C = Keys.demo("C").address();

    final ChainBuilder builder = new ChainBuilder();
    final NetworkId NET = builder.network();
    final ChainManager chain = builder.newChain();
    final ChainQueries queries = chain.queries();

    static RuleViolation violation(ChainManager chain, Block b) {
        try {
            chain.process(b);
        } catch (RuleViolation v) {
            return v;
        }
        throw new AssertionError("block was accepted");
    }

    @Test
    void startsAtGenesisWithDemoAccountsFunded() {
        assertThat(queries.height()).isZero();
        assertThat(queries.tipBlock()).isEqualTo(builder.genesis());
        assertThat(queries.balance(A.address())).isEqualTo(1000);
        assertThat(queries.balance(B.address())).isEqualTo(1000);
    }

    @Test
    void extendsTheMainChainAndPaysTheMiner() throws Exception {
        Block b1 = builder.child(builder.genesis(), AccountTransaction.signed(NET, A, B.address(), 100, 2, 0));
        BlockOutcome outcome = chain.process(b1);

        assertThat(outcome.status()).isEqualTo(BlockOutcome.Status.MAIN_CHAIN);
        assertThat(queries.height()).isEqualTo(1);
        assertThat(org.powchain.core.AccountState.of(queries.snapshot().ledger(), A.address())).satisfies(s -> {
            assertThat(s.balance()).isEqualTo(898);
            assertThat(s.nonce()).isEqualTo(1);
        });
        assertThat(queries.balance(B.address())).isEqualTo(1100);
        assertThat(queries.balance(ChainBuilder.MINER)).isEqualTo(52);
    }

    @Test
    void aDuplicateBlockChangesNothing() throws Exception {
        Block b1 = builder.child(builder.genesis());
        chain.process(b1);
        assertThat(chain.process(b1).status()).isEqualTo(BlockOutcome.Status.DUPLICATE);
        assertThat(queries.height()).isEqualTo(1);
    }

    @Test
    void reorgsToTheBranchWithMoreWorkAndUndoesTheLosingBranch() throws Exception {
        // main: G - a1(A pays B 100) - a2 ; fork at G: b1(A pays C 700) - b2 - b3
        Block a1 = builder.child(builder.genesis(), AccountTransaction.signed(NET, A, B.address(), 100, 0, 0));
        Block a2 = builder.child(a1);
        Block b1 = builder.child(builder.genesis(), AccountTransaction.signed(NET, A, C, 700, 0, 0));
        List<Block> rest = builder.extend(b1, 2);
        chain.process(a1);
        chain.process(a2);

        assertThat(chain.process(b1).status()).isEqualTo(BlockOutcome.Status.SIDE_BRANCH);
        assertThat(chain.process(rest.get(0)).status()).isEqualTo(BlockOutcome.Status.SIDE_BRANCH); // a tie keeps the first seen
        BlockOutcome outcome = chain.process(rest.get(1));

        assertThat(outcome.status()).isEqualTo(BlockOutcome.Status.MAIN_CHAIN);
        TipChange change = outcome.tipChange().orElseThrow();
        assertThat(change.disconnected()).containsExactly(a2, a1);
        assertThat(change.connected()).containsExactly(b1, rest.get(0), rest.get(1));
        assertThat(queries.height()).isEqualTo(3);
        assertThat(queries.balance(B.address())).isEqualTo(1000); // a1 undone
        assertThat(queries.balance(C)).isEqualTo(700);
        assertThat(org.powchain.core.AccountState.of(queries.snapshot().ledger(), A.address())).isEqualTo(new org.powchain.core.AccountState(300, 1));
        assertThat(queries.reorgCount()).isEqualTo(1);
        assertThat(queries.deepestReorg()).isEqualTo(2);
        assertThat(queries.branchTips()).extracting(BlockNode::hash).containsExactly(rest.get(1).hash(), a2.hash());
    }

    @Test
    void forkChoiceCountsWorkNotBlocks() throws Exception {
        // A branch of 16 blocks at genesis difficulty against one of 10 whose last block is 4x
        // harder (see RetargetChains for the bits, worked by hand). Height says the easier one;
        // work says the harder one, 36 + 16 against 36 + 14.
        RetargetChains.Split split = RetargetChains.shorterButHarder(builder);
        assertThat(split.harderTip().header().bits()).isEqualTo(RetargetChains.QUARTERED_BITS);
        assertThat(split.easierTip().header().bits()).isEqualTo(RetargetChains.GENESIS_BITS);
        for (Block b : split.trunk()) {
            chain.process(b);
        }
        for (Block b : split.easier()) {
            chain.process(b);
        }
        assertThat(queries.height()).isEqualTo(26);
        for (Block b : split.harder().subList(0, 9)) {
            assertThat(chain.process(b).status()).isEqualTo(BlockOutcome.Status.SIDE_BRANCH);
        }

        BlockOutcome outcome = chain.process(split.harderTip());

        assertThat(outcome.status()).isEqualTo(BlockOutcome.Status.MAIN_CHAIN);
        assertThat(queries.tipNode().hash()).isEqualTo(split.harderTip().hash());
        assertThat(queries.height()).isEqualTo(20); // six blocks shorter, and the tip
        assertThat(outcome.tipChange().orElseThrow().disconnected()).hasSize(16);
        assertThat(queries.node(split.easierTip().hash()).orElseThrow().chainWork())
                .isLessThan(queries.tipNode().chainWork());
        // the 60 coins of the six extra easy blocks are not the miner's any more
        assertThat(queries.balance(ChainBuilder.MINER)).isEqualTo(20 * 50);
    }

    @Test
    void aLongerEasierBranchArrivingLaterDoesNotTakeOver() throws Exception {
        RetargetChains.Split split = RetargetChains.shorterButHarder(builder);
        for (List<Block> blocks : List.of(split.trunk(), split.harder(), split.easier())) {
            for (Block b : blocks) {
                chain.process(b);
            }
        }
        assertThat(queries.tipNode().hash()).isEqualTo(split.harderTip().hash());
        assertThat(queries.reorgCount()).isZero();
    }

    @Test
    void difficultyRisesWhenBlocksComeFastAndFallsWhenTheyComeSlow() throws Exception {
        List<Block> blocks = RetargetChains.upThenDown(builder);
        for (Block b : blocks) {
            assertThat(chain.process(b).status()).isEqualTo(BlockOutcome.Status.MAIN_CHAIN);
        }
        assertThat(queries.height()).isEqualTo(20);
        // the bits of blocks 1 to 20, as RetargetChains works them out by hand
        assertThat(blocks.subList(0, 9)).allSatisfy(b -> assertThat(b.header().bits()).isEqualTo(RetargetChains.GENESIS_BITS));
        assertThat(blocks.subList(9, 19)).allSatisfy(b -> assertThat(b.header().bits()).isEqualTo(RetargetChains.HALVED_BITS));
        assertThat(blocks.get(19).header().bits()).isEqualTo(RetargetChains.DOUBLED_BITS);
        // the node grows its chain at those bits
        assertThat(queries.blockAt(10).orElseThrow().header().bits()).isEqualTo(RetargetChains.HALVED_BITS);
        assertThat(queries.blockAt(20).orElseThrow().header().bits()).isEqualTo(RetargetChains.DOUBLED_BITS);
    }

    @Test
    void aBlockThatKeepsTheOldBitsAfterARetargetIsRefused() throws Exception {
        List<Block> blocks = RetargetChains.upThenDown(builder);
        for (Block b : blocks.subList(0, 9)) {
            chain.process(b);
        }
        Block stale = builder.childAfter(blocks.get(8), 10_000);
        Block keepsGenesisBits = new Block(ChainBuilder.mine(withBits(stale, RetargetChains.GENESIS_BITS)), stale.transactions());
        assertThat(violation(chain, keepsGenesisBits).rule()).isEqualTo(Rule.BAD_BITS);

        for (Block b : blocks.subList(9, 19)) {
            chain.process(b);
        }
        Block keepsHalvedBits = new Block(ChainBuilder.mine(withBits(blocks.get(19), RetargetChains.HALVED_BITS)),
                blocks.get(19).transactions());
        assertThat(violation(chain, keepsHalvedBits).rule()).isEqualTo(Rule.BAD_BITS);
        assertThat(queries.height()).isEqualTo(19);
        assertThat(chain.process(blocks.get(19)).status()).isEqualTo(BlockOutcome.Status.MAIN_CHAIN);
    }

    private static org.powchain.core.BlockHeader withBits(Block b, int bits) {
        org.powchain.core.BlockHeader h = b.header();
        return new org.powchain.core.BlockHeader(h.version(), h.previousHash(), h.merkleRoot(), h.timestamp(), bits, h.nonce());
    }

    @Test
    void keepsOrphansUntilTheirParentArrives() throws Exception {
        List<Block> blocks = builder.extend(builder.genesis(), 3);

        assertThat(violation(chain, blocks.get(2)).rule()).isEqualTo(Rule.UNKNOWN_PARENT);
        assertThat(violation(chain, blocks.get(1)).rule()).isEqualTo(Rule.UNKNOWN_PARENT);
        assertThat(queries.height()).isZero();
        assertThat(queries.orphans()).hasSize(2);
        assertThat(queries.missingAncestor(blocks.get(2).hash())).contains(blocks.get(0).hash());

        chain.process(blocks.get(0));

        assertThat(queries.height()).isEqualTo(3);
        assertThat(queries.tipNode().hash()).isEqualTo(blocks.get(2).hash());
        assertThat(queries.orphans()).isEmpty();
    }

    @Test
    void aBranchThatOverspendsIsForgottenAndTheMainChainStays() throws Exception {
        Block a1 = builder.child(builder.genesis());
        chain.process(a1);
        // b1 is valid on its own; b2 spends more than A has on that branch.
        Block b1 = builder.child(builder.genesis(), AccountTransaction.signed(NET, A, C, 900, 0, 0));
        Block b2 = builder.child(b1, AccountTransaction.signed(NET, A, C, 200, 0, 1));
        chain.process(b1);

        RuleViolation v = violation(chain, b2);

        assertThat(v.rule()).isEqualTo(Rule.INSUFFICIENT_FUNDS);
        assertThat(queries.tipNode().hash()).isEqualTo(a1.hash());
        assertThat(queries.balance(A.address())).isEqualTo(1000);
        assertThat(queries.balance(C)).isZero();
        assertThat(queries.block(b2.hash())).isEmpty();
        assertThat(violation(chain, b2).rule()).isEqualTo(Rule.INSUFFICIENT_FUNDS); // remembered
        assertThat(violation(chain, builder.child(b2)).rule()).isEqualTo(Rule.INVALID_ANCESTOR);
    }

    @Test
    void rejectsABlockWithAForgedSignatureAndStoresNothing() {
        AccountTransaction real = AccountTransaction.signed(NET, A, B.address(), 10, 0, 0);
        byte[] sig = real.signature();
        sig[5] ^= 1;
        AccountTransaction forged = AccountTransaction.of(NET, real.senderPublicKey(), real.to(), 10, 0, 0, sig);
        Block bad = builder.child(builder.genesis(), forged);

        assertThat(violation(chain, bad).rule()).isEqualTo(Rule.BAD_SIGNATURE);
        assertThat(queries.height()).isZero();
        assertThat(queries.block(bad.hash())).isEmpty();
    }

    @Test
    void rejectsAWrongRewardABadMerkleRootAndBadProofOfWork() {
        Block g = builder.genesis();
        List<AccountTransaction> greedy = new ArrayList<>();
        greedy.add(AccountTransaction.coinbase(ChainBuilder.MINER, 51, 1));
        assertThat(violation(chain, builder.withTransactions(g, greedy, h -> h)).rule()).isEqualTo(Rule.BAD_COINBASE);

        Block lying = builder.child(g, List.of(), h -> new org.powchain.core.BlockHeader(h.version(), h.previousHash(),
                org.powchain.core.Hash.ZERO, h.timestamp(), h.bits(), h.nonce()));
        assertThat(violation(chain, lying).rule()).isEqualTo(Rule.BAD_MERKLE_ROOT);

        Block valid = builder.child(g);
        Block unmined = new Block(findFailingNonce(valid), valid.transactions());
        assertThat(violation(chain, unmined).rule()).isEqualTo(Rule.HIGH_HASH);
        assertThat(queries.height()).isZero();
    }

    @Test
    void rejectsTimestampsBeforeTheMedianOrTooFarAhead() {
        Block g = builder.genesis();
        Block old = builder.child(g, List.of(), h -> new org.powchain.core.BlockHeader(
                h.version(), h.previousHash(), h.merkleRoot(), g.header().timestamp(), h.bits(), h.nonce()));
        assertThat(violation(chain, old).rule()).isEqualTo(Rule.TIME_TOO_OLD);

        Block future = builder.child(g, List.of(), h -> new org.powchain.core.BlockHeader(h.version(),
                h.previousHash(), h.merkleRoot(), builder.now() + 121_000, h.bits(), h.nonce()));
        assertThat(violation(chain, future).rule()).isEqualTo(Rule.TIME_TOO_NEW);
    }

    @Test
    void aBlockFromTheFutureIsAcceptedOnceTheClockCatchesUp() throws Exception {
        long[] clock = {builder.now()};
        ChainManager chain = ChainManager.open(builder.params(), new org.powchain.store.MemoryStore(),
                new SignatureVerifier(1000), () -> clock[0]);
        Block future = builder.child(builder.genesis(), List.of(), h -> new org.powchain.core.BlockHeader(h.version(),
                h.previousHash(), h.merkleRoot(), clock[0] + 180_000, h.bits(), h.nonce()));
        assertThat(violation(chain, future).rule()).isEqualTo(Rule.TIME_TOO_NEW);

        clock[0] += 60_000; // now only 2 minutes ahead: within the limit
        assertThat(chain.process(future).status()).isEqualTo(BlockOutcome.Status.MAIN_CHAIN);
    }

    @Test
    void rejectsBitsThatAreNotTheRequiredDifficulty() {
        Block harder = builder.child(builder.genesis(), List.of(), h -> new org.powchain.core.BlockHeader(h.version(),
                h.previousHash(), h.merkleRoot(), h.timestamp(), org.powchain.core.Target.bitsForLeadingZeros(3), h.nonce()));
        assertThat(violation(chain, harder).rule()).isEqualTo(Rule.BAD_BITS);
    }

    @Test
    void locatorFindsTheForkPointForHeadersSync() throws Exception {
        List<Block> main = builder.extend(builder.genesis(), 30);
        for (Block b : main) {
            chain.process(b);
        }
        ChainManager behind = builder.newChain();
        for (Block b : main.subList(0, 12)) {
            behind.process(b);
        }
        var headers = queries.headersAfter(behind.queries().locator(), 100);
        assertThat(headers).hasSize(18);
        assertThat(headers.get(0).previousHash()).isEqualTo(main.get(11).hash());
        assertThat(queries.headersAfter(behind.queries().locator(), 5)).hasSize(5);
    }

    private static org.powchain.core.BlockHeader findFailingNonce(Block valid) {
        org.powchain.core.BlockHeader h = valid.header();
        do {
            h = h.withNonce(h.nonce() + 1);
        } while (org.powchain.core.Target.meets(h.hash(), h.bits()));
        return h;
    }
}
