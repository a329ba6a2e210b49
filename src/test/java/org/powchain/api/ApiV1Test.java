package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.Hashing;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.AccountTransaction;

/** {@code /api/v1} as a wallet, an explorer and a student use it, against a real node over HTTP. */
@Tag("http")
class ApiV1Test {
    final TestNode n = TestNode.start("v1");
    final NetworkId NET = n.node().queries().networkId();

    @AfterEach
    void stop() {
        n.close();
    }

    /** A transaction as the node itself writes it: what a wallet posts back. */
    static ObjectNode json(AccountTransaction tx) {
        return new JsonCodec(org.powchain.wire.WireFormat.of(org.powchain.consensus.ConsensusParams.defaults()), a -> null).tx(tx);
    }

    @Test
    void aTransactionSignedElsewhereIsAcceptedFollowedAndConfirmed() {
        AccountTransaction tx = AccountTransaction.signed(NET, Keys.demo("A"), Keys.demo("B").address(), 100, 2, 0);

        TestNode.Reply posted = n.post("/api/v1/transactions", json(tx).toString());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().get("id").asText()).isEqualTo(tx.id().toHex());
        assertThat(posted.json().get("signatureValid").asBoolean()).isTrue();

        TestNode.Reply pending = n.get("/api/v1/transactions/" + tx.id().toHex());
        assertThat(pending.json().get("status").asText()).isEqualTo("pending");
        assertThat(n.get("/api/v1/accounts/A").json().get("nextNonce").asLong()).isEqualTo(1);
        assertThat(n.get("/api/v1/mempool").json().get("size").asInt()).isEqualTo(1);

        TestNode.Reply mined = n.post("/api/v1/mine", "");
        assertThat(mined.status()).isEqualTo(200);
        JsonNode confirmed = n.get("/api/v1/transactions/" + tx.id().toHex()).json();
        assertThat(confirmed.get("status").asText()).isEqualTo("confirmed");
        assertThat(confirmed.get("blockHash").asText()).isEqualTo(mined.json().get("hash").asText());
        assertThat(confirmed.get("blockHeight").asInt()).isEqualTo(1);
        assertThat(confirmed.get("confirmations").asInt()).isEqualTo(1);

