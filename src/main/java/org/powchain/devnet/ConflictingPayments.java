package org.powchain.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.powchain.consensus.AccountLedger;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.CoinSelection;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoTransaction;
import org.powchain.client.NodeClient;

/**
 * Two payments of the same coins that cannot both stand: what the live double-spend and eclipse
 * attacks send, one to the victim and one to the attacker, each on its own side of a split, so
 * each side confirms its own and a reorg erases the other. Which coins a payment claims is the
 * ledger model's business, so each model has its way here, one line each in {@link #BY_MODEL}:
 * in the account model both are the demo account {@code A}'s transaction with the same nonce (each
 * node's {@code addtx} gives the next one); in the UTXO model both spend the same output of
 * {@code A}, built and signed as the wallet builds them ({@link CoinSelection}).
 */
abstract class ConflictingPayments {
    /** The demo account whose coins are spent twice. */
    static final String PAYER = "A";
    static final long AMOUNT = 100;

    private static final Map<String, Supplier<ConflictingPayments>> BY_MODEL = Map.of(
            AccountLedger.INSTANCE.name(), SameNonce::new,
            UtxoLedger.INSTANCE.name(), SameOutput::new);

    /** A fresh pair for the devnet's ledger model. */
    static ConflictingPayments of(String ledger) {
        Supplier<ConflictingPayments> p = BY_MODEL.get(ledger);
        if (p == null) {
            throw new IllegalStateException("the devnet's attacks cannot make two conflicting payments in the " + ledger
                    + " ledger model");
        }
        return p.get();
    }

    /** Fixes the coins both payments claim, from what each of {@code nodes} holds now (before either is sent). */
    abstract void choose(List<DevnetNode> nodes) throws IOException;

    /** {@link #AMOUNT} of {@link #PAYER}'s coins to the demo account {@code to}, handed to node {@code at}; its answer, with {@code id}. */
    abstract JsonNode pay(DevnetNode at, String to, String what) throws IOException;

    /** What both payments claim, for the steps: {@code nonce 3}, {@code output 3157bcac…:0}. */
    abstract String coins();

    /** The same, as fields of the attack's report. */
    abstract void describe(ObjectNode out);

    /** The account model: {@code addtx} on each node; the two must come out with the same nonce. */
    static final class SameNonce extends ConflictingPayments {
        private long nonce = -1;

        @Override
        void choose(List<DevnetNode> nodes) {
            // the nonce is each node's next one for A: with the transfers paused, the same on every node
        }

        @Override
        JsonNode pay(DevnetNode at, String to, String what) throws IOException {
            JsonNode r = Attacks.ok(LocalHttp.get(at.port(), "/addtx?sender=" + PAYER + "&to=" + to + "&amount=" + AMOUNT), what);
            long n = r.path("nonce").asLong();
            if (nonce >= 0 && n != nonce) {
                throw new IOException("the two payments from " + PAYER + " came out with nonces " + nonce + " and " + n
                        + " (a transfer from " + PAYER + " was pending on one node only): they would not conflict");
            }
            nonce = n;
            return r;
        }

        @Override
        String coins() {
            return "nonce " + nonce;
        }

        @Override
        void describe(ObjectNode out) {
            out.put("nonce", nonce);
        }
    }

    /** The UTXO model: one output of A that every node named can spend, paid whole to each recipient (change back to A). */
    static final class SameOutput extends ConflictingPayments {
        private OutPoint coin;
        private UnspentOutput output;
        private NetworkId network;

        @Override
        void choose(List<DevnetNode> nodes) throws IOException {
            Keys payer = Keys.demo(PAYER);
            Map<OutPoint, UnspentOutput> everywhere = null;
            for (DevnetNode n : nodes) {
                Map<OutPoint, UnspentOutput> spendable = client(n).spendable(payer.address());
                if (everywhere == null) {
                    everywhere = new LinkedHashMap<>(spendable);
                } else {
                    everywhere.keySet().retainAll(spendable.keySet());
                }
            }
            Map.Entry<OutPoint, UnspentOutput> best = everywhere == null ? null : everywhere.entrySet().stream()
                    .filter(e -> e.getValue().amount() >= AMOUNT)
                    .max(Comparator.<Map.Entry<OutPoint, UnspentOutput>>comparingLong(e -> e.getValue().amount())
                            .thenComparing(e -> e.getKey().toString(), Comparator.reverseOrder()))
                    .orElse(null);
            if (best == null) {
                throw new IOException(PAYER + " has no output of " + AMOUNT + " or more that " + nodes.stream().map(DevnetNode::id)
                        .toList() + " can all spend now");
            }
            coin = best.getKey();
            output = best.getValue();
            network = client(nodes.get(0)).network().id();
        }

        @Override
        JsonNode pay(DevnetNode at, String to, String what) throws IOException {
            CoinSelection.Selection one = CoinSelection.largestFirst(Map.of(coin, output), AMOUNT, CoinSelection.Policy.DEFAULT)
                    .orElseThrow(() -> new IllegalStateException(coin + " holds less than " + AMOUNT));
            UtxoTransaction tx = CoinSelection.pay(network, Keys.demo(PAYER), one, Keys.demo(to).address());
            try {
                return client(at).submit(tx, UtxoLedger.INSTANCE);
            } catch (NodeClient.Refused e) {
                throw new IOException(what + " was refused: " + e.getMessage(), e);
            }
        }

        @Override
        String coins() {
            return "output " + coin.txid().toHex().substring(0, 12) + "…:" + coin.index();
        }

        @Override
        void describe(ObjectNode out) {
            out.put("outpoint", coin.toString());
        }

        private static NodeClient client(DevnetNode n) {
            return NodeClient.local(n.port());
        }
    }
}
