package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.powchain.api.TestNode;
import org.powchain.chain.BlockTable;
import org.powchain.chain.BlockTable.Case;
import org.powchain.chain.BlockTable.Expect;
import org.powchain.consensus.Rule;
import org.powchain.core.Hash;
import org.powchain.node.NodeConfig;

/**
 * The full-block table ({@link BlockTable}) against real nodes over HTTP, through
 * {@code POST /addblock}: once as a user (no peer header), once as peers relaying blocks, where
 * each case comes from a peer of its own so its score can be read afterwards in
 * {@code /p2p/peerinfo}. A block that breaks a rule bans its sender at once; an orphan and a block
 * from a little too far in the future cost nothing, since an honest peer may send them in a race
 * or with a clock slightly ahead.
 *
 * <p>Every rule in the table arrives through both doors. A peer can also hand a block over in
 * answer to {@code /p2p/blocks} during a sync; that path runs the same {@code ChainManager.process}
 * after header checks, and {@code NetMaliciousPeerTest} covers it.
 */
@Tag("network")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetBlockTableTest {
    /** Generous: the wall clock moves while the table is sent (see {@link BlockTable#generate}). */
    static final long LATENESS = 60_000;
    TestNode user;
    TestNode peers;

    @BeforeAll
    void start() {
        user = new TestNode(NodeConfig.forTests("table-user").withParams(BlockTable.params()));
        peers = new TestNode(NodeConfig.forTests("table-peers").withParams(BlockTable.params()));
    }

    @AfterAll
    void stop() {
        user.close();
        peers.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseThroughAddblockAsAUser() {
        return BlockTable.run(BlockTable.generate(System.currentTimeMillis(), LATENESS), new HttpDoor(user) {
            @Override
            public String send(Case c) {
                return outcome(node.post("/addblock", WireFormat.block(c.block()).toString()));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyCaseThroughAddblockAsAPeerWithItsScore() {
        return BlockTable.run(BlockTable.generate(System.currentTimeMillis(), LATENESS), new HttpDoor(peers) {
            @Override
            public String send(Case c) {
                return outcome(node.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/addblock"))
                        .header(Network.PEER_HEADER, sender(c))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(WireFormat.block(c.block()).toString()))));
            }

            @Override
            public void after(Case c) {
                JsonNode info = null;
                for (JsonNode p : node.get("/p2p/peerinfo").json()) {
                    if (p.path("address").asText().equals(sender(c))) {
                        info = p;
                    }
                }
                if (c.expect().isInvalid()) {
                    assertThat(info).as("the sender of %s is known", c.name()).isNotNull();
                    assertThat(info.path("score").asInt()).as("score of the sender of %s", c.name())
                            .isEqualTo(PeerStore.BAN_SCORE);
                    assertThat(info.path("status").asText()).isEqualTo(PeerStore.Status.BANNED.name());
                } else if (info != null) { // a peer that sent a block nobody holds against it need not be remembered
                    assertThat(info.path("score").asInt()).as("score of the sender of %s", c.name()).isZero();
                    assertThat(info.path("status").asText()).isNotEqualTo(PeerStore.Status.BANNED.name());
                }
            }
        });
    }

    /**
     * A peer of its own for each case, on an address nothing listens on (the node may dial it back
     * to sync after an orphan; the dial fails at once and costs no score).
     */
    static String sender(Case c) {
        return "127.0.1." + c.number() + ":1";
    }

    private abstract static class HttpDoor implements BlockTable.Door {
        final TestNode node;

        HttpDoor(TestNode node) {
            this.node = node;
        }

        /** The status an accepted block is answered with, or the rule a refusal names (with its HTTP status). */
        static String outcome(TestNode.Reply r) {
            if (r.status() == 200) {
                return r.json().path("status").asText();
            }
            String error = r.json() == null ? r.body() : r.json().path("error").asText();
            Rule rule = Arrays.stream(Rule.values()).filter(x -> x.code().equals(error)).findFirst()
                    .orElseThrow(() -> new AssertionError("HTTP " + r.status() + " names no rule: " + r.body()));
            assertThat(r.status()).as("HTTP status of %s", error).isEqualTo(rule.httpStatus());
            return Expect.codeOf(rule);
        }

        @Override
        public BlockTable.Tip tip() {
            JsonNode last = node.get("/getlastblock").json();
            return new BlockTable.Tip(Hash.fromHex(last.path("hash").asText()), last.path("height").asInt());
        }

        @Override
        public boolean stored(Hash hash) {
            return node.get("/api/v1/blocks/" + hash.toHex()).status() == 200;
        }
    }
}
