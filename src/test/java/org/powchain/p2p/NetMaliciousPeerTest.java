package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.api.TestNode;
import org.powchain.chain.ChainBuilder;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.Target;
import org.powchain.core.AccountTransaction;
import org.powchain.wire.WireFormat;

/**
 * A hostile peer feeds a node bad proof of work, a long chain of invalid headers, a block with a
 * forged transaction, and oversized bodies. The node refuses each, bans the peer, and keeps its chain.
 */
@Tag("network")
class NetMaliciousPeerTest {
    final Cluster cluster = new Cluster();
    final ChainBuilder builder = new ChainBuilder();
    final NetworkId NET = builder.network();
    final FakePeer evil = new FakePeer();
    TestNode node;
    String tipBefore;

    @BeforeEach
    void start() throws Exception {
        node = cluster.start("victim");
        for (Block b : builder.extend(builder.genesis(), 3)) {
            node.node().chain().process(b);
        }
        tipBefore = Cluster.tip(node);
        // the fake peer claims far more work than anyone, so the node wants to sync with it
        evil.answer("/p2p/hello", helloClaimingMoreWork());
    }

    @AfterEach
    void stop() {
        evil.close();
        cluster.close();
    }

    private String helloClaimingMoreWork() {
        ObjectNode hello = node.node().network().hello();
        hello.put("node", evil.address());
        hello.put("instance", "evil");
        hello.put("height", 1_000_000);
        hello.put("chainWork", "1" + "0".repeat(60));
        hello.putArray("peers");
        return hello.toString();
    }

    private boolean banned() {
        return node.node().peers().peers().stream()
                .anyMatch(p -> p.address().equals(evil.address()) && p.status() == PeerStore.Status.BANNED);
    }

    private void assertChainUnchanged() {
        assertThat(Cluster.tip(node)).isEqualTo(tipBefore);
        assertThat(node.node().queries().height()).isEqualTo(3);
    }

    /** A header that does not meet its own target (half of all nonces, at 1-bit difficulty). */
    static BlockHeader failingPow(BlockHeader h) {
        while (Target.meets(h.hash(), h.bits())) {
            h = h.withNonce(h.nonce() + 1);
        }
        return h;
    }

    @Test
    void aPushedBlockWithBadProofOfWorkIsRefusedAndItsSenderBanned() {
        Block good = builder.child(node.node().queries().tipBlock());
        Block bad = new Block(failingPow(good.header()), good.transactions());

        HttpResponse<String> r = evil.push(node.baseUrl() + "/addblock", FakePeer.WIRE.block(bad).toString());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("high-hash");
        assertThat(banned()).isTrue();

        // banned: even a valid block from it is not looked at
        HttpResponse<String> again = evil.push(node.baseUrl() + "/addblock", FakePeer.WIRE.block(good).toString());
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("\"error\":\"banned\"");
        assertChainUnchanged();
        assertThat(node.get("/getlastblock").status()).isEqualTo(200); // and the node keeps serving
    }

    @Test
    void aLongChainOfHeadersWithBadProofOfWorkIsRefusedBeforeAnyBodyIsFetched() {
        ArrayNode headers = WireFormat.mapper().createArrayNode();
        Block tip = node.node().queries().tipBlock();
        BlockHeader previous = tip.header();
        for (int i = 0; i < 2_000; i++) {
            BlockHeader h = failingPow(new BlockHeader(1, previous.hash(), tip.header().merkleRoot(),
                    previous.timestamp() + 1000, previous.bits(), i * 1000L));
            headers.add(WireFormat.header(h, 4 + i));
            previous = h;
        }
        evil.answer("/p2p/headers", headers.toString());

        node.node().network().addPeer(evil.peerAddress());
        await().atMost(Cluster.DEADLINE).until(this::banned);
        assertThat(evil.requests("/p2p/headers")).isPositive();
        assertThat(evil.requests("/p2p/blocks")).isZero();
        assertChainUnchanged();
    }

    @Test
    void headersWithRealProofOfWorkButTheWrongDifficultyAreRefusedBeforeAnyBodyIsFetched() {
        // harder than the chain requires, so the proof of work is real, but the bits break the retarget rule
        int wrongBits = Target.bitsForLeadingZeros(3);
        Block tip = node.node().queries().tipBlock();
        BlockHeader h = ChainBuilder.mine(new BlockHeader(1, tip.hash(), tip.header().merkleRoot(),
                tip.header().timestamp() + 5_000, wrongBits, 0));
        evil.answer("/p2p/headers", "[" + WireFormat.header(h, 4) + "]");

        node.node().network().addPeer(evil.peerAddress());
        await().atMost(Cluster.DEADLINE).until(this::banned);
        assertThat(node.node().peers().peers().get(0).lastProblem()).contains("bad-bits");
        assertThat(evil.requests("/p2p/blocks")).isZero();
        assertChainUnchanged();
    }

