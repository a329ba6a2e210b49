package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.MerkleProof;
import org.powchain.core.Transaction;

/** {@code GET /api/v1/transactions/{id}/proof} as a light client uses it. */
@Tag("unit")
class TxProofRouteTest {
    final TestNode n = TestNode.start("proof");

    @AfterEach
    void stop() {
        n.close();
    }

    @Test
    void everyTransactionOfAMinedBlockHasAProofThatFoldsToItsHeadersRoot() {
        List<Transaction> txs = new ArrayList<>();
        for (int nonce = 0; nonce < 6; nonce++) {
            Transaction tx = Transaction.signed(n.node().queries().networkId(), Keys.demo("A"), Keys.demo("B").address(), 10 + nonce, 0, nonce);
            assertThat(n.post("/api/v1/transactions", ApiV1Test.json(tx).toString()).status()).isEqualTo(201);
            txs.add(tx);
        }
        JsonNode block = n.post("/api/v1/mine", "").json();

        for (Transaction tx : txs) {
            TestNode.Reply r = n.get("/api/v1/transactions/" + tx.id().toHex() + "/proof");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode p = r.json();
            BlockHeader header = BlockHeader.decode(HexFormat.of().parseHex(p.get("header").asText()));
            assertThat(header.hash().toHex()).isEqualTo(block.get("hash").asText()).isEqualTo(p.get("blockHash").asText());
            assertThat(p.get("height").asInt()).isEqualTo(1);
            assertThat(p.get("branch")).hasSize(3); // 7 transactions with the coinbase: 3 levels
            assertThat(proof(p).verify(header)).as("tx at index %s", p.get("index")).isTrue();
        }
    }

    @Test
    void aPendingOrUnknownTransactionHasNoProofAndBadIdsAre400() {
        Transaction tx = Transaction.signed(n.node().queries().networkId(), Keys.demo("A"), Keys.demo("B").address(), 10, 0, 0);
        n.post("/api/v1/transactions", ApiV1Test.json(tx).toString());
        TestNode.Reply pending = n.get("/api/v1/transactions/" + tx.id().toHex() + "/proof");
        assertThat(pending.status()).isEqualTo(404);
        assertThat(pending.json().get("detail").asText()).contains("pending");
        assertThat(n.get("/api/v1/transactions/" + "ab".repeat(32) + "/proof").status()).isEqualTo(404);
        TestNode.Reply bad = n.get("/api/v1/transactions/nothex/proof");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("bad-parameter");
    }

    static MerkleProof proof(JsonNode p) {
        List<MerkleProof.Step> branch = new ArrayList<>();
        for (JsonNode s : p.get("branch")) {
            branch.add(new MerkleProof.Step(Hash.fromHex(s.get("hash").asText()),
                    s.get("side").asText().equals("left") ? MerkleProof.Side.LEFT : MerkleProof.Side.RIGHT));
        }
        return new MerkleProof(Hash.fromHex(p.get("txid").asText()), p.get("index").asInt(), branch);
    }
}
