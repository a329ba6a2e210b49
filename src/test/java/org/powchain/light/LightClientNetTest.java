package org.powchain.light;

import org.powchain.core.WallClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.api.TestNode;
import org.powchain.chain.ChainBuilder;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Keys;
import org.powchain.core.Target;
import org.powchain.core.AccountTransaction;
import org.powchain.client.NodeClient;

/**
 * The light client against real nodes on loopback: it verifies a payment, follows a reorg that
 * takes the payment's block away, and names the node that lies to it while the honest answer wins.
 */
@Tag("network")
@Timeout(120)
class LightClientNetTest {
    static final Address CAROL = Keys.demo("carol").address();
    final List<AutoCloseable> open = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    TestNode node(String id) {
        TestNode n = TestNode.start(id);
        open.add(n);
        return n;
    }

    LyingNode liar(TestNode honest) {
        LyingNode l = new LyingNode(honest.baseUrl());
        open.add(l);
        return l;
    }

    static String pay(TestNode n, long amount) {
        TestNode.Reply r = n.get("/addtx?sender=A&to=" + CAROL.toHex() + "&amount=" + amount);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    static void mine(TestNode n, int blocks) {
        for (int i = 0; i < blocks; i++) {
            assertThat(n.post("/api/v1/mine", "").status()).isEqualTo(200);
        }
    }

    LightClient client(String... urls) throws IOException {
        List<NodeClient> sources = new ArrayList<>();
        for (String u : urls) {
            sources.add(new NodeClient(u));
        }
        return new LightClient(new HeaderChain(ConsensusParams.forTests()), sources, Optional.of(new HeaderFile(dir)),
                WallClock::millis, 6);
    }

    static LightClient.NodeView view(LightClient.Report r, String url) {
        return r.nodes().stream().filter(n -> n.node().equals(url)).findFirst().orElseThrow();
    }

    @Test
    void verifiesAPaymentCountsItsConfirmationsAndDropsItWhenAReorgTakesItsBlockAway() throws Exception {
        TestNode n1 = node("l1");
        TestNode n2 = node("l2"); // not connected: it will mine a branch of its own
        String txid = pay(n1, 100);
        mine(n1, 3);
        LightClient light = client(n1.baseUrl(), n2.baseUrl());

        LightClient.Report r = light.sync(CAROL);
        assertThat(r.tipHeight()).isEqualTo(3);
        assertThat(r.payments()).singleElement().satisfies(p -> {
            assertThat(p.txid()).isEqualTo(txid);
            assertThat(p.amount()).isEqualTo(100);
            assertThat(p.height()).isEqualTo(1);
            assertThat(p.confirmations()).isEqualTo(3);
            assertThat(p.verified()).isTrue();
            assertThat(p.status()).isEqualTo("pending");
        });
        assertThat(r.received()).isZero();
        assertThat(view(r, n1.baseUrl()).status()).isEqualTo("agrees");
        assertThat(view(r, n2.baseUrl()).status()).isEqualTo("behind");
        assertThat(Files.size(dir.resolve(HeaderFile.NAME))).isEqualTo(4L * BlockHeader.SIZE);

        mine(n1, 3);
        r = light.sync(CAROL);
        assertThat(r.payments()).singleElement().satisfies(p -> {
            assertThat(p.confirmations()).isEqualTo(6);
            assertThat(p.status()).isEqualTo("confirmed");
        });
        assertThat(r.received()).isEqualTo(100);

        mine(n2, 8); // a branch from genesis with more work, without the payment
        r = light.sync(CAROL);
        assertThat(r.tipHeight()).isEqualTo(8);
        assertThat(r.tipHash()).isEqualTo(n2.get("/api/v1/node").json().get("tip").asText());
        assertThat(r.headersRemoved()).isEqualTo(6);
        assertThat(r.payments()).isEmpty();
        assertThat(r.received()).isZero();
        assertThat(r.disagreement()).isTrue();
        assertThat(view(r, n1.baseUrl()).status()).isEqualTo("weaker-branch");
        assertThat(view(r, n2.baseUrl()).status()).isEqualTo("agrees");
        assertThat(Files.size(dir.resolve(HeaderFile.NAME))).isEqualTo(9L * BlockHeader.SIZE);
    }

    @Test
    void aNodeThatForgesProofsOrAmountsIsNamedAndTheHonestAnswerWins() throws Exception {
        TestNode honest = node("h1");
        String txid = pay(honest, 100);
        mine(honest, 6);
        LyingNode liar = liar(honest);
        LightClient light = client(liar.url(), honest.baseUrl()); // the liar is asked first

        // 1. a flipped bit in the branch of a real payment's proof
        liar.bendProof = p -> {
            ObjectNode copy = p.deepCopy();
            ObjectNode step = (ObjectNode) copy.get("branch").get(0);
            String h = step.get("hash").asText();
            step.put("hash", (h.charAt(0) == '0' ? "1" : "0") + h.substring(1));
            return copy;
        };
        LightClient.Report r = light.sync(CAROL);
        assertThat(r.payments()).singleElement().satisfies(p -> {
            assertThat(p.txid()).isEqualTo(txid);
            assertThat(p.verified()).isTrue();
        });
        assertThat(r.received()).isEqualTo(100);
        assertThat(view(r, liar.url()).status()).isEqualTo("lying");
        assertThat(view(r, liar.url()).detail()).contains("does not fold to the Merkle root");
        assertThat(view(r, honest.baseUrl()).status()).isEqualTo("agrees");

        // 2. a payment that never happened, with a proof borrowed from a real one
        AccountTransaction fake = AccountTransaction.signed(honest.node().queries().networkId(), Keys.demo("mallory"), CAROL, 5_000, 0, 0);
        JsonNode realProof = honest.get("/api/v1/transactions/" + txid + "/proof").json();
        liar.bendProof = p -> p;
        liar.bendAccount = a -> {
            ObjectNode copy = a.deepCopy();
            ((ArrayNode) copy.get("recent")).add(NodeClient.json(fake).put("coinbase", false));
            return copy;
        };
        liar.extraProofs = Map.of(fake.id().toHex(), ((ObjectNode) realProof.deepCopy()).put("txid", fake.id().toHex()));
        r = light.sync(CAROL);
        assertThat(r.payments()).extracting(LightClient.Payment::txid).containsExactly(txid);
        assertThat(r.received()).isEqualTo(100);
        assertThat(view(r, liar.url()).status()).isEqualTo("lying");

        // 3. the real payment with its amount changed
        liar.extraProofs = Map.of();
        liar.bendAccount = a -> {
            ObjectNode copy = a.deepCopy();
            copy.get("recent").forEach(t -> ((ObjectNode) t).put("amount", 1_000_000));
            return copy;
        };
        r = light.sync(CAROL);
        assertThat(r.payments()).singleElement().satisfies(p -> assertThat(p.amount()).isEqualTo(100));
        assertThat(view(r, liar.url()).detail()).contains("do not hash to its id");
    }

    @Test
    void aNodeWithAValidChainOfLessWorkIsNamedAndIgnored() throws Exception {
        TestNode honest = node("h2");
        mine(honest, 5);
        ChainBuilder b = new ChainBuilder(ConsensusParams.forTests());
        LyingNode liar = liar(honest);
        liar.ownHeaders = headersFromGenesis(b, b.extend(b.genesis(), 2));
        LightClient.Report r = client(liar.url(), honest.baseUrl()).sync(CAROL);
        assertThat(r.tipHeight()).isEqualTo(5);
        assertThat(r.tipHash()).isEqualTo(honest.get("/api/v1/node").json().get("tip").asText());
        assertThat(r.disagreement()).isTrue();
        assertThat(view(r, liar.url()).status()).isEqualTo("weaker-branch");
        assertThat(view(r, liar.url()).detail()).contains("less work");
        assertThat(view(r, honest.baseUrl()).status()).isEqualTo("agrees");
    }

    @Test
    void aNodeWhoseHeadersAreAtTheWrongDifficultyIsNamedThoughTheyClaimMoreWork() throws Exception {
        TestNode honest = node("h3");
        mine(honest, 5);
        ChainBuilder b = new ChainBuilder(ConsensusParams.forTests());
        int harder = Target.bitsForLeadingZeros(6);
        List<Block> lie = new ArrayList<>();
        Block tip = b.genesis();
        for (int i = 0; i < 8; i++) { // 8 blocks at 6 zero bits: far more "work" than 5 at the required 1
            tip = b.child(tip, List.of(), h -> new BlockHeader(h.version(), h.previousHash(), h.merkleRoot(),
                    h.timestamp(), harder, h.nonce()));
            lie.add(tip);
        }
        LyingNode liar = liar(honest);
        liar.ownHeaders = headersFromGenesis(b, lie);
        LightClient.Report r = client(liar.url(), honest.baseUrl()).sync(CAROL);
        assertThat(r.tipHeight()).isEqualTo(5);
        assertThat(view(r, liar.url()).status()).isEqualTo("lying");
        assertThat(view(r, liar.url()).detail()).contains("height 1").contains("bad-bits");
        assertThat(view(r, honest.baseUrl()).status()).isEqualTo("agrees");
    }

    @Test
    void aNodeThatDoesNotAnswerIsReportedAndTheOthersAreEnough() throws Exception {
        TestNode honest = node("h4");
        pay(honest, 40);
        mine(honest, 6);
        String dead = "http://127.0.0.1:1"; // nothing listens on port 1
        LightClient.Report r = client(dead, honest.baseUrl()).sync(CAROL);
        assertThat(view(r, dead).status()).isEqualTo("unreachable");
        assertThat(r.received()).isEqualTo(40);
    }

    private static List<BlockHeader> headersFromGenesis(ChainBuilder b, List<Block> blocks) {
        List<BlockHeader> out = new ArrayList<>();
        out.add(b.genesis().header());
        blocks.forEach(x -> out.add(x.header()));
        return out;
    }
}
