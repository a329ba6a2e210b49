package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.Keys;
import org.powchain.node.NodeConfig;

/**
 * The README's tour in UTXO mode ({@code --ledger utxo}), command by command, against a real node
 * over HTTP: the same routes as the account tour, and what differs (coins selected, change made,
 * outputs spent whole, a reward that must mature).
 */
@Tag("http")
class UtxoTourTest {
    /** A's genesis output: the coinbase at height 0 paying A 1000 has this txid on every UTXO network. */
    static final String A_COIN = "3157bcacf1686a0a115ba953eaf37001c0b4344bd6cfc798f65fc877d8c684bc:0";
    static final String A = Keys.demo("A").address().toHex();
    static final String B = Keys.demo("B").address().toHex();

    final TestNode n = new TestNode(NodeConfig.forTests("tutor")
            .withParams(NodeConfig.forTests("tutor").params().withLedger(UtxoLedger.INSTANCE)));

    @AfterEach
    void stop() {
        n.close();
    }

    @Test
    void theTourInUtxoMode() {
        // getbalance answers the same shape: the balance is the sum of A's unspent outputs
        JsonNode a = n.get("/getbalance?account=A").json();
        assertThat(a.get("account").asText()).isEqualTo("A");
        assertThat(a.get("address").asText()).isEqualTo(A);
        assertThat(a.get("balance").asLong()).isEqualTo(1000);
        assertThat(a.get("unspentOutputs").asInt()).isEqualTo(1);
        JsonNode coins = n.get("/api/v1/utxos?address=A").json();
        assertThat(coins.get("utxos")).hasSize(1);
        assertThat(coins.at("/utxos/0/outpoint").asText()).isEqualTo(A_COIN);
        assertThat(coins.at("/utxos/0/mature").asBoolean()).isTrue(); // genesis allocations are not rewards

        // addtx selects A's coin, pays B 100 and sends 900 back to A as change
        TestNode.Reply tx = n.get("/addtx?sender=A&to=B&amount=100");
        assertThat(tx.status()).as(tx.body()).isEqualTo(200);
        JsonNode t = tx.json();
        assertThat(t.at("/inputs/0/outpoint").asText()).isEqualTo(A_COIN);
        assertThat(t.at("/inputs/0/amount").asLong()).isEqualTo(1000);
        assertThat(t.at("/outputs/0/owner").asText()).isEqualTo(B);
        assertThat(t.at("/outputs/0/amount").asLong()).isEqualTo(100);
        assertThat(t.at("/outputs/1/owner").asText()).isEqualTo(A);
        assertThat(t.at("/outputs/1/amount").asLong()).isEqualTo(900);
        assertThat(t.at("/selection/policy").asText()).isEqualTo("largest-first");
        assertThat(t.at("/selection/change").asLong()).isEqualTo(900);
        assertThat(t.at("/fee").asLong()).isZero();
        String txId = t.get("id").asText();

        assertThat(n.get("/getmempool").json()).extracting(j -> j.get("id").asText()).containsExactly(txId);
        assertThat(n.get("/api/v1/utxos?address=A").json().at("/utxos/0/pendingSpend").asText()).isEqualTo(txId);

        // A's coin of 1000 is spent by the pending transaction: what A may spend is its pending change
        TestNode.Reply again = n.get("/addtx?sender=A&to=C&amount=1000");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("error").asText()).isEqualTo("insufficient-funds");
        assertThat(again.json().get("detail").asText()).contains("1 spendable outputs hold 900 (balance 1000");

        TestNode.Reply mined = n.get("/mine");
        assertThat(mined.status()).isEqualTo(200);
        assertThat(mined.json().get("height").asInt()).isEqualTo(1);
        assertThat(mined.json().get("transactions")).hasSize(2);
        assertThat(n.get("/getmempool").json()).isEmpty();

        // the block: the coinbase (no inputs, the height, 50 to the miner) and the transfer with its input and outputs
        JsonNode last = n.get("/getlastblock").json();
        assertThat(last.get("hash").asText()).isEqualTo(mined.json().get("hash").asText());
        assertThat(last.at("/transactions/0/coinbase").asBoolean()).isTrue();
        assertThat(last.at("/transactions/0/coinbaseHeight").asInt()).isEqualTo(1);
        assertThat(last.at("/transactions/0/inputs")).isEmpty();
        assertThat(last.at("/transactions/0/outputs/0/amount").asLong()).isEqualTo(50);
        assertThat(last.at("/transactions/0/outputs/0/ownerName").asText()).isEqualTo("tutor");
        assertThat(last.at("/transactions/1/id").asText()).isEqualTo(txId);
        assertThat(last.at("/transactions/1/inputs/0/outpoint").asText()).isEqualTo(A_COIN);
        assertThat(last.at("/transactions/1/outputs")).hasSize(2);