    @Test
    void aBlockCarryingAForgedTransactionIsRefusedAndTheBalanceUntouched() {
        Keys a = Keys.demo("A");
        byte[] forgedSignature = new byte[Keys.SIGNATURE_SIZE];
        new SecureRandom().nextBytes(forgedSignature);
        AccountTransaction forged = AccountTransaction.of(NET, a.publicKey(), Keys.demo("mallory").address(), 1000, 0, 0, forgedSignature);
        Block block = builder.child(node.node().queries().tipBlock(), forged); // valid proof of work, bad signature
        evil.answer("/p2p/headers", "[" + WireFormat.header(block.header(), 4) + "]");
        evil.answer("/p2p/blocks", "[" + FakePeer.WIRE.block(block) + "]");

        node.node().network().addPeer(evil.peerAddress());
        await().atMost(Cluster.DEADLINE).until(this::banned);
        assertThat(evil.requests("/p2p/blocks")).isPositive();
        assertThat(node.node().peers().peers().get(0).lastProblem()).contains("bad-signature");
        assertChainUnchanged();
        assertThat(Cluster.balance(node, "A")).isEqualTo(1000);
        assertThat(Cluster.balance(node, "mallory")).isZero();
    }

    @Test
    void oversizedAndGarbageBodiesAreRefusedAndCountAgainstTheSender() {
        String huge = "{\"transactions\":[" + "0,".repeat(3_000_000) + "0]}";
        HttpResponse<String> r = evil.push(node.baseUrl() + "/addblock", huge);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("too-large");
        assertThat(banned()).isFalse(); // one strike

        HttpResponse<String> garbage = evil.push(node.baseUrl() + "/p2p/tx", "this is not json");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("bad-json");
        assertThat(banned()).isTrue(); // two
        assertChainUnchanged();
    }

    @Test
    void anAnswerOverTheSizeLimitIsCutOffAndCountsAsGarbage() {
        byte[] endless = new byte[64 * 1024 * 1024];
        java.util.Arrays.fill(endless, (byte) ' ');
        evil.answer("/p2p/hello", uri -> endless);
        node.node().network().addPeer(evil.peerAddress());
        await().atMost(Cluster.DEADLINE).until(() -> node.node().peers().peers().stream()
                .anyMatch(p -> p.score() >= Misbehavior.GARBAGE));
        assertThat(node.get("/getlastblock").status()).isEqualTo(200);
        assertChainUnchanged();
    }

    /**
     * The peer relays A's payment to C with nonce 0, valid on its side of a fork; on ours a block
     * already spent A's nonce 0 (a reorg took it there). Refused, but the peer is honest: the rule
     * depends on state ({@code Rule.dependsOnState}), so it costs nothing.
     */
    @Test
    void aTransactionAReorgMadeInvalidCostsItsHonestRelayerNothing() throws Exception {
        Keys a = Keys.demo("A");
        AccountTransaction mined = AccountTransaction.signed(NET, a, Keys.demo("B").address(), 10, 0, 0);
        node.node().chain().process(builder.child(node.node().queries().tipBlock(), mined));
        AccountTransaction otherSide = AccountTransaction.signed(NET, a, Keys.demo("C").address(), 10, 0, 0);
        HttpResponse<String> r = evil.push(node.baseUrl() + "/p2p/tx", FakePeer.WIRE.tx(otherSide).toString());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("bad-nonce");
        assertThat(banned()).isFalse();
        assertThat(node.node().peers().peers()).filteredOn(p -> p.address().equals(evil.address()))
                .allSatisfy(p -> assertThat(p.score()).isZero());
    }

    @Test
    void aForgedTransactionRelayedByAPeerBansIt() {
        Keys a = Keys.demo("A");
        AccountTransaction honest = AccountTransaction.signed(NET, a, Keys.demo("B").address(), 10, 0, 0);
        byte[] sig = honest.signature();
        sig[0] ^= 1;
        AccountTransaction forged = AccountTransaction.of(NET, a.publicKey(), Keys.demo("B").address(), 10, 0, 0, sig);
        HttpResponse<String> r = evil.push(node.baseUrl() + "/p2p/tx", FakePeer.WIRE.tx(forged).toString());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("bad-signature");
        assertThat(banned()).isTrue();
        assertThat(node.get("/getmempool").json()).isEmpty();
    }

}
