package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Rule;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Hashing;
import org.powchain.core.Keys;
import org.powchain.core.MerkleTree;
import org.powchain.core.NetworkId;
import org.powchain.core.Target;
import org.powchain.core.AccountTransaction;

/**
 * The full-block test table, after btcd's {@code blockchain/fullblocktests}: one named sequence of
 * blocks, each with the outcome a node must give it ({@code main-chain}, {@code side-branch},
 * {@code orphan}, {@code duplicate}, or the {@link Rule} it breaks) and the tip the node must have
 * after it. The same sequence runs against {@link ChainManager} in memory ({@code BlockTableTest})
 * and against real nodes through {@code /addblock} as a user, as a peer relaying blocks, and as a
 * peer serving a headers-first sync, each peer's score checked ({@code p2p.NetBlockTableTest}).
 *
 * <p>The sequence, in sections (block names say where a block sits: {@code b7} is the main chain
 * at height 7, {@code s12} a side branch at height 12, {@code b3-forged-signature} a refused
 * candidate for height 3):
 * <ol>
 *   <li>a valid start, and a block sent twice;</li>
 *   <li>each header rule, then each body rule, then each ledger rule, broken by a candidate for
 *       height 3 (ledger rules only fail when the block is connected);</li>
 *   <li>children of refused blocks: of a block remembered as invalid ({@code invalid-ancestor}),
 *       and of a block refused for its proof of work or body, whose hash the node does not mark
 *       invalid because a correct body may still come ({@code orphan}); then a mutated body of
 *       {@code b3} is refused and the real {@code b3} accepted;</li>
 *   <li>a side branch that gives the whale exactly {@code Long.MAX_VALUE}, children that give it
 *       one coin more (by coinbase, by transfer), and reorgs back and forth;</li>
 *   <li>a retarget at height 10: nine blocks came in half the time, so the target halves
 *       (written out below, not computed by the code under test); the old bits and bits harder
 *       than required are refused;</li>
 *   <li>side branches and reorgs of depth 1, 2 and 3; a side branch that spends the same nonce as
 *       the main chain; side branches that break a ledger rule, stored until they would win and
 *       refused then; a branch longer than the main chain but with less work, which stays a side
 *       branch (most work wins, not most blocks);</li>
 *   <li>orphans that connect when their parent arrives, one of them into a reorg of depth 2, and an
 *       invalid orphan dropped when its parent arrives, and a side block refused on arrival because
 *       its waiting child makes its branch heavier;</li>
 *   <li>limits: a block of exactly the size limit and one over, a timestamp at the median time
 *       past and one millisecond after it, a timestamp at the future bound and over it.</li>
 * </ol>
 *
 * <p>Rules no block can break, only a transaction offered to the mempool: see
 * {@link #TRANSACTION_ONLY}. Every other {@link Rule} appears in the table; {@code BlockTableTest}
 * fails when a new rule is added until the table covers it.
 */
public final class BlockTable {
    /** Demo accounts funded in the table's genesis. */
    public static final Keys A = Keys.demo("A");
    public static final Keys B = Keys.demo("B");
    public static final Keys DONOR = Keys.demo("donor");
    public static final Keys WHALE = Keys.demo("whale");
    /** Never funded. */
    public static final Keys C = Keys.demo("C");

    /** Transfers a block may carry after its coinbase at the table's size limit. */
    public static final int MAX_TRANSFERS = 7;

    /**
     * Rules that only a transaction offered to the mempool can break, with the reason no block can
     * ({@code MempoolTest} asserts them).
     */
    public static final Map<Rule, String> TRANSACTION_ONLY = Map.of(
            Rule.ALREADY_KNOWN, "a block may carry a transaction the mempool holds; twice in one block is duplicate-tx",
            Rule.MEMPOOL_FULL, "blocks do not enter the mempool, whatever its size",
            Rule.MEMPOOL_CONFLICT, "a conflict with a pending transaction; two spends in one block are double-spend");

    /**
     * Rules of the UTXO model (issue 20), which this table's account-model chain cannot break.
     * {@code consensus.UtxoRulesTest} breaks each of them with a block; a UTXO block table takes
     * them over once the model plugs into the chain through the Ledger seam (issue 19).
     */
    public static final Set<Rule> UTXO_MODEL = EnumSet.of(Rule.NO_OUTPUTS, Rule.DUPLICATE_INPUT, Rule.DOUBLE_SPEND,
            Rule.INPUT_MISSING_OR_SPENT, Rule.WRONG_INPUT_AMOUNT, Rule.KEY_NOT_OWNER, Rule.IMMATURE_COINBASE,
            Rule.OUTPUTS_EXCEED_INPUTS, Rule.AMOUNT_OVERFLOW);