        JsonNode b = n.get("/getbalance?account=B").json();
        assertThat(b.get("balance").asLong()).isEqualTo(1100);
        assertThat(b.get("unspentOutputs").asInt()).isEqualTo(2); // B's genesis coin and the 100: never merged
        assertThat(n.get("/getbalance?account=A").json().get("balance").asLong()).isEqualTo(900);
        JsonNode tutorBalance = n.get("/getbalance?account=tutor").json();
        assertThat(tutorBalance.get("balance").asLong()).isEqualTo(50);
        assertThat(tutorBalance.get("unspentOutputs").asInt()).isEqualTo(1);
        JsonNode tutor = n.get("/api/v1/utxos?address=tutor").json();
        assertThat(tutor.get("balance").asLong()).isEqualTo(50);
        assertThat(tutor.at("/utxos/0/coinbase").asBoolean()).isTrue();
        assertThat(tutor.at("/utxos/0/mature").asBoolean()).isFalse(); // a reward waits coinbaseMaturity blocks

        // the coin A spent is gone from the set, and its outpoint says who spent it
        JsonNode spent = n.get("/api/v1/outpoints/" + A_COIN).json();
        assertThat(spent.get("status").asText()).isEqualTo("spent");
        assertThat(spent.get("spentBy").asText()).isEqualTo(txId);
        assertThat(spent.get("spentAtHeight").asInt()).isEqualTo(1);
        assertThat(spent.get("amount").asLong()).isEqualTo(1000);
        assertThat(spent.get("coinbase").asBoolean()).isFalse(); // as /utxos said while it was unspent: an allocation, not a reward
        JsonNode change = n.get("/api/v1/outpoints/" + t.get("txid").asText() + ":1").json();
        assertThat(change.get("status").asText()).isEqualTo("unspent");
        assertThat(change.get("ownerName").asText()).isEqualTo("A");

        // the miner's reward cannot be spent before it matures
        TestNode.Reply early = n.get("/addtx?sender=tutor&to=C&amount=10");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("detail").asText()).contains("0 spendable outputs hold 0 (balance 50");
    }

    @Test
    void aSecondSpendOfAnOutputIsRefusedByName() {
        assertThat(n.get("/addtx?sender=A&to=B&amount=100").status()).isEqualTo(200);
        // the same coin, signed elsewhere into another transaction (a wallet that does not know of the first)
        var net = n.node().queries().networkId();
        var coin = org.powchain.core.OutPoint.parse(A_COIN);
        var other = org.powchain.core.UtxoTransaction.signed(net, java.util.List.of(new org.powchain.core.UtxoTransaction.Spend(
                coin, 1000, Keys.demo("A"))), java.util.List.of(new org.powchain.core.TxOutput(1000, Keys.demo("C").address())));
        TestNode.Reply r = n.post("/api/v1/transactions", n.node().wire().tx(other).toString());
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("error").asText()).isEqualTo("mempool-conflict");
        assertThat(r.json().get("detail").asText()).contains(A_COIN);
        assertThat(n.get("/getmempool").json()).hasSize(1);
    }

    /** A pending transaction's change may be spent at once: the child waits in the pool behind its parent. */
    @Test
    void pendingChangeIsSpentByAChildMinedAfterItsParent() {
        JsonNode parentTx = n.get("/addtx?sender=A&to=B&amount=100").json();
        String parent = parentTx.get("txid").asText();
        JsonNode child = n.get("/addtx?sender=A&to=C&amount=850").json();
        assertThat(child.at("/inputs/0/outpoint").asText()).isEqualTo(parent + ":1"); // the 900 of change
        assertThat(child.at("/outputs/1/amount").asLong()).isEqualTo(50);
        // the change is made by a pending transaction (the pool's provisions index) and spent by another (its claims)
        JsonNode change = n.get("/api/v1/outpoints/" + parent + ":1").json();
        assertThat(change.get("status").asText()).isEqualTo("pending");
        assertThat(change.get("madeBy").asText()).isEqualTo(parentTx.get("id").asText());
        assertThat(change.get("amount").asLong()).isEqualTo(900);
        TestNode.Reply past = n.get("/api/v1/outpoints/" + parent + ":2");
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.json().get("detail").asText()).contains("has 2 outputs");
        assertThat(n.get("/api/v1/utxos?address=A").json().at("/utxos/0/pendingSpend").asText())
                .isEqualTo(parentTx.get("id").asText());
        assertThat(n.get("/mine").json().get("transactions")).hasSize(3);
        assertThat(n.get("/getbalance?account=A").json().get("balance").asLong()).isEqualTo(50);
        assertThat(n.get("/getbalance?account=C").json().get("balance").asLong()).isEqualTo(850);
    }

    @Test
    void theFeeFollowsTheSizeAndGoesToTheMiner() {
        JsonNode t = n.get("/addtx?sender=A&to=B&amount=100&feeRate=1000").json(); // a coin a byte: 212 bytes
        assertThat(t.at("/selection/fee").asLong()).isEqualTo(212);
        assertThat(t.at("/outputs/1/amount").asLong()).isEqualTo(1000 - 100 - 212);
        assertThat(n.get("/addtx?sender=B&to=A&amount=5&fee=1").json().get("error").asText()).isEqualTo("bad-parameter");
        n.get("/mine");
        assertThat(n.get("/getbalance?account=tutor").json().get("balance").asLong()).isEqualTo(50 + 212);
    }
}
