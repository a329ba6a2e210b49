package org.powchain.chain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.powchain.chain.BlockTable.Case;
import org.powchain.chain.BlockTable.Expect;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Rule;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.Transaction;
import org.powchain.core.TxOutput;
import org.powchain.core.UtxoTransaction;

/**
 * The full-block table of the UTXO model: every rule {@link BlockTable#UTXO_MODEL} names broken by
 * a block sent to a node of a UTXO network ({@code --ledger utxo}), with the valid cases beside
 * them, in the shape of {@link BlockTable} (same {@link Case}, {@link Expect} and doors):
 * <ol>
 *   <li>a valid start: A pays B 100 with 890 change and a fee of 10; the block sent twice;</li>
 *   <li>each rule of a transfer alone (body checks: refused before the chain looks at the set),
 *       then the block-body rule (one output spent by two transfers), then each rule against the
 *       set (refused when the block is connected), by a candidate for height 2;</li>
 *   <li>Bitcoin's CVE-2018-17144: a transfer spending one output twice, whose coinbase claims the
 *       fee the double count leaves;</li>
 *   <li>a block spending an output made earlier in it, and one spending it before it is made;</li>
 *   <li>a coinbase's reward spent once it has matured ({@link #MATURITY} blocks), not one block before;</li>
 *   <li>a side branch spending A's change elsewhere, a reorg of depth 3 to it and one back: the
 *       outputs each branch spent come back when it is disconnected, and only there.</li>
 * </ol>
 */
public final class UtxoBlockTable {
    public static final Keys A = Keys.demo("A");
    public static final Keys B = Keys.demo("B");
    /** Never funded. */
    public static final Keys C = Keys.demo("C");
    public static final Keys MINER = Keys.demo("miner");
    /** A coinbase's outputs mature this many blocks on: a few, so the table shows it. */
    public static final int MATURITY = 3;

    private UtxoBlockTable() {}

    /** A UTXO network at test difficulty whose genesis gives A and B 1000 each, maturity {@link #MATURITY}. */
    public static ConsensusParams params() {
        return ConsensusParams.forTests().withLedger(UtxoLedger.INSTANCE).withCoinbaseMaturity(MATURITY);
    }

    public static List<Case> generate() {
        return new Generator().run();
    }

    /** Every rule this table expects some block to break. */
    public static Set<Rule> rulesCovered(List<Case> table) {
        Set<Rule> out = EnumSet.noneOf(Rule.class);
        table.forEach(c -> c.expect().rule().ifPresent(out::add));
        return out;
    }

    private static final class Generator {
        private final ChainBuilder builder = new ChainBuilder(params());
        private final NetworkId net = builder.network();
        private final Map<Hash, String> names = new HashMap<>();
        private final List<Case> cases = new ArrayList<>();
        private final OutPoint aCoin;
        private final OutPoint bCoin;
        private Block tip;

        Generator() {
            tip = builder.genesis();
            names.put(tip.hash(), "genesis");
            List<Transaction> g = builder.genesis().transactions(); // one coinbase per allocation: A, then B
            aCoin = utxo(g.get(0)).outpoint(0);
            bCoin = utxo(g.get(1)).outpoint(0);
        }

