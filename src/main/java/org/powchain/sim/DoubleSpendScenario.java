package org.powchain.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.powchain.chain.BlockNode;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;
import org.powchain.p2p.TxAnnouncement;

/**
 * {@code powchain simulate double-spend}: why a merchant waits for confirmations. A payer pays the
 * merchant; at the same moment an attacker with a share q of the hashrate starts mining, in
 * secret, a branch whose first block spends the same coins elsewhere (same sender, same nonce).
 * The merchant hands over the goods after z confirmations. The attacker publishes its branch as
 * soon as the merchant has z confirmations and the branch has more work than the public chain;
 * honest nodes then switch to it (most work wins) and the payment is gone. The attacker gives up
 * when it falls so far behind that catching up is all but impossible.
 *
 * <p>The closed forms: Nakamoto 2008 §11 (an approximation: the attacker's progress as Poisson)
 * and Rosenfeld 2012 (exact: negative binomial). See docs/concepts/confirmations.md.
 */
public final class DoubleSpendScenario {
    public record Options(double attackerShare, int confirmations, int trials, int honestNodes, double blockIntervalSeconds,
                          double latencyMs, int difficultyBits, long seed) {
        public Options {
            if (!(attackerShare > 0)) {
                throw new IllegalArgumentException("--attacker-share must be > 0: got " + attackerShare);
            }
            if (attackerShare >= 0.5) {
                throw new IllegalArgumentException("--attacker-share must be < 0.5: got " + attackerShare + "; with half the"
                        + " hashrate or more the attacker catches up sooner or later, so success is certain (1) and a"
                        + " trial has no bound");
            }
            if (confirmations < 1) {
                throw new IllegalArgumentException("--confirmations must be >= 1: got " + confirmations);
            }
            if (trials < 1) {
                throw new IllegalArgumentException("--trials must be >= 1: got " + trials);
            }
            if (honestNodes < 2) {
                throw new IllegalArgumentException("--honest-nodes must be >= 2: got " + honestNodes);
            }
        }
    }

