package org.powchain.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.powchain.sim.DoubleSpendRule;
import org.powchain.sim.Literature;

/**
 * {@code powchain devnet attack double-spend}, played on the devnet's real nodes: the attacker pays
 * the merchant from the demo account {@code A}, mines in secret a branch whose first block spends
 * the same coins to itself ({@link ConflictingPayments}: the same nonce in the account model, the
 * same output in the UTXO model), and publishes it when the merchant has its
 * confirmations and the branch has more work; the merchant's nodes then reorganise to it and the
 * payment is gone. It gives up as the simulator's attacker does ({@link DoubleSpendRule}, one rule
 * for both).
 *
 * <p>In secret means cut off: the attacker's node is split from the rest (its own group), so what
 * it mines stays with it until the split is healed, and it hears nothing of the public chain meanwhile.
 * Who finds the next block is drawn by share, as the devnet's miner schedule does (which is paused
 * for the attack, with the background transfers): the attacker with its share q, the honest miners
 * with the rest. As in Rosenfeld's model, the attacker starts one block ahead: its first block,
 * holding its spend, is mined before the payment is sent.
 */
final class DoubleSpendAttack {
    /** A run ends here whatever happens: a class waits seconds, not hours. */
    static final int MAX_BLOCKS = 200;
    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private final Devnet devnet;
    private final int attacker;
    private final int merchant;
    private final int z;
    private final double q;
    private final SplittableRandom random;
    private final List<String> steps = new ArrayList<>();
    private final ConflictingPayments payments;

    DoubleSpendAttack(Devnet devnet, int attacker, int merchant, int confirmations, double share, long seed) {
        if (attacker == merchant) {
            throw new IllegalArgumentException("the attacker and the merchant must be different nodes");
        }
        Attacks.checkSettings(confirmations, share);
        if (devnet.size() < 2) {
            throw new IllegalArgumentException("an attack needs at least two nodes");
        }
        this.devnet = devnet;
        this.attacker = attacker;
        this.merchant = merchant;
        this.z = confirmations;
        this.q = share;
        this.random = new SplittableRandom(seed);
        this.payments = ConflictingPayments.of(devnet.spec().ledger());
    }