        List<Case> run() {
            UtxoTransaction aPaysB = pay(A, List.of(spend(aCoin, 1000)), out(B, 100), out(A, 890));
            Block b1 = expect("b1-a-pays-b-with-change", next(tip, aPaysB), Expect.MAIN_CHAIN);
            expect("b1-again", b1, Expect.DUPLICATE);
            OutPoint bGot = aPaysB.outpoint(0);
            OutPoint aChange = aPaysB.outpoint(1);
            OutPoint reward1 = utxo(b1.transactions().get(0)).outpoint(0);

            // ---- 2. a transfer alone: refused before the set is read ----
            reject("b2-no-outputs", next(b1, pay(B, List.of(spend(bCoin, 1000)))), Rule.NO_OUTPUTS);
            reject("b2-zero-output", next(b1, pay(B, List.of(spend(bCoin, 1000)), out(C, 0), out(B, 1000))), Rule.BAD_AMOUNT);
            reject("b2-negative-output-minting", next(b1, pay(B, List.of(spend(bCoin, 1000)), out(C, 1500), out(B, -500))),
                    Rule.BAD_AMOUNT); // naivecoin's mint
            reject("b2-outputs-overflow", next(b1, pay(B, List.of(spend(bCoin, 1000)), out(C, Long.MAX_VALUE), out(B, 1))),
                    Rule.AMOUNT_OVERFLOW);
            reject("b2-signed-for-another-network", next(b1, UtxoTransaction.signed(new NetworkId(net.value() ^ 1),
                    List.of(spend(bCoin, 1000, B)), List.of(out(C, 1000)))), Rule.WRONG_NETWORK);
            UtxoTransaction honest = pay(B, List.of(spend(bCoin, 1000)), out(C, 1000));
            UtxoTransaction redirected = UtxoTransaction.of(net, honest.inputs(), List.of(out(A, 1000)));
            reject("b2-output-redirected-by-a-relayer", next(b1, redirected), Rule.BAD_SIGNATURE);
            reject("b2-stamped-coinbase", body(b1, List.of(stamped(UtxoTransaction.coinbase(2, List.of(out(MINER, 50)))))),
                    Rule.NONCANONICAL_COINBASE);
            reject("b2-transfer-first", body(b1, List.of(honest)), Rule.NO_COINBASE);
            // ---- the block-body hook: two transfers of one block spend one output ----
            reject("b2-double-spend-in-one-block", next(b1, honest, pay(B, List.of(spend(bCoin, 1000)), out(A, 1000))),
                    Rule.DOUBLE_SPEND);
            // ---- 3. CVE-2018-17144: one transfer spends an output twice; its coinbase claims the fee ----
            reject("b2-one-transfer-spends-an-output-twice", next(b1, pay(B, List.of(spend(bCoin, 1000), spend(bCoin, 1000)),
                    out(C, 1500))), Rule.DUPLICATE_INPUT);
            // ---- against the set: refused when connected ----
            reject("b2-spends-what-b1-spent", next(b1, pay(A, List.of(spend(aCoin, 1000)), out(C, 1000))),
                    Rule.INPUT_MISSING_OR_SPENT);
            reject("b2-spends-what-never-existed", next(b1, pay(A, List.of(spend(new OutPoint(aPaysB.txid(), 2), 5)),
                    out(C, 5))), Rule.INPUT_MISSING_OR_SPENT);
            reject("b2-states-a-wrong-amount", next(b1, pay(B, List.of(spend(bCoin, 999)), out(C, 999))),
                    Rule.WRONG_INPUT_AMOUNT);
            reject("b2-c-signs-for-bs-coin", next(b1, UtxoTransaction.signed(net, List.of(spend(bCoin, 1000, C)),
                    List.of(out(C, 1000)))), Rule.KEY_NOT_OWNER); // blockchain_go's hole
            reject("b2-spends-an-immature-reward", next(b1, pay(MINER, List.of(spend(reward1, 60)), out(C, 60))),
                    Rule.IMMATURE_COINBASE);
            reject("b2-pays-out-more-than-it-spends", next(b1, pay(B, List.of(spend(bCoin, 1000)), out(C, 1001))),
                    Rule.OUTPUTS_EXCEED_INPUTS);
            UtxoTransaction fee5 = pay(B, List.of(spend(bCoin, 1000)), out(C, 995));
            reject("b2-coinbase-claims-one-more", body(b1, List.of(cb(2, 56), fee5)), Rule.BAD_COINBASE);
            reject("b2-coinbase-without-the-fee", body(b1, List.of(cb(2, 50), fee5)), Rule.BAD_COINBASE);

            // ---- 4. an output made earlier in the block may be spent; one made later may not ----
            UtxoTransaction bPaysC = pay(B, List.of(spend(bCoin, 1000), spend(bGot, 100)), out(C, 1090), out(B, 5));
            UtxoTransaction cPaysA = pay(C, List.of(spend(bPaysC.outpoint(0), 1090)), out(A, 1090));
            reject("b2-spends-an-output-made-later-in-it", next(b1, cPaysA, bPaysC), Rule.INPUT_MISSING_OR_SPENT);
            Block b2 = expect("b2-spends-an-output-made-earlier-in-it", next(b1, bPaysC, cPaysA), Expect.MAIN_CHAIN);

            // ---- 6. b1's reward (height 1) matures at height 1 + 3 = 4: not at 3, at 4 ----
            reject("b3-spends-the-reward-one-block-early", next(b2, pay(MINER, List.of(spend(reward1, 60)), out(C, 60))),
                    Rule.IMMATURE_COINBASE);
            Block b3 = expect("b3", next(b2), Expect.MAIN_CHAIN);
            Block b4 = expect("b4-spends-the-matured-reward", next(b3, pay(MINER, List.of(spend(reward1, 60)), out(C, 60))),
                    Expect.MAIN_CHAIN);

            // ---- 5. a side branch from b1 spends A's change elsewhere; a reorg to it and back ----
            UtxoTransaction aToC = pay(A, List.of(spend(aChange, 890)), out(C, 890));
            Block s2 = expect("s2-a-change-to-c", next(b1, aToC), Expect.SIDE_BRANCH);
            Block s3 = expect("s3", next(s2), Expect.SIDE_BRANCH);
            Block s4 = expect("s4", next(s3), Expect.SIDE_BRANCH); // as much work as b4: the first seen stays
            Block s5 = expect("s5-reorg-undoes-b2-to-b4", next(s4), Expect.MAIN_CHAIN);
            // b2 and b4 are undone: B's genesis coin and b1's reward are unspent again on this branch
            Block s6 = expect("s6-spends-what-b2-and-b4-had-spent", next(s5, pay(B, List.of(spend(bCoin, 1000)), out(B, 1000)),
                    pay(MINER, List.of(spend(reward1, 60)), out(MINER, 60))), Expect.MAIN_CHAIN);
            reject("s7-spends-a-change-again", next(s6, pay(A, List.of(spend(aChange, 890)), out(B, 890))),
                    Rule.INPUT_MISSING_OR_SPENT);
            Block b5 = expect("b5", next(b4), Expect.SIDE_BRANCH);
            Block b6 = expect("b6", next(b5), Expect.SIDE_BRANCH);
            Block b7 = expect("b7-reorg-back", next(b6), Expect.MAIN_CHAIN);
            reject("b8-spends-b-coin-which-b2-spent", next(b7, pay(B, List.of(spend(bCoin, 1000)), out(C, 1000))),
                    Rule.INPUT_MISSING_OR_SPENT);
            expect("b8-spends-a-change-which-s2-spent", next(b7, pay(A, List.of(spend(aChange, 890)), out(C, 890))),
                    Expect.MAIN_CHAIN); // back on b2's branch, where A's change was never spent
            return List.copyOf(cases);
        }

