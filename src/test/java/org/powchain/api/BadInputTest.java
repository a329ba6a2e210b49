package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Genesis;

/**
 * A table of mistakes a caller can make: each gets a 4xx JSON error naming the problem, and the
 * node's state does not change.
 */
@Tag("http")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    TestNode n;

    @BeforeAll
    void start() {
        n = TestNode.start("bad");
    }

    @AfterAll
    void stop() {
        n.close();
    }

    static Stream<Arguments> badGets() {
        String longName = "x".repeat(5000);
        return Stream.of(
                Arguments.of("/getbalance", 400, "missing-parameter"),
                Arguments.of("/getbalance?account=", 400, "missing-parameter"),
                Arguments.of("/getbalance?account=not%20a%20name", 400, "bad-account"),
                Arguments.of("/getbalance?account=" + longName, 400, "bad-parameter"),
                Arguments.of("/getbalance?account=" + "x".repeat(33), 400, "bad-account"),
                Arguments.of("/addtx?to=B&amount=1", 400, "missing-parameter"),
                Arguments.of("/addtx?sender=A&amount=1", 400, "missing-parameter"),
                Arguments.of("/addtx?sender=A&to=B", 400, "missing-parameter"),
                Arguments.of("/addtx?sender=A&to=B&amount=abc", 400, "bad-parameter"),
                Arguments.of("/addtx?sender=A&to=B&amount=1.5", 400, "bad-parameter"),
                Arguments.of("/addtx?sender=A&to=B&amount=0", 400, "bad-parameter"),
                Arguments.of("/addtx?sender=A&to=B&amount=-100", 400, "bad-parameter"),
                Arguments.of("/addtx?sender=A&to=B&amount=99999999999999999999999", 400, "bad-parameter"),
                Arguments.of("/addtx?sender=A&to=B&amount=1&fee=-1", 400, "bad-parameter"),
                Arguments.of("/addtx?sender=A&to=B&amount=1&fee=x", 400, "bad-parameter"),
                Arguments.of("/addtx?sender=A&to=B&amount=9223372036854775807", 422, "insufficient-funds"),
                Arguments.of("/addtx?sender=A&to=B&amount=1001", 422, "insufficient-funds"),
                Arguments.of("/addtx?sender=A&to=B&amount=1000&fee=1", 422, "insufficient-funds"),
                Arguments.of("/addtx?sender=A&to=B&amount=9223372036854775807&fee=1", 422, "bad-fee"),
                Arguments.of("/addtx?sender=nobody&to=B&amount=1", 422, "insufficient-funds"),
                Arguments.of("/addtx?sender=" + "ab".repeat(20) + "&to=B&amount=1", 400, "bad-account"),
                Arguments.of("/addtx?sender=A&to=%21%21&amount=1", 400, "bad-account"),
                Arguments.of("/getblockchain?from=-1", 400, "bad-parameter"),
                Arguments.of("/getblockchain?limit=0", 400, "bad-parameter"),
                Arguments.of("/getblockchain?limit=100000", 400, "bad-parameter"),
                Arguments.of("/getblockchain?from=x", 400, "bad-parameter"),
                Arguments.of("/addpeer", 400, "missing-parameter"),
                Arguments.of("/addpeer?peer=nonsense", 400, "bad-parameter"),
                Arguments.of("/addpeer?peer=localhost:99999", 400, "bad-parameter"),
                Arguments.of("/no/such/route", 404, "not-found"),
                Arguments.of("/api/v1/blocks?limit=0", 400, "bad-parameter"),
                Arguments.of("/api/v1/blocks?limit=101", 400, "bad-parameter"),
                Arguments.of("/api/v1/blocks?start=-1", 400, "bad-parameter"),
                Arguments.of("/api/v1/blocks/1.5", 400, "bad-parameter"),
                Arguments.of("/api/v1/blocks/-1", 400, "bad-parameter"),
                Arguments.of("/api/v1/blocks/99999999999", 400, "bad-parameter"),
                Arguments.of("/api/v1/blocks/4294967296", 404, "not-found"),
                Arguments.of("/api/v1/blocks/" + "g".repeat(64), 400, "bad-parameter"),
                Arguments.of("/api/v1/blocks/" + "0".repeat(64), 404, "not-found"),
                Arguments.of("/api/v1/blocks/" + longName + "/header", 400, "bad-parameter"),
                Arguments.of("/api/v1/transactions/" + "0".repeat(63), 400, "bad-parameter"),
                Arguments.of("/api/v1/transactions/" + "0".repeat(64), 404, "not-found"),
                Arguments.of("/api/v1/transactions/" + "0".repeat(63) + "/proof", 400, "bad-parameter"),
                Arguments.of("/api/v1/transactions/" + "0".repeat(64) + "/proof", 404, "not-found"),
                Arguments.of("/api/v1/accounts/" + longName, 400, "bad-account"),
                Arguments.of("/api/v1/accounts/a%20b", 400, "bad-account"),
                Arguments.of("/api/v1/chain/tree?depth=501", 400, "bad-parameter"),
                Arguments.of("/api/v1/events", 406, "not-acceptable"),
                Arguments.of("/api/v1/mine", 405, "method-not-allowed")); // POST only
    }

    @ParameterizedTest(name = "GET {0} -> {1} {2}")
    @MethodSource("badGets")
    void badQueriesGetAClearErrorAndChangeNothing(String path, int status, String error) {
        String before = n.get("/").body();
        TestNode.Reply r = n.get(path);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(error);
        assertThat(r.json().get("detail").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(n.get("/").body()).isEqualTo(before);
    }

    static Stream<Arguments> badBlocks() {
        return Stream.of(
                Arguments.of("", 400, "bad-json"),
                Arguments.of("{", 400, "bad-json"),
                Arguments.of("[]", 400, "bad-json"),
                Arguments.of("{\"version\":1}", 400, "bad-json"),
                Arguments.of("{\"version\":\"one\",\"previousHash\":\"00\"}", 400, "bad-json"),
                Arguments.of(block("\"nonce\": 1.5"), 400, "bad-json"),
                Arguments.of(block("\"bits\": \"zz\""), 400, "bad-json"),
                Arguments.of(block("\"nonce\": 123456789012345678901234567890"), 400, "bad-json"));
    }

    static String block(String override) {
        String base = "{\"version\":1,\"previousHash\":\"" + "0".repeat(64) + "\",\"merkleRoot\":\"" + "0".repeat(64)
                + "\",\"timestamp\":1,\"bits\":\"1f00ffff\",\"nonce\":0,\"transactions\":[]}";
        String key = override.substring(0, override.indexOf(':'));
        return base.replaceFirst(key + ":[^,}]*", override);
    }

    static Stream<Arguments> badTransactions() {
        String network = Genesis.networkId(ConsensusParams.forTests()).toString(); // the test node's
        String good = "{\"network\":\"" + network + "\",\"publicKey\":\"" + "11".repeat(32) + "\",\"to\":\""
                + "22".repeat(20) + "\",\"amount\":1,\"fee\":0,\"nonce\":0,\"signature\":\"" + "33".repeat(64) + "\"}";
        return Stream.of(
                Arguments.of("", 400, "bad-json"),
                Arguments.of("not json", 400, "bad-json"),
                Arguments.of("[1]", 400, "bad-json"),
                Arguments.of("{}", 400, "bad-json"),
                Arguments.of(good.replace("\"amount\":1", "\"amount\":\"1\""), 400, "bad-json"),
                Arguments.of(good.replace("\"amount\":1", "\"amount\":1e3"), 400, "bad-json"),
                Arguments.of(good.replace("\"nonce\":0", "\"nonce\":99999999999999999999"), 400, "bad-json"),
                Arguments.of(good.replace("11".repeat(32), "11"), 400, "bad-json"),
                Arguments.of(good.replace("22".repeat(20), "zz".repeat(20)), 400, "bad-json"),
                Arguments.of(good.replace("{", "{\"id\":\"" + "44".repeat(32) + "\","), 400, "bad-json"),
                Arguments.of(good.replace("\"network\":\"" + network + "\",", ""), 400, "bad-json"),
                Arguments.of(good.replace(network, "55".repeat(8)), 422, "wrong-network"),
                Arguments.of(good, 422, "bad-signature"),
                Arguments.of(good.replace("\"amount\":1", "\"amount\":0"), 422, "bad-amount"));
    }

    @ParameterizedTest(name = "POST /api/v1/transactions {0} -> {1} {2}")
    @MethodSource("badTransactions")
    void malformedOrUnsignedTransactionsGetAClearErrorAndChangeNothing(String body, int status, String error) {
        TestNode.Reply r = n.post("/api/v1/transactions", body);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(error);
        assertThat(r.json().get("detail").asText()).isNotBlank();
        assertThat(n.node().mempool().size()).isZero();
    }

    @ParameterizedTest(name = "POST /addblock {0} -> {1} {2}")
    @MethodSource("badBlocks")
    void malformedBlocksGetAClearError(String body, int status, String error) {
        TestNode.Reply r = n.post("/addblock", body);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(error);
        assertThat(n.node().queries().height()).isZero();
    }
}