    ObjectNode run() throws IOException {
        NodeProcesses nodes = devnet.nodes();
        DevnetNode a = nodes.up(attacker);
        DevnetNode m = nodes.up(merchant);
        List<Integer> honest = Attacks.runningExcept(nodes, attacker);
        Attacks.awaitSameTip(nodes, nodes.running(), PROPAGATION); // a block found just before must have reached everyone: the fork starts from one tip
        payments.choose(List.of(a, m));
        devnet.split(List.of(List.of(attacker)));
        step("the attacker " + a.id() + " goes quiet: its node is cut off, so what it mines stays secret");
        long forkHeight = Attacks.height(a);

        // the attacker's own demo account receives the stolen coins
        JsonNode steal = payments.pay(a, a.id(), "the attacker's spend");
        String stolen = devnet.mine(attacker, 1).get(0);
        step("in secret, " + a.id() + " mines block " + (forkHeight + 1) + " " + Events.shortHash(stolen) + " paying "
                + ConflictingPayments.PAYER + "'s " + ConflictingPayments.AMOUNT + " coins to itself (" + payments.coins() + ")");
        JsonNode pay = payments.pay(m, m.id(), "the payment");
        String payId = pay.path("id").asText();
        step(ConflictingPayments.PAYER + " pays the merchant " + m.id() + " " + ConflictingPayments.AMOUNT + " coins (the same "
                + payments.coins() + "): transaction " + Events.shortHash(payId));

        int giveUp = DoubleSpendRule.giveUpDeficit(q);
        int attackerBlocks = 1;
        int honestBlocks = 0;
        int confirmationsSeen = 0;
        String outcome = "stopped";
        while (attackerBlocks + honestBlocks < MAX_BLOCKS) {
            if (random.nextDouble() < q) {
                devnet.mine(attacker, 1);
                attackerBlocks++;
            } else {
                int finder = Attacks.pickHonest(devnet, honest, random);
                Attacks.mineHonest(devnet, finder, m, PROPAGATION);
                honestBlocks++;
            }
            int confirmations = Attacks.confirmations(m, payId);
            if (confirmations > confirmationsSeen && confirmations <= z) {
                step("the merchant sees the payment confirmed " + confirmations + " time" + (confirmations == 1 ? "" : "s")
                        + (confirmations == z ? ": it hands over the goods" : ""));
            }
            confirmationsSeen = Math.max(confirmationsSeen, confirmations);
            JsonNode secret = Attacks.summary(a);
            JsonNode open = Attacks.summary(m);
            boolean moreWork = new BigInteger(secret.path("chainWork").asText()).compareTo(new BigInteger(open.path("chainWork").asText())) > 0;
            int deficit = (int) (open.path("height").asLong() - secret.path("height").asLong());
            DoubleSpendRule.Move move = DoubleSpendRule.next(confirmations, z, moreWork, deficit, giveUp);
            if (move == DoubleSpendRule.Move.PUBLISH) {
                step("the secret branch (" + attackerBlocks + " blocks) has more work than the public one (" + honestBlocks
                        + "): " + a.id() + " publishes it");
                outcome = "published";
                break;
            }
            if (move == DoubleSpendRule.Move.GIVE_UP) {
                step(a.id() + " is " + deficit + " blocks behind with the payment confirmed: it gives up (the simulator's"
                        + " attacker gives up " + giveUp + " behind at share " + q + ")");
                outcome = "gave-up";
                break;
            }
        }
        devnet.heal();
        String tip = Attacks.summary(outcome.equals("published") ? a : m).path("tip").asText();
        Attacks.awaitTip(m, tip, PROPAGATION);
        Attacks.awaitTip(a, tip, PROPAGATION);
        boolean reversed = Attacks.confirmations(m, payId) == 0 && Attacks.confirmations(m, steal.path("id").asText()) > 0;
        step(reversed ? "the merchant's node reorganised to the attacker's branch: the payment it had seen confirmed "
                + confirmationsSeen + " times is gone, and A's coins went to " + a.id()
                : "the payment stands on the merchant's chain (" + Attacks.confirmations(m, payId) + " confirmations)");

        ObjectNode out = LocalHttp.JSON.createObjectNode();
        out.put("attack", "double-spend").put("attacker", a.id()).put("merchant", m.id()).put("share", q)
                .put("confirmations", z).put("outcome", reversed ? "reversed" : outcome.equals("gave-up") ? "gave-up" : "payment-stands")
                .put("paymentReversed", reversed).put("payment", payId).put("attackerSpend", steal.path("id").asText())
                .put("attackerBlocks", attackerBlocks).put("honestBlocks", honestBlocks)
                .put("confirmationsSeen", confirmationsSeen).put("ledger", devnet.spec().ledger());
        payments.describe(out);
        ObjectNode predicted = out.putObject("predicted");
        predicted.put("rosenfeld", Literature.rosenfeld(q, z)).put("nakamoto", Literature.nakamoto(q, z))
                .put("giveUpDeficit", giveUp)
                .put("source", "sim/Literature: Rosenfeld 2012 (exact) and Nakamoto 2008 §11, the probability that an"
                        + " attacker with share q reverses a payment after z confirmations; powchain simulate double-spend"
                        + " --attacker-share " + q + " --confirmations " + z + " measures the same over many trials (q < 0.5)");
        out.put("why", "One run is one draw: it reverses the payment with the predicted probability, so a run can go either"
                + " way; only many runs (the simulator's trials) converge on the figure. And the devnet is not the model:"
                + " blocks take real time to reach the merchant, and the attacker here starts exactly one block ahead.");
        steps.forEach(out.putArray("steps")::add);
        return out;
    }

    private void step(String text) {
        steps.add(text);
        devnet.events().add("attack", "double-spend: " + text);
    }
}