        JsonNode a = n.get("/api/v1/accounts/A").json();
        assertThat(a.get("balance").asLong()).isEqualTo(898);
        assertThat(a.get("nonce").asLong()).isEqualTo(1);
        assertThat(a.get("pending")).isEmpty();
        assertThat(a.get("recent").get(0).get("id").asText()).isEqualTo(tx.id().toHex());
        JsonNode b = n.get("/api/v1/accounts/" + Keys.demo("B").address().toHex()).json();
        assertThat(b.get("balance").asLong()).isEqualTo(1100);
        assertThat(b.get("name").asText()).isEqualTo("B");
    }

    @Test
    void theSameTransactionWithOneByteChangedIsRefusedAndNothingChanges() {
        AccountTransaction tx = AccountTransaction.signed(NET, Keys.demo("A"), Keys.demo("B").address(), 100, 0, 0);
        ObjectNode body = json(tx);
        byte[] sig = tx.signature();
        sig[10] ^= 1;
        body.put("signature", HexFormat.of().formatHex(sig)).remove("id");

        TestNode.Reply refused = n.post("/api/v1/transactions", body.toString());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).isEqualTo("bad-signature");
        assertThat(n.get("/api/v1/mempool").json().get("size").asInt()).isZero();

        TestNode.Reply wrongId = n.post("/api/v1/transactions", json(tx).put("amount", 101).toString());
        assertThat(wrongId.status()).isEqualTo(400);
        assertThat(wrongId.json().get("detail").asText()).contains("'id'");
        assertThat(n.get("/api/v1/mempool").json().get("size").asInt()).isZero();
    }

    @Test
    void aBlockShowsWhatALearnerChecks() {
        n.get("/addtx?sender=A&to=B&amount=5");
        n.post("/api/v1/mine", "");
        JsonNode b = n.get("/api/v1/blocks/1").json();

        assertThat(b.get("status").asText()).isEqualTo("main");
        assertThat(b.get("confirmations").asInt()).isEqualTo(1);
        assertThat(b.get("hashMeetsTarget").asBoolean()).isTrue();
        assertThat(new java.math.BigInteger(b.get("hash").asText(), 16))
                .isLessThanOrEqualTo(new java.math.BigInteger(b.get("target").asText(), 16));
        assertThat(b.get("merkleRootMatches").asBoolean()).isTrue();
        assertThat(b.get("computedMerkleRoot").asText()).isEqualTo(b.get("merkleRoot").asText());
        // the 88 bytes, field by field, are what is hashed, and hashing them gives the block's hash
        String headerHex = b.get("headerHex").asText();
        assertThat(headerHex).hasSize(176);
        StringBuilder joined = new StringBuilder();
        b.get("headerFields").forEach(f -> joined.append(f.get("hex").asText()));
        assertThat(joined.toString()).isEqualTo(headerHex);
        assertThat(Hashing.doubleSha256(HexFormat.of().parseHex(headerHex)).toHex()).isEqualTo(b.get("hash").asText());
        assertThat(b.get("headerFields").get(1).get("value").asText()).isEqualTo(b.get("previousHash").asText());
        assertThat(b.get("transactions").get(0).get("signatureValid").isNull()).isTrue(); // coinbase
        assertThat(b.get("transactions").get(1).get("signatureValid").asBoolean()).isTrue();

        JsonNode byHash = n.get("/api/v1/blocks/" + b.get("hash").asText()).json();
        assertThat(byHash.get("height").asInt()).isEqualTo(1);
        JsonNode header = n.get("/api/v1/blocks/1/header").json();
        assertThat(header.get("headerHex").asText()).isEqualTo(headerHex);
        assertThat(n.get("/api/v1/blocks/0").json().get("nextHash").asText()).isEqualTo(b.get("hash").asText());
    }

    @Test
    void theMempoolListsItsFirstTransactionsAndCountsThemAll() {
        for (int i = 0; i < 3; i++) {
            n.get("/addtx?sender=A&to=B&amount=1");
        }
        JsonNode m = n.get("/api/v1/mempool?limit=2").json();
        assertThat(m.get("size").asInt()).isEqualTo(3);
        assertThat(m.get("bytes").asInt()).isEqualTo(3 * AccountTransaction.SIZE);
        assertThat(m.get("transactions")).extracting(t -> t.get("nonce").asInt()).containsExactly(0, 1);
    }

    @Test
    void peersShowTheirState() {
        n.get("/addpeer?peer=127.0.0.1:1"); // nobody listens there
        JsonNode peers = n.get("/api/v1/peers").json();
        assertThat(peers).hasSize(1);
        assertThat(peers.get(0).get("address").asText()).isEqualTo("127.0.0.1:1");
        assertThat(peers.get(0).get("status").asText()).isIn("new", "backing-off");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                n.get("/api/v1/peers").json().get(0).get("status").asText().equals("backing-off"));
    }

    @Test
    void blocksArePagedNewestFirst() {
        for (int i = 0; i < 3; i++) {
            n.post("/api/v1/mine", "");
        }
        JsonNode page = n.get("/api/v1/blocks?limit=2").json();
        assertThat(page.get("blocks")).extracting(x -> x.get("height").asInt()).containsExactly(3, 2);
        assertThat(page.get("blocks").get(0).get("minerName").asText()).isEqualTo("v1");
        assertThat(page.get("next").asInt()).isEqualTo(1);
        JsonNode older = n.get("/api/v1/blocks?start=1&limit=2").json();
        assertThat(older.get("blocks")).extracting(x -> x.get("height").asInt()).containsExactly(1, 0);
        assertThat(older.get("next").isNull()).isTrue();
    }

    @Test
    void chainTipsShowSideBranchesOrphansAndAReorg() throws RuleViolation {
        JsonNode mined = n.post("/api/v1/mine", "").json();
        ChainBuilder builder = new ChainBuilder();
        List<Block> fork = builder.extend(builder.genesis(), 4);

        n.node().chain().process(fork.get(0)); // same work as our block, which came first: a side branch
        JsonNode tips = n.get("/api/v1/chain/tips").json();
        assertThat(tips).hasSize(2);
        assertThat(tips.get(0).get("hash").asText()).isEqualTo(mined.get("hash").asText());
        assertThat(tips.get(0).get("status").asText()).isEqualTo("active");
        assertThat(tips.get(1).get("status").asText()).isEqualTo("valid-fork");
        assertThat(tips.get(1).get("branchLength").asInt()).isEqualTo(1);

        n.node().chain().process(fork.get(1)); // more work: the tip moves to the fork
        tips = n.get("/api/v1/chain/tips").json();
        assertThat(tips.get(0).get("hash").asText()).isEqualTo(fork.get(1).hash().toHex());
        assertThat(tips.get(1).get("hash").asText()).isEqualTo(mined.get("hash").asText());
        assertThat(n.get("/api/v1/blocks/" + mined.get("hash").asText()).json().get("status").asText()).isEqualTo("side");

        assertThatThrownBy(() -> n.node().chain().process(fork.get(3))) // its parent has not arrived
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.rule().code()).isEqualTo("unknown-parent"));
        tips = n.get("/api/v1/chain/tips").json();
        JsonNode orphan = tips.get(tips.size() - 1);
        assertThat(orphan.get("status").asText()).isEqualTo("orphan");
        assertThat(orphan.get("missingParent").asText()).isEqualTo(fork.get(2).hash().toHex());

        JsonNode tree = n.get("/api/v1/chain/tree").json();
        assertThat(tree.get("reorgs").asInt()).isEqualTo(1);
        assertThat(tree.get("blocks")).extracting(x -> x.get("status").asText())
                .containsExactly("main", "main", "side", "main", "orphan");
    }
}
