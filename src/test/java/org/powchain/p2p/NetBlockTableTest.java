package org.powchain.p2p;

import org.powchain.core.WallClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.powchain.api.ApiException;
import org.powchain.api.TestNode;
import org.powchain.chain.BlockTable;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.BlockTable.Case;
import org.powchain.chain.BlockTable.Expect;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Rule;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Hashing;
import org.powchain.core.MerkleTree;
import org.powchain.core.Transaction;
import org.powchain.node.NodeConfig;
import org.powchain.wire.WireFormat;

/**
 * The full-block table ({@link BlockTable}) against real nodes over HTTP, one node per door, the
 * blocks sent one after the other: through {@code POST /addblock} as a user (no peer header); as
 * peers relaying blocks to {@code /addblock}; and as peers serving the blocks to a headers-first
 * sync ({@code /p2p/headers}, {@code /p2p/blocks}). Each case comes from a peer of its own, whose
 * score is read afterwards in {@code /p2p/peerinfo}: a block that breaks a rule bans its sender at
 * once; an orphan and a block a little too far in the future cost nothing, since an honest peer may
 * send them in a race or with a clock slightly ahead.
 */
@Tag("network")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetBlockTableTest {
    /** Generous, for a loaded machine: the wall clock moves while the table is sent (see {@link BlockTable#generate}). */
    static final long LATENESS = 10 * 60_000;
    TestNode user;
    TestNode peers;
    TestNode sync;
    SyncDoor syncDoor;

    /** The blocks as a peer sends them: the table's ledger model's JSON. */
    WireFormat wire;

    /** The network the table's blocks belong to. */
    ConsensusParams params() {
        return BlockTable.params();
    }

    /** The table, made when a door starts sending it (the wall clock is read then). */
    List<Case> table() {
        return BlockTable.generate(WallClock.millis(), LATENESS);
    }

    @BeforeAll
    void start() {
        wire = WireFormat.of(params());
        user = new TestNode(NodeConfig.forTests("table-user").withParams(params()));
        peers = new TestNode(NodeConfig.forTests("table-peers").withParams(params()));
        sync = new TestNode(NodeConfig.forTests("table-sync").withParams(params()));
    }

    @AfterAll
    void stop() {
        user.close();
        peers.close();
        sync.close();
        if (syncDoor != null) {
            syncDoor.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseThroughAddblockAsAUser() {
        return BlockTable.run(table(), new HttpDoor(user) {
            @Override
            public String send(Case c) {
                return outcome(node.post("/addblock", wire.block(c.block()).toString()));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyCaseThroughAddblockAsAPeerWithItsScore() {
        return BlockTable.run(table(), new HttpDoor(peers) {
            /** The case's block was not stored from the peer (less work, unasked) and came in as a user's. */
            boolean resubmitted;

            @Override
            public String send(Case c) {
                boolean lessWork = lessWorkThanTip(node, c.block());
                String relayed = outcome(node.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/addblock"))
                        .header(Network.PEER_HEADER, sender(c))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(wire.block(c.block()).toString()))));
                resubmitted = relayed.equals("not-stored");
                if (resubmitted) {
                    // Bitcoin Core's AcceptBlock rule: unasked, a block on a branch with less work is not
                    // stored (a real peer's branch comes by sync once it has more). The table goes on from
                    // the same state: the block is submitted as a user would, who is always listened to.
                    assertThat(lessWork).as("%s was not stored although its branch has the most work", c.name()).isTrue();
                    return outcome(node.post("/addblock", wire.block(c.block()).toString()));
                }
                return relayed;
            }

            @Override
            public void after(Case c) {
                JsonNode info = peerInfo(node, sender(c));
                if (resubmitted) { // what a peer relays unasked on a weaker branch is never held against it
                    assertThat(info == null ? 0 : info.path("score").asInt()).as("score of the sender of %s", c.name()).isZero();
                } else if (c.expect().isInvalid()) {
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
     * Headers-first sync: for each case a fake peer of its own announces the block's header and
     * serves its body from {@code /p2p/blocks}. It makes the node sync with it the way any peer can,
     * by relaying an orphan. Outcomes show differently through this door:
     * <ul>
     *   <li>an orphan cannot come by sync (a header chain starts at a block the node holds), so orphans
     *       go to {@code /addblock};</li>
     *   <li>nor can any block whose parent the node does not hold (a child of a refused block, a
     *       duplicate of an orphan): headers that start nowhere are garbage, half a ban;</li>
     *   <li>a header too far in the future is ignored: nothing stored, nothing held against the peer.</li>
     * </ul>
     */
    @TestFactory
    Stream<DynamicTest> everyCaseThroughHeadersFirstSyncFromAPeer() {
        syncDoor = new SyncDoor(sync, wire, params());
        List<Case> table = table();
        return Stream.concat(BlockTable.run(table, syncDoor, syncDoor::expected), Stream.of(DynamicTest.dynamicTest(
                "every rule of the table but orphan and time-too-new banned a peer through sync", () -> {
                    Set<Rule> expected = BlockTable.rulesCovered(table);
                    expected.removeAll(Set.of(Rule.UNKNOWN_PARENT, Rule.TIME_TOO_NEW));
                    assertThat(syncDoor.bannedFor).containsExactlyInAnyOrderElementsOf(expected);
                })));
    }

    private static final class SyncDoor extends HttpDoor implements AutoCloseable {
        private final FakePeer barrier = new FakePeer();
        final Set<Rule> bannedFor = EnumSet.noneOf(Rule.class);
        private FakePeer fake;
        private String expected;
        /** Sync left the case's block alone (no more work than ours) and it came in as a user's. */
        private boolean resubmitted;
        private int triggers;
        private final WireFormat wire;
        private final ConsensusParams params;

        SyncDoor(TestNode node, WireFormat wire, ConsensusParams params) {
            super(node);
            barrier.answerHellosAsAPeerOf(node);
            this.wire = wire;
            this.params = params;
        }

        /** Called before the case is sent: whether the parent is stored decides. */
        String expected(Case c) {
            if (c.expect().equals(Expect.ORPHAN)) {
                expected = c.expect().code();
            } else if (!stored(c.block().previousHash())) {
                expected = "garbage";
            } else {
                expected = c.expect().rule().equals(Optional.of(Rule.TIME_TOO_NEW)) ? "ignored" : c.expect().code();
            }
            return expected;
        }

        @Override
        public String send(Case c) {
            closeFake();
            resubmitted = false;
            if (c.expect().equals(Expect.ORPHAN)) {
                return outcome(node.post("/addblock", wire.block(c.block()).toString()));
            }
            Hash hash = c.block().hash();
            boolean storedBefore = stored(hash);
            boolean noMoreWork = workVersusTip(node, c.block()) <= 0;
            fake = new FakePeer();
            // the node greets every peer it hears from, at a moment load decides: a malformed answer
            // would be held against the peer before after() reads its score
            fake.answerHellosAsAPeerOf(node);
            // Once: the node's periodic sync may ask the peer again before after() reads its score, and
            // headers that do not connect would then be held against it twice.
            byte[] headers = ("[" + WireFormat.header(c.block().header(), 0) + "]").getBytes(StandardCharsets.UTF_8);
            AtomicBoolean answered = new AtomicBoolean();
            fake.answer("/p2p/headers", uri -> answered.getAndSet(true) ? "[]".getBytes(StandardCharsets.UTF_8) : headers);
            fake.answer("/p2p/blocks", "[" + wire.block(c.block()) + "]");
            syncWith(fake);

            JsonNode info = peerInfo(node, fake.address());
            if (info != null && info.path("status").asText().equals(PeerStore.Status.BANNED.name())) {
                String problem = info.path("lastProblem").asText();
                Optional<Rule> rule = Arrays.stream(Rule.values()).filter(r -> problem.contains(": " + r.code() + ": "))
                        .findFirst();
                rule.ifPresent(bannedFor::add);
                return rule.map(Expect::codeOf).orElse("banned for " + problem);
            }
            if (info != null && info.path("score").asInt() == Misbehavior.GARBAGE) {
                return "garbage";
            }
            if (stored(hash) && !storedBefore) {
                return node.node().queries().isOnMainChain(hash) ? "main-chain" : "side-branch";
            }
            resubmitted = !storedBefore && noMoreWork && !expected.equals("ignored");
            if (resubmitted) {
                // headers-first sync does not download a chain with no more work than ours (it could not
                // move the tip); the table goes on from the same state: the block is submitted as a user would
                return outcome(node.post("/addblock", wire.block(c.block()).toString()));
            }
            return storedBefore ? "duplicate" : "ignored";
        }

        /**
         * Makes the node sync with {@code peer} and waits until it has: the barrier, a peer with
         * nothing to offer, asks for a sync after it on the same sync thread and sees it start.
         */
        private void syncWith(FakePeer peer) {
            int before = barrier.requests("/p2p/headers");
            for (FakePeer p : List.of(peer, barrier)) {
                HttpResponse<String> pushed = p.push(node.baseUrl() + "/addblock", wire.block(trigger()).toString());
                assertThat(pushed.body()).contains(Rule.UNKNOWN_PARENT.code());
            }
            await().atMost(Cluster.DEADLINE).pollInterval(Duration.ofMillis(5))
                    .until(() -> barrier.requests("/p2p/headers") > before);
        }

        /** A valid block whose parent nobody has: relayed, it makes the node sync with its sender. */
        private Block trigger() {
            List<Transaction> txs = List.of(params.ledger().coinbase(ChainBuilder.MINER, 50, 1));
            Hash nowhere = Hashing.doubleSha256(("trigger " + triggers++).getBytes(StandardCharsets.UTF_8));
            return new Block(ChainBuilder.mine(new BlockHeader(ConsensusParams.BLOCK_VERSION, nowhere,
                    MerkleTree.rootOf(txs), params.genesisTimestamp() + 1, params.genesisBits(), 0)), txs);
        }

        @Override
        public void after(Case c) {
            if (fake == null) {
                return;
            }
            JsonNode info = peerInfo(node, fake.address());
            closeFake();
            int score = info == null ? 0 : info.path("score").asInt();
            if (resubmitted) { // never downloaded from the peer: nothing to hold against it
                assertThat(score).as("score of the peer that announced %s", c.name()).isZero();
            } else if (expected.equals("garbage")) {
                assertThat(score).as("score of the peer that synced %s", c.name()).isEqualTo(Misbehavior.GARBAGE);
            } else {
                assertThat(score).as("score of the peer that synced %s", c.name())
                        .isEqualTo(c.expect().isInvalid() ? PeerStore.BAN_SCORE : 0);
            }
        }

        private void closeFake() {
            if (fake != null) {
                fake.close();
                fake = null;
            }
        }

        @Override
        public void close() {
            closeFake();
            barrier.close();
        }
    }

    static JsonNode peerInfo(TestNode node, String address) {
        for (JsonNode p : node.get("/p2p/peerinfo").json()) {
            if (p.path("address").asText().equals(address)) {
                return p;
            }
        }
        return null;
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
            assertThat(r.status()).as("HTTP status of %s", error).isEqualTo(ApiException.status(rule));
            return Expect.codeOf(rule);
        }

        /** Whether {@code block}'s branch would have less work than the node's tip (false if its parent is unknown). */
        static boolean lessWorkThanTip(TestNode node, org.powchain.core.Block block) {
            return workVersusTip(node, block) < 0;
        }

        /** The work of {@code block}'s branch compared with the node's tip: -1, 0 or 1; 1 if its parent is unknown. */
        static int workVersusTip(TestNode node, org.powchain.core.Block block) {
            return node.node().queries().node(block.previousHash())
                    .map(p -> p.chainWork().add(org.powchain.core.Target.work(block.header().bits()))
                            .compareTo(node.node().queries().tipNode().chainWork()))
                    .orElse(1);
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