        // ---- transactions ----

        private record Spend(OutPoint outpoint, long amount, Keys keys) {}

        private static Spend spend(OutPoint o, long amount) {
            return new Spend(o, amount, null);
        }

        private static UtxoTransaction.Spend spend(OutPoint o, long amount, Keys keys) {
            return new UtxoTransaction.Spend(o, amount, keys);
        }

        /** {@code from} signs every input. */
        private UtxoTransaction pay(Keys from, List<Spend> spends, TxOutput... outputs) {
            return UtxoTransaction.signed(net, spends.stream().map(s -> spend(s.outpoint(), s.amount(), from)).toList(),
                    List.of(outputs));
        }

        private static TxOutput out(Keys owner, long amount) {
            return new TxOutput(amount, owner.address());
        }

        private static UtxoTransaction utxo(Transaction t) {
            return UtxoLedger.transfer(t);
        }

        private UtxoTransaction cb(int height, long amount) {
            return UtxoTransaction.coinbase(height, List.of(out(MINER, amount)));
        }

        /** A coinbase with the network of a signed transfer: not its one canonical form. */
        private UtxoTransaction stamped(UtxoTransaction coinbase) {
            byte[] bytes = coinbase.encode();
            java.nio.ByteBuffer.wrap(bytes).putLong(net.value());
            return UtxoTransaction.decode(bytes);
        }

        // ---- blocks ----

        private Block next(Block parent, UtxoTransaction... txs) {
            return builder.child(parent, List.of(txs), spaced(parent));
        }

        private Block body(Block parent, List<UtxoTransaction> all) {
            return builder.withTransactions(parent, all, spaced(parent));
        }

        private UnaryOperator<BlockHeader> spaced(Block parent) {
            long at = parent.header().timestamp() + builder.params().targetBlockMillis();
            return h -> new BlockHeader(h.version(), h.previousHash(), h.merkleRoot(), at, h.bits(), h.nonce());
        }

        private Block expect(String name, Block block, Expect outcome) {
            if (outcome.equals(Expect.MAIN_CHAIN)) {
                tip = block;
            }
            return record(name, block, outcome);
        }

        private Block reject(String name, Block block, Rule rule) {
            return record(name, block, Expect.refused(rule));
        }

        private Block record(String name, Block block, Expect outcome) {
            names.putIfAbsent(block.hash(), name);
            cases.add(new Case(cases.size() + 1, name, block, outcome, names.get(tip.hash()), tip.hash(),
                    builder.height(tip)));
            return block;
        }
    }
}
