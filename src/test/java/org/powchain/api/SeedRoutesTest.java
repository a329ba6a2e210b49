package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.Keys;

/** The original node's tour, route by route, against a real node over HTTP. */
@Tag("http")
class SeedRoutesTest {
    final TestNode n = TestNode.start("tutor");

    @AfterEach
    void stop() {
        n.close();
    }

    @Test
    void theOriginalTourWorks() {
        assertThat(n.get("/getbalance?account=A").json().get("balance").asLong()).isEqualTo(1000);

        TestNode.Reply tx = n.get("/addtx?sender=A&to=B&amount=100");
        assertThat(tx.status()).isEqualTo(200);
        String txId = tx.json().get("id").asText();
        assertThat(tx.json().get("sender").asText()).isEqualTo(Keys.demo("A").address().toHex());
        assertThat(tx.json().get("nonce").asLong()).isZero();

        assertThat(n.get("/getmempool").json()).hasSize(1);
        assertThat(n.get("/getmempool").json().get(0).get("id").asText()).isEqualTo(txId);

        TestNode.Reply mined = n.get("/mine");
        assertThat(mined.status()).isEqualTo(200);
        assertThat(mined.json().get("height").asInt()).isEqualTo(1);
        assertThat(mined.json().get("transactions")).hasSize(2);
        for (String field : new String[] {"hash", "previousHash", "timestamp", "bits", "nonce", "merkleRoot"}) {
            assertThat(mined.json().has(field)).as(field).isTrue();
        }

        assertThat(n.get("/getlastblock").json().get("hash")).isEqualTo(mined.json().get("hash"));
        assertThat(n.get("/getblockchain").json()).hasSize(2);
        assertThat(n.get("/getblockchain").json().get(0).get("height").asInt()).isZero();
        assertThat(n.get("/getblockchain?from=1&limit=1").json()).hasSize(1);
        assertThat(n.get("/getmempool").json()).isEmpty();
        assertThat(n.get("/getbalance?account=B").json().get("balance").asLong()).isEqualTo(1100);
        assertThat(n.get("/getbalance?account=tutor").json().get("balance").asLong()).isEqualTo(50);
        String addressOfB = Keys.demo("B").address().toHex();
        assertThat(n.get("/getbalance?account=" + addressOfB).json().get("balance").asLong()).isEqualTo(1100);
    }

    @Test
    void theMempoolRefusesWhatCannotBeMined() {
        assertThat(n.get("/addtx?sender=A&to=B&amount=800").status()).isEqualTo(200);
        TestNode.Reply second = n.get("/addtx?sender=A&to=C&amount=800");
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.json().get("error").asText()).isEqualTo("insufficient-funds");
        assertThat(second.json().get("detail").asText()).contains("insufficient funds: balance 1000, pending 800");
        assertThat(n.get("/getmempool").json()).hasSize(1);
    }

    @Test
    void feesGoToTheMiner() {
        n.get("/addtx?sender=A&to=B&amount=100&fee=7");
        n.get("/mine");
        assertThat(n.get("/getbalance?account=tutor").json().get("balance").asLong()).isEqualTo(57);
        assertThat(n.get("/getbalance?account=A").json().get("balance").asLong()).isEqualTo(893);
    }

    @Test
    void peersAreStoredAndListed() {
        assertThat(n.get("/addpeer?peer=localhost:5999").json().get("added").asBoolean()).isTrue();
        assertThat(n.get("/getpeerstore").json()).extracting(j -> j.asText()).containsExactly("localhost:5999");
    }

    @Test
    void theRootAnswersABrowserWithAPageAndAProgramWithJson() {
        TestNode.Reply html = n.send(HttpRequest.newBuilder(URI.create(n.baseUrl() + "/")).header("Accept", "text/html"));
        assertThat(html.body()).contains("<html").contains("powchain");
        TestNode.Reply json = n.get("/");
        assertThat(json.json().get("nodeId").asText()).isEqualTo("tutor");
        assertThat(json.json().get("height").asInt()).isZero();
    }

    @Test
    void miningDoesNotBlockOtherRequests() {
        // A pinned, slow difficulty keeps the miner busy while we ask for balances.
        n.close();
        try (TestNode slow = new TestNode(org.powchain.node.NodeConfig.forTests("slow")
                .withParams(org.powchain.consensus.ConsensusParams.forTests().withPinnedDifficulty(40)))) {
            CompletableFuture<TestNode.Reply> mining = CompletableFuture.supplyAsync(() -> slow.get("/mine"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> slow.node().miner().totalAttempts() > 0);
            long start = System.nanoTime();
            assertThat(slow.get("/getbalance?account=A").status()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
            assertThat(mining).isNotDone();
        }
    }
}