    public record Result(double attackerShare, int confirmations, int trials, long successes, double successRate,
                         double ci99Low, double ci99High, double nakamoto, double rosenfeld, long blocksMined, double wallSeconds,
                         List<Block> finalChain) {
        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("attackerShare", attackerShare);
            out.put("confirmations", confirmations);
            out.put("trials", trials);
            out.put("successes", successes);
            out.put("successRate", successRate);
            out.put("ci99", List.of(ci99Low, ci99High));
            out.put("nakamoto", nakamoto);
            out.put("rosenfeld", rosenfeld);
            out.put("blocksMined", blocksMined);
            out.put("wallSeconds", wallSeconds);
            return out;
        }
    }

    /**
     * The attacker stops when behind by this many blocks, or the cap: its chance to catch up from
     * there, (q/p)^(deficit + 1), is below 1e-4, so giving up lowers the success rate by less than
     * that, far inside the interval of any run this program can make (it was 1e-6: the trials that
     * fail spent half their blocks on those last 6 deficits).
     */
    static int giveUpDeficit(double q) {
        return (int) Math.min(80, Math.ceil(Math.log(1e-4) / Math.log(q / (1 - q))));
    }

    private DoubleSpendScenario() {}

    public static Result run(Options o, LongConsumer trialsDone) {
        long started = System.nanoTime();
        Simulation sim = new Simulation(Simulation.pinned(o.difficultyBits()), o.seed(), o.blockIntervalSeconds() * 1_000);
        List<SimNode> honest = new ArrayList<>();
        for (int i = 0; i < o.honestNodes(); i++) {
            honest.add(sim.addNode(8, 0));
        }
        sim.connectRandomly(honest, honest, 4);
        sim.randomLatency(o.latencyMs());
        double p = 1 - o.attackerShare();
        // nobody's peer: what it mines stays on its secret node until it publishes
        Attacker attacker = sim.addAttacker();
        SimNode secret = attacker.secret();
        boolean[] listening = {true}; // between attacks the attacker follows the public chain as it grows
        for (SimNode n : honest) {
            sim.addMiner(n, p / honest.size(), block -> {
                HashPower.submitTo(n).accept(block);
                if (listening[0]) {
                    feed(secret, n); // the block, and any parent of it found while the attacker raced
                }
            });
        }
        HashPower attackerMiner = sim.addMiner(secret, o.attackerShare(), HashPower.submitTo(secret));
        SimNode merchant = honest.get(0);
        // who pays: the genesis accounts A and B, then the honest miners, whose rewards fund trials without end
        List<Keys> payers = new ArrayList<>(List.of(Keys.demo("A"), Keys.demo("B")));
        honest.forEach(n -> payers.add(n.keys()));
        Address merchantAddress = Keys.demo("merchant").address();
        Address attackerAddress = secret.keys().address();

        sim.settle(30_000); // hellos
        attackerMiner.pause();
        long successes = 0;
        int deficitLimit = giveUpDeficit(o.attackerShare());
        for (int t = 0; t < o.trials(); t++) {
            listening[0] = true;
            // what was found while it raced, up to the newest block: one still on its way to the merchant too
            feed(secret, honest.stream().max(java.util.Comparator.comparing(n -> n.chain().tipNode().chainWork())).orElseThrow());
            Keys payer = payers.stream().max(java.util.Comparator.comparingLong(k -> merchant.chain().account(k.address()).balance()))
                    .orElseThrow();
            long nonce = merchant.mempool().nextNonce(payer.address());
            Transaction pay = Transaction.signed(merchant.chain().networkId(), payer, merchantAddress, 1, 0, nonce);
            Transaction steal = Transaction.signed(merchant.chain().networkId(), payer, attackerAddress, 1, 0, nonce);
            try {
                secret.mempool().add(steal);
            } catch (RuleViolation e) {
                throw new IllegalStateException("trial " + t + ": the attacker's spend was refused: " + e.getMessage(), e);
            }
            preMine(sim, secret);
            listening[0] = false;
            int forkHeight = secret.chain().height() - 1;
            try {
                merchant.network().serve(new TxAnnouncement(pay), Optional.empty());
            } catch (RuleViolation | org.powchain.p2p.Network.Refused e) {
                throw new IllegalStateException("trial " + t + ": the payment was refused: " + e.getMessage(), e);
            }
            boolean published = false;
            Boolean outcome = null;
            while (outcome == null) {
                // look again whenever a block is found or reaches the merchant
                int minedBefore = sim.mined().size();
                BlockNode merchantTip = merchant.chain().tipNode();
                sim.scheduler().runUntil(() -> sim.mined().size() > minedBefore || merchant.chain().tipNode() != merchantTip);
                int confirmations = confirmations(merchant, pay.id(), forkHeight);
                // the public chain: the most work any honest node has, blocks still in flight included
                BlockNode honestTip = honest.stream().map(n -> n.chain().tipNode())
                        .max(java.util.Comparator.comparing(BlockNode::chainWork)).orElseThrow();
                BlockNode secretTip = secret.chain().tipNode();
                if (!published && confirmations >= o.confirmations()
                        && secretTip.chainWork().compareTo(honestTip.chainWork()) > 0) {
                    published = true;
                    attacker.publish(secret.chain().tipBlock(), honest);
                    attackerMiner.pause();
                    sim.settle(60_000); // the honest nodes fetch the branch and reorganise
                    outcome = merchant.chain().isOnMainChain(secretTip.hash()) && confirmations(merchant, pay.id(), forkHeight) == 0;
                } else if (confirmations >= o.confirmations()
                        && (honestTip.height() - forkHeight) - (secretTip.height() - forkHeight) >= deficitLimit) {
                    outcome = false;
                }
            }
            attackerMiner.pause();
            if (outcome) {
                successes++;
            }
            trialsDone.accept(t + 1);
        }
        double rate = (double) successes / o.trials();
        double[] ci = Literature.wilson(successes, o.trials(), Literature.Z99);
        return new Result(o.attackerShare(), o.confirmations(), o.trials(), successes, NetworkScenario.round(rate),
                NetworkScenario.round(ci[0]), NetworkScenario.round(ci[1]),
                NetworkScenario.round(Literature.nakamoto(o.attackerShare(), o.confirmations())),
                NetworkScenario.round(Literature.rosenfeld(o.attackerShare(), o.confirmations())),
                sim.mined().size(), NetworkScenario.round((System.nanoTime() - started) / 1e9), Simulation.mainChainBlocks(merchant));
    }

    /**
     * Rosenfeld's (and Nakamoto's) attacker starts one block ahead: it mines a block carrying its
     * spend on top of the public tip, in secret, and pays the merchant only once it has one. It
     * hears of each public block as it is found, so when the public chain moves first its secret
     * chain moves too, and it starts again on the new tip.
     */
    static void preMine(Simulation sim, SimNode secret) {
        sim.miners().forEach(HashPower::resume);
        int minedBefore = sim.mined().size();
        sim.scheduler().runUntil(() -> sim.mined().size() > minedBefore
                && sim.mined().get(sim.mined().size() - 1).miner() == secret.index());
    }

    /**
     * How many blocks of {@code node}'s main chain carry {@code txid} or follow the one that does,
     * looking no lower than {@code aboveHeight}; 0 if none does.
     */
    static int confirmations(SimNode node, Hash txid, int aboveHeight) {
        for (BlockNode b = node.chain().tipNode(); b.height() > aboveHeight; b = b.parent()) {
            Block block = node.chain().block(b.hash()).orElseThrow();
            if (block.transactions().stream().anyMatch(tx -> tx.id().equals(txid))) {
                return node.chain().height() - b.height() + 1;
            }
        }
        return 0;
    }

    /** The attacker keeps up with the public chain between attacks (as a node listening to the network would). */
    static void feed(SimNode to, SimNode from) {
        List<Block> missing = new ArrayList<>();
        for (BlockNode b = from.chain().tipNode(); !to.chain().knows(b.hash()); b = b.parent()) {
            missing.add(0, from.chain().block(b.hash()).orElseThrow());
        }
        for (Block b : missing) {
            try {
                to.chain().process(b);
            } catch (RuleViolation v) {
                throw new IllegalStateException("a block of the public chain was refused: " + v.getMessage(), v);
            }
        }
    }

}