    /** What a node does with a block: its status, or the rule it refuses it for. */
    public record Expect(String code, Optional<Rule> rule) {
        public static final Expect MAIN_CHAIN = new Expect("main-chain", Optional.empty());
        public static final Expect SIDE_BRANCH = new Expect("side-branch", Optional.empty());
        public static final Expect DUPLICATE = new Expect("duplicate", Optional.empty());
        /** Kept until its parent arrives; the node answers {@link Rule#UNKNOWN_PARENT}. */
        public static final Expect ORPHAN = new Expect("orphan", Optional.of(Rule.UNKNOWN_PARENT));

        public static Expect refused(Rule rule) {
            if (rule == Rule.UNKNOWN_PARENT) {
                return ORPHAN;
            }
            return new Expect(rule.code(), Optional.of(rule));
        }

        /** The code a door reports for {@code rule}: an unknown parent makes an orphan. */
        public static String codeOf(Rule rule) {
            return refused(rule).code();
        }

        /** Refused for good (not an orphan, and not a clock that may catch up). */
        public boolean isInvalid() {
            return rule.isPresent() && rule.get() != Rule.UNKNOWN_PARENT && rule.get() != Rule.TIME_TOO_NEW;
        }

        @Override
        public String toString() {
            return code;
        }
    }

    /** One step: send {@code block}, expect {@code expect}, then the tip is {@code tipName}. */
    public record Case(int number, String name, Block block, Expect expect, String tipName, Hash tip, int tipHeight) {
        @Override
        public String toString() {
            return String.format("%02d %s -> %s, tip %s (%d)", number, name, expect, tipName, tipHeight);
        }
    }

    /** A way into a node: it sends a case's block and says what the node answered, and reads the tip. */
    public interface Door {
        /** The outcome's code: {@code main-chain}, {@code side-branch}, {@code duplicate}, {@code orphan}, or a rule's code. */
        String send(Case c);

        Tip tip();

        /** Whether the node keeps {@code hash} in its block tree (an orphan waits outside it). */
        boolean stored(Hash hash);

        /** More checks after a case, e.g. the sending peer's score. */
        default void after(Case c) {}
    }

    public record Tip(Hash hash, int height) {}

    /**
     * The table as one test per case, in order: each sends its block through {@code door} and checks
     * the outcome, the tip, and that the block is stored if and only if it was accepted.
     */
    public static Stream<DynamicTest> run(List<Case> table, Door door) {
        return run(table, door, c -> c.expect().code());
    }

    /** As {@link #run(List, Door)}, for a door where some outcomes show differently ({@code expected} says how). */
    public static Stream<DynamicTest> run(List<Case> table, Door door, Function<Case, String> expected) {
        return table.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            String want = expected.apply(c); // before sending: it may look at the node
            assertThat(door.send(c)).as("outcome of %s", c.name()).isEqualTo(want);
            assertThat(door.tip()).as("tip after %s: %s", c.name(), c.tipName()).isEqualTo(new Tip(c.tip(), c.tipHeight()));
            if (!c.expect().equals(Expect.DUPLICATE)) { // nothing that failed validation is stored
                assertThat(door.stored(c.block().hash())).as("%s stored", c.name()).isEqualTo(c.expect().rule().isEmpty());
            }
            door.after(c);
        }));
    }

    private BlockTable() {}

    /**
     * The table's consensus rules: test difficulty; a size limit of a coinbase and
     * {@link #MAX_TRANSFERS} transfers, so a block at the limit is cheap to build; genesis funds
     * A, B and the donor with 1000 each and the whale with the rest of {@code Long.MAX_VALUE}.
     */
    public static ConsensusParams params() {
        ConsensusParams p = ConsensusParams.forTests().withGenesisAllocations(List.of(
                new ConsensusParams.Allocation("A", 1000),
                new ConsensusParams.Allocation("B", 1000),
                new ConsensusParams.Allocation("donor", 1000),
                new ConsensusParams.Allocation("whale", Long.MAX_VALUE - 3000)));
        int maxBytes = BlockHeader.SIZE + 4 + (1 + MAX_TRANSFERS) * AccountTransaction.SIZE;
        return new ConsensusParams(p.genesisBits(), p.pinnedBits(), p.targetBlockMillis(), p.retargetInterval(),
                p.maxAdjustFactor(), p.blockReward(), maxBytes, p.maxFutureMillis(), p.medianTimeSpan(),
                p.genesisTimestamp(), p.genesisAllocations(), p.ledger(), p.coinbaseMaturity());
    }

    /**
     * Builds the table for a node whose clock reads {@code now} when the blocks arrive.
     *
     * @param lateness how much later than {@code now} the last block may arrive: 0 for a chain
     *                 whose clock the test holds still; a real node reads the wall clock, which moves
     *                 while the table is sent, so the block "just over the future bound" is put this
     *                 much further out (the exact millisecond is asserted in memory)
     */
    public static List<Case> generate(long now, long lateness) {
        return new Generator(now, lateness).run();
    }

    /** Every rule the table expects some block to break. */
    public static Set<Rule> rulesCovered(List<Case> table) {
        Set<Rule> out = EnumSet.noneOf(Rule.class);
        table.forEach(c -> c.expect().rule().ifPresent(out::add));
        return out;
    }

    /** Writes the sequence; each method is one section of the class comment. */
    private static final class Generator {
        private final ChainBuilder builder = new ChainBuilder(params());
        private final ConsensusParams params = builder.params();
        private final long now;
        private final long lateness;
        private final Map<Hash, String> names = new HashMap<>();
        private final List<Case> cases = new ArrayList<>();
        private final Address miner = ChainBuilder.MINER;
        private Block tip;
        /** Time between main-chain blocks: fast before the first retarget, on target after it. */
        private long spacing;

        Generator(long now, long lateness) {
            this.now = now;
            this.lateness = lateness;
            this.tip = builder.genesis();
            this.spacing = params.targetBlockMillis() / 2;
            names.put(tip.hash(), "genesis");
        }

        List<Case> run() {
            Block b2 = start();
            Block[] refusedAt3 = headerRules(b2);
            Block b3 = ancestors(b2, refusedAt3);
            Block b9 = overflowAndOn(b2, b3);
            Block b10 = retarget(b9);
            Block t14 = reorgs(b10);
            longerButLighter(ancestorOf(b9), t14);
            Block r19 = orphans(t14);
            limits(r19);
            return List.copyOf(cases);
        }

        // ---- 1. a valid start ----

        private Block start() {
            Block b1 = expect("b1", next(tip), Expect.MAIN_CHAIN);
            Block b2 = expect("b2", next(b1, AccountTransaction.signed(builder.network(), A, B.address(), 100, 1, 0)), Expect.MAIN_CHAIN);
            expect("b2", b2, Expect.DUPLICATE);
            return b2;
        }

        // ---- 2. every header, body and ledger rule, broken by a candidate for height 3 ----

        /** Returns the refused blocks later sections build on: forged signature, overspend, bad Merkle root, high hash. */
        private Block[] headerRules(Block b2) {
            Block valid = next(b2);
            Block highHash = reject("b3-high-hash", new Block(failingNonce(valid.header()), valid.transactions()),
                    Rule.HIGH_HASH);
            reject("b3-version-2", next(b2, List.of(), h -> version(h, 2)), Rule.BAD_VERSION);
            reject("b3-version-0", next(b2, List.of(), h -> version(h, 0)), Rule.BAD_VERSION);
            // Targets no rule allows: checked before the hash, so these are not mined.
            reject("b3-bits-easier-than-genesis", next(b2, List.of(), h -> bits(h, Target.bitsForLeadingZeros(0))),
                    Rule.BAD_BITS);
            reject("b3-bits-negative", unmined(valid, 0x04800001), Rule.BAD_BITS);
            reject("b3-bits-zero", unmined(valid, 0), Rule.BAD_BITS);
            // Real proof of work at four times the difficulty, but not the difficulty the chain requires.
            reject("b3-bits-harder-than-required", next(b2, List.of(), h -> bits(h, Target.bitsForLeadingZeros(3))),
                    Rule.BAD_BITS);
            long mtp = b2.header().timestamp() - spacing; // median of genesis, b1, b2 is b1's time
            reject("b3-time-at-median-time-past", next(b2, List.of(), at(mtp)), Rule.TIME_TOO_OLD);
            reject("b3-time-at-genesis", next(b2, List.of(), at(params.genesisTimestamp())), Rule.TIME_TOO_OLD);
            reject("b3-time-an-hour-ahead", next(b2, List.of(), at(now + 3_600_000 + lateness)), Rule.TIME_TOO_NEW);
            expect("b3-unknown-parent", builder.withTransactions(b2, coinbase(3, 50),
                    h -> previous(spaced(b2).apply(h), Hashing.doubleSha256("no such block".getBytes()))), Expect.ORPHAN);

            // body
            Block badRoot = reject("b3-bad-merkle-root", next(b2, List.of(), h -> root(h, Hash.ZERO)),
                    Rule.BAD_MERKLE_ROOT);
            reject("b3-no-transactions", body(b2, List.of()), Rule.NO_COINBASE);
            AccountTransaction aToC = AccountTransaction.signed(builder.network(), A, C.address(), 10, 0, 1);
            reject("b3-transfer-first", body(b2, List.of(aToC)), Rule.NO_COINBASE);
            reject("b3-two-coinbases", body(b2, List.of(cb(3, 50), cb(4, 50))), Rule.EXTRA_COINBASE);
            reject("b3-coinbase-last", body(b2, List.of(cb(3, 50), aToC, AccountTransaction.coinbase(C.address(), 1, 3))),
                    Rule.EXTRA_COINBASE);
            reject("b3-transfer-twice", body(b2, List.of(cb(3, 50), aToC, aToC)), Rule.DUPLICATE_TX);
            reject("b3-coinbase-twice", body(b2, List.of(cb(3, 50), cb(3, 50))), Rule.DUPLICATE_TX);
            reject("b3-zero-amount", next(b2, AccountTransaction.signed(builder.network(), A, C.address(), 0, 0, 1)), Rule.BAD_AMOUNT);
            reject("b3-negative-amount", next(b2, AccountTransaction.signed(builder.network(), A, C.address(), -5, 0, 1)), Rule.BAD_AMOUNT);
            reject("b3-negative-fee", body(b2, List.of(cb(3, 50), AccountTransaction.signed(builder.network(), A, C.address(), 10, -1, 1))),
                    Rule.BAD_FEE);
            reject("b3-amount-plus-fee-overflows", next(b2, AccountTransaction.signed(builder.network(), A, C.address(), Long.MAX_VALUE, 1, 1)),
                    Rule.BAD_FEE);
            Block forged = reject("b3-forged-signature", next(b2, forge(aToC)), Rule.BAD_SIGNATURE);
            AccountTransaction signedByB = AccountTransaction.signed(builder.network(), B, C.address(), 10, 0, 1);
            reject("b3-signed-by-another-key", next(b2, AccountTransaction.of(builder.network(), A.publicKey(), C.address(), 10, 0, 1,
                    signedByB.signature())), Rule.BAD_SIGNATURE);

            // ledger: only checked when the block is connected
            // replay protection (docs/concepts/signatures.md): signed for a network whose parameters differ
            reject("b3-signed-for-another-network", next(b2, AccountTransaction.signed(
                    new NetworkId(builder.network().value() ^ 1), A, C.address(), 10, 0, 1)), Rule.WRONG_NETWORK);
            // one canonical coinbase: a fee (even negative) or signature bytes would make its id malleable
            reject("b3-coinbase-with-a-fee", body(b2, List.of(AccountTransaction.of(NetworkId.NONE, new byte[Keys.PUBLIC_KEY_SIZE],
                    miner, 50, -5, 3, new byte[Keys.SIGNATURE_SIZE]))), Rule.NONCANONICAL_COINBASE);
            reject("b3-nonce-already-used", next(b2, AccountTransaction.signed(builder.network(), A, C.address(), 10, 0, 0)), Rule.BAD_NONCE);
            reject("b3-nonce-ahead", next(b2, AccountTransaction.signed(builder.network(), A, C.address(), 10, 0, 2)), Rule.BAD_NONCE);
            Block overspend = reject("b3-overspend", next(b2, AccountTransaction.signed(builder.network(), A, C.address(), 900, 0, 1)),
                    Rule.INSUFFICIENT_FUNDS); // A has 899 after b2
            reject("b3-overspend-inside-block", next(b2, AccountTransaction.signed(builder.network(), A, C.address(), 500, 0, 1),
                    AccountTransaction.signed(builder.network(), A, C.address(), 500, 0, 2)), Rule.INSUFFICIENT_FUNDS);
            reject("b3-spend-from-empty-account", next(b2, AccountTransaction.signed(builder.network(), C, A.address(), 1, 0, 0)),
                    Rule.INSUFFICIENT_FUNDS);
            reject("b3-coinbase-one-coin-too-many", body(b2, List.of(cb(3, 51))), Rule.BAD_COINBASE);
            reject("b3-coinbase-one-coin-too-few", body(b2, List.of(cb(3, 49))), Rule.BAD_COINBASE);
            reject("b3-coinbase-without-the-fees", body(b2, List.of(cb(3, 50),
                    AccountTransaction.signed(builder.network(), A, C.address(), 10, 3, 1))), Rule.BAD_COINBASE);
            reject("b3-coinbase-of-height-2", body(b2, List.of(cb(2, 50))), Rule.BAD_COINBASE);
            reject("b3-coinbase-of-height-4", body(b2, List.of(cb(4, 50))), Rule.BAD_COINBASE);
            return new Block[] {forged, overspend, badRoot, highHash};
        }

        // ---- 3. children of refused blocks; a mutated body does not poison its header ----

        private Block ancestors(Block b2, Block[] refused) {
            Block onForged = reject("b4-on-forged-signature", next(refused[0]), Rule.INVALID_ANCESTOR);
            reject("b4-on-overspend", next(refused[1]), Rule.INVALID_ANCESTOR);
            reject("b5-on-b4-on-forged-signature", next(onForged), Rule.INVALID_ANCESTOR);
            // A body can be swapped under a valid header, so a body failure does not mark the hash invalid.
            expect("b4-on-bad-merkle-root", next(refused[2]), Expect.ORPHAN);
            expect("b4-on-high-hash", childOfUnknown(refused[3]), Expect.ORPHAN);

            Block b3 = next(b2, AccountTransaction.signed(builder.network(), A, C.address(), 10, 0, 1));
            reject("b3-mutated-body", new Block(b3.header(), b3.transactions().subList(0, 1)), Rule.BAD_MERKLE_ROOT);
            return expect("b3", b3, Expect.MAIN_CHAIN);
        }

        // ---- 4. a balance of exactly Long.MAX_VALUE, and one coin more; on to height 9 ----

        private Block overflowAndOn(Block b2, Block b3) {
            // After b2: A 899, B 1100, donor 1000, miner 101, whale MAX - 3000. w3 gives the whale
            // 899 + 1051 + 1000 and the reward 50: exactly Long.MAX_VALUE.
            Block w3 = expect("w3-whale-at-exactly-max", body(b2, List.of(AccountTransaction.coinbase(WHALE.address(), 50, 3),
                    AccountTransaction.signed(builder.network(), A, WHALE.address(), 899, 0, 1),
                    AccountTransaction.signed(builder.network(), B, WHALE.address(), 1051, 0, 0),
                    AccountTransaction.signed(builder.network(), DONOR, WHALE.address(), 1000, 0, 0))), Expect.SIDE_BRANCH);
            // Each of these makes w3's branch the heavier: w3 connects (at exactly the limit), the
            // child overflows and is refused, and b3 (first seen of equal work) is the tip again.
            reject("w4-overflow-by-coinbase", body(w3, List.of(AccountTransaction.coinbase(WHALE.address(), 50, 4))),
                    Rule.BALANCE_OVERFLOW);
            reject("w4-overflow-by-transfer", next(w3, AccountTransaction.signed(builder.network(), Keys.demo("miner"), WHALE.address(), 1, 0, 0)),
                    Rule.BALANCE_OVERFLOW);
            Block w4 = expect("w4", next(w3), Expect.MAIN_CHAIN); // reorg of depth 1
            check(tip == w4, "w4 is the tip");
            Block b4 = expect("b4", next(b3, AccountTransaction.signed(builder.network(), B, A.address(), 50, 0, 0)), Expect.SIDE_BRANCH);
            Block b = expect("b5", next(b4), Expect.MAIN_CHAIN); // reorg of depth 2
            for (int h = 6; h <= 9; h++) {
                b = expect("b" + h, next(b), Expect.MAIN_CHAIN);
            }
            return b;
        }

        // ---- 5. the retarget at height 10 ----

        private Block retarget(Block b9) {
            // Genesis target 2^255 - 1; b1..b9 took 9 x 2.5 s instead of 9 x 5 s, so the target halves:
            // (2^255 - 1) x 22.5 / 45 rounds down to 2^254 - 1, two leading zero bits.
            int before = Target.bitsForLeadingZeros(1);
            int after = Target.bitsForLeadingZeros(2);
            check(b9.header().bits() == before && params.genesisBits() == before, "genesis difficulty up to b9");
            spacing = params.targetBlockMillis();
            reject("b10-old-bits", next(b9, List.of(), h -> bits(h, before)), Rule.BAD_BITS);
            reject("b10-bits-four-times-too-hard", next(b9, List.of(), h -> bits(h, Target.bitsForLeadingZeros(4))),
                    Rule.BAD_BITS);
            Block b10 = next(b9);
            check(b10.header().bits() == after, "the retarget at 10 halves the target");
            return expect("b10", b10, Expect.MAIN_CHAIN);
        }

        // ---- 6. side branches and reorgs ----

        private Block reorgs(Block b10) {
            Block b11 = expect("b11", next(b10, AccountTransaction.signed(builder.network(), A, B.address(), 20, 0, 2)), Expect.MAIN_CHAIN);
            Block s11 = expect("s11", next(b10), Expect.SIDE_BRANCH); // equal work: the first seen stays
            Block s12 = expect("s12", next(s11), Expect.MAIN_CHAIN); // reorg of depth 1
            Block b12 = expect("b12", next(b11), Expect.SIDE_BRANCH);
            Block b13 = expect("b13", next(b12), Expect.MAIN_CHAIN); // reorg of depth 2 back
            expect("s12", s12, Expect.DUPLICATE);
            // A branch from b10 spending A's nonce 2 elsewhere; it wins with its fourth block: reorg of depth 3.
            Block t11 = expect("t11", next(b10, AccountTransaction.signed(builder.network(), A, C.address(), 30, 0, 2)), Expect.SIDE_BRANCH);
            Block t12 = expect("t12", next(t11), Expect.SIDE_BRANCH);
            Block t13 = expect("t13", next(t12), Expect.SIDE_BRANCH);
            Block t14 = expect("t14", next(t13), Expect.MAIN_CHAIN);
            check(tip == t14 && b13 != null, "t14 is the tip");

            // A side branch breaking a ledger rule is stored, and refused when it would win.
            Block u14 = expect("u14-nonce-ahead", next(t13, AccountTransaction.signed(builder.network(), DONOR, A.address(), 1, 0, 5)),
                    Expect.SIDE_BRANCH);
            Block u15 = reject("u15-on-nonce-ahead", next(u14), Rule.INVALID_ANCESTOR);
            reject("u14-nonce-ahead", u14, Rule.BAD_NONCE); // forgotten, and remembered as invalid
            reject("u16-on-u15", next(u15), Rule.INVALID_ANCESTOR);
            // Its first block is valid, its second overspends: the node tries it, fails, and keeps t14 (first seen).
            Block v14 = expect("v14", next(t13), Expect.SIDE_BRANCH);
            reject("v15-spend-from-empty-account", next(v14, AccountTransaction.signed(builder.network(), C, A.address(), 1000, 0, 0)),
                    Rule.INSUFFICIENT_FUNDS);
            expect("v14", v14, Expect.DUPLICATE);
            return t14;
        }

        // ---- 6b. most work, not most blocks ----

        /**
         * A branch from b8 whose block 9 came late, so its retarget at 10 keeps the genesis target:
         * each of its blocks is half the work of the main chain's after b10. At height 15 it is
         * longer than the main chain (14) yet has less work (7 blocks of 1 against 1 + 5 blocks of 2).
         */
        private void longerButLighter(Block b8, Block t14) {
            Block e = expect("e9-late", next(b8, List.of(), at(b8.header().timestamp() + 30_000)), Expect.SIDE_BRANCH);
            for (int h = 10; h <= 15; h++) {
                e = expect("e" + h, next(e), Expect.SIDE_BRANCH);
                check(e.header().bits() == params.genesisBits(), "the e branch keeps the genesis target");
            }
            check(builder.height(e) > builder.height(t14), "the e branch is the longer");
        }

        // ---- 7. orphans ----

        private Block orphans(Block t14) {
            Block o15 = next(t14);
            Block o16 = next(o15);
            Block o17 = next(o16);
            expect("o17", o17, Expect.ORPHAN);
            expect("o16", o16, Expect.ORPHAN);
            expect("o17", o17, Expect.DUPLICATE); // an orphan is known
            expectTip("o15", o15, Expect.MAIN_CHAIN, o17); // its parent arrives: o16 and o17 connect

            // Orphans that make a heavier branch when their parent arrives: a reorg of depth 2.
            Block p16 = next(o15);
            Block p17 = next(p16);
            Block p18 = next(p17);
            expect("p18", p18, Expect.ORPHAN);
            expect("p17", p17, Expect.ORPHAN);
            expectTip("p16", p16, Expect.MAIN_CHAIN, p18);

            // An invalid orphan is dropped when its parent arrives, and refused if it comes again.
            Block r19 = next(p18);
            Block r20 = body(r19, List.of(cb(20, 51)));
            expect("r20-coinbase-one-coin-too-many", r20, Expect.ORPHAN);
            expect("r19", r19, Expect.MAIN_CHAIN);
            reject("r20-coinbase-one-coin-too-many", r20, Rule.BAD_COINBASE);

            // A side block breaking a ledger rule, whose waiting child makes its branch the heavier:
            // the branch is connected at once, so the block is refused on arrival, not stored.
            Block x19 = next(p18, AccountTransaction.signed(builder.network(), DONOR, A.address(), 1, 0, 5));
            Block x20 = next(x19);
            expect("x20", x20, Expect.ORPHAN);
            reject("x19-nonce-ahead", x19, Rule.BAD_NONCE);
            reject("x20", x20, Rule.INVALID_ANCESTOR);
            return r19;
        }

        // ---- 8. limits: size, median time past, future bound ----

        private void limits(Block r19) {
            // State on the main chain now: A has sent 3 (nonce 3), B 1, whale none.
            List<AccountTransaction> full = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                full.add(AccountTransaction.signed(builder.network(), A, B.address(), 1, 0, 3 + i));
                full.add(AccountTransaction.signed(builder.network(), B, A.address(), 1, 0, 1 + i));
            }
            full.add(AccountTransaction.signed(builder.network(), WHALE, C.address(), 1, 0, 0));
            Block atLimit = next(r19, full);
            check(atLimit.sizeBytes() == params.maxBlockBytes(), "the block is exactly at the size limit");
            List<AccountTransaction> over = new ArrayList<>(full);
            over.add(AccountTransaction.signed(builder.network(), WHALE, C.address(), 1, 0, 1));
            // Every transaction is 140 bytes, so one more transaction is the smallest step over the limit.
            Block overLimit = next(r19, over);
            check(overLimit.sizeBytes() == params.maxBlockBytes() + AccountTransaction.SIZE, "one transaction over");
            reject("b20-one-transfer-over-the-size-limit", overLimit, Rule.BLOCK_TOO_LARGE);
            Block b20 = expect("b20-exactly-the-size-limit", atLimit, Expect.MAIN_CHAIN);

            long mtp = medianTimePast(b20);
            reject("b21-time-at-median-time-past", next(b20, List.of(), at(mtp)), Rule.TIME_TOO_OLD);
            Block b21 = expect("b21-time-just-after-median-time-past", next(b20, List.of(), at(mtp + 1)),
                    Expect.MAIN_CHAIN);
            Block b22 = expect("b22", next(b21), Expect.MAIN_CHAIN);

            // On a side branch, so the main chain need not wait for the clock. Over by one millisecond
            // plus the lateness a moving clock needs (none in memory).
            long bound = now + params.maxFutureMillis();
            expect("s22-time-at-the-future-bound", next(b21, List.of(), at(bound)), Expect.SIDE_BRANCH);
            reject("s22-time-over-the-future-bound", next(b21, List.of(), at(bound + 1 + lateness)),
                    Rule.TIME_TOO_NEW);
            check(tip == b22, "b22 is the tip");
        }

        // ---- recording a step ----

        private Block expect(String name, Block block, Expect outcome) {
            if (outcome.equals(Expect.MAIN_CHAIN)) {
                tip = block;
            }
            return record(name, block, outcome);
        }

        /** A block whose arrival connects waiting orphans: the tip moves past it, to {@code newTip}. */
        private Block expectTip(String name, Block block, Expect outcome, Block newTip) {
            tip = newTip;
            return record(name, block, outcome);
        }

        private Block reject(String name, Block block, Rule rule) {
            return record(name, block, Expect.refused(rule));
        }

        private Block record(String name, Block block, Expect outcome) {
            if (outcome.equals(Expect.MAIN_CHAIN) || outcome.equals(Expect.SIDE_BRANCH)) {
                names.put(block.hash(), name); // b3, not the refused b3-mutated-body of the same hash
            } else {
                names.putIfAbsent(block.hash(), name);
            }
            cases.add(new Case(cases.size() + 1, name, block, outcome, names.get(tip.hash()), tip.hash(),
                    builder.height(tip)));
            return block;
        }

        // ---- building blocks ----

        /** A valid child paying the miner, {@link #spacing} after its parent. */
        private Block next(Block parent, AccountTransaction... txs) {
            return next(parent, List.of(txs));
        }

        private Block next(Block parent, List<AccountTransaction> txs) {
            return next(parent, txs, UnaryOperator.identity());
        }

        private Block next(Block parent, List<AccountTransaction> txs, UnaryOperator<BlockHeader> bend) {
            return builder.child(parent, txs, h -> bend.apply(spaced(parent).apply(h)));
        }

        /** A child carrying exactly {@code all}, coinbase included (or not). */
        private Block body(Block parent, List<AccountTransaction> all) {
            return builder.withTransactions(parent, all, spaced(parent));
        }

        private UnaryOperator<BlockHeader> spaced(Block parent) {
            return at(parent.header().timestamp() + spacing);
        }

        private List<AccountTransaction> coinbase(int height, long amount) {
            return List.of(cb(height, amount));
        }

        private AccountTransaction cb(int height, long amount) {
            return AccountTransaction.coinbase(miner, amount, height);
        }

        /** A mined child of a block the builder never made (one refused before it was looked at). */
        private Block childOfUnknown(Block parent) {
            List<AccountTransaction> txs = List.of(cb(4, 50));
            return new Block(ChainBuilder.mine(new BlockHeader(ConsensusParams.BLOCK_VERSION, parent.hash(),
                    MerkleTree.rootOf(txs), parent.header().timestamp() + spacing, parent.header().bits(), 0)), txs);
        }

        private long medianTimePast(Block last) {
            long[] times = new long[params.medianTimeSpan()];
            Block b = last;
            for (int i = times.length - 1; i >= 0; i--) {
                times[i] = b.header().timestamp();
                b = ancestorOf(b);
            }
            java.util.Arrays.sort(times);
            return times[times.length / 2];
        }

        private Block ancestorOf(Block b) {
            return cases.stream().map(Case::block).filter(x -> x.hash().equals(b.previousHash())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no parent of " + names.get(b.hash()) + " in the table"));
        }

        private static void check(boolean ok, String what) {
            if (!ok) {
                throw new IllegalStateException("the table is wrong: expected " + what);
            }
        }
    }

    // ---- bending headers ----

    static UnaryOperator<BlockHeader> at(long timestamp) {
        return h -> new BlockHeader(h.version(), h.previousHash(), h.merkleRoot(), timestamp, h.bits(), h.nonce());
    }

    static BlockHeader version(BlockHeader h, int version) {
        return new BlockHeader(version, h.previousHash(), h.merkleRoot(), h.timestamp(), h.bits(), h.nonce());
    }

    static BlockHeader bits(BlockHeader h, int bits) {
        return new BlockHeader(h.version(), h.previousHash(), h.merkleRoot(), h.timestamp(), bits, h.nonce());
    }

    static BlockHeader root(BlockHeader h, Hash root) {
        return new BlockHeader(h.version(), h.previousHash(), root, h.timestamp(), h.bits(), h.nonce());
    }

    static BlockHeader previous(BlockHeader h, Hash previous) {
        return new BlockHeader(h.version(), previous, h.merkleRoot(), h.timestamp(), h.bits(), h.nonce());
    }

    /** {@code valid} with bits no nonce can meet, so it is not mined. */
    static Block unmined(Block valid, int bits) {
        return new Block(bits(valid.header(), bits), valid.transactions());
    }

    static BlockHeader failingNonce(BlockHeader h) {
        do {
            h = h.withNonce(h.nonce() + 1);
        } while (Target.meets(h.hash(), h.bits()));
        return h;
    }

    /** {@code real} with one bit of its signature flipped. */
    static AccountTransaction forge(AccountTransaction real) {
        byte[] sig = real.signature();
        sig[5] ^= 1;
        return AccountTransaction.of(real.network(), real.senderPublicKey(), real.to(), real.amount(), real.fee(), real.nonce(), sig);
    }
}
