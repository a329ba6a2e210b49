package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.p2p.PeerStore.Status;
import org.powchain.wire.PeerAddress;

/** Peer health on a clock the test moves: backoff, dropping, the boot node's exception, bans. */
@Tag("unit")
class PeerStoreTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final PeerStore store = new PeerStore(3, "me:5000", now::get);
    final PeerAddress a = new PeerAddress("a", 5001);

    PeerStore.PeerInfo info(PeerAddress p) {
        return store.peers().stream().filter(i -> i.address().equals(p.toString())).findFirst().orElseThrow();
    }

    @Test
    void failuresBackOffExponentiallyAndTheFifthDropsThePeer() {
        store.add(a);
        assertThat(info(a).status()).isEqualTo(Status.NEW);
        long[] waits = {1_000, 2_000, 4_000, 8_000};
        for (long wait : waits) {
            assertThat(store.failed(a, "connection refused")).isFalse();
            assertThat(info(a).status()).isEqualTo(Status.BACKING_OFF);
            assertThat(store.due()).doesNotContain(a);
            now.addAndGet(wait);
            assertThat(store.due()).contains(a);
        }
        assertThat(store.failed(a, "connection refused")).isTrue();
        assertThat(store.contains(a)).isFalse();
        assertThat(store.learn(a)).as("not taken back from gossip for a while").isFalse();
        now.addAndGet(PeerStore.FORGET_MILLIS + 1);
        assertThat(store.learn(a)).isTrue();
    }

    @Test
    void aDroppedPeerThatGreetsTheNodeItselfIsTakenBackAtOnce() {
        // dropped after failed dials (say, the far side of a split); gossip about it is still ignored,
        // but its own hello proves it is up again
        store.add(a);
        for (long wait : new long[] {0, 1_000, 2_000, 4_000, 8_000}) {
            now.addAndGet(wait);
            store.failed(a, "connection refused");
        }
        assertThat(store.contains(a)).isFalse();
        assertThat(store.learn(a)).isFalse();
        assertThat(store.greetedBy(a)).isTrue();
        assertThat(store.contains(a)).isTrue();
        assertThat(store.due()).contains(a);
    }

    @Test
    void anAddressThatIsTheNodeItselfStaysOutEvenWhenItGreets() {
        store.add(a);
        store.forgetAsSelf(a);
        assertThat(store.greetedBy(a)).isFalse();
        assertThat(store.contains(a)).isFalse();
    }

    @Test
    void requestsThatFailDuringOneBackoffAreOneFailure() {
        // an outage fails every relay and sync already on its way to the peer at about the same time:
        // that is one failed dial, not ten, or a burst of traffic would drop a peer within seconds
        store.add(a);
        for (int i = 0; i < 10; i++) {
            assertThat(store.failed(a, "connection refused")).isFalse();
        }
        assertThat(store.contains(a)).isTrue();
        assertThat(info(a).failures()).isEqualTo(1);
        now.addAndGet(1_000);
        store.failed(a, "connection refused");
        assertThat(info(a).failures()).isEqualTo(2);
    }

    @Test
    void aBootNodeIsNeverDroppedAndItsBackoffIsCapped() {
        store.addBoot(a);
        for (int i = 0; i < 20; i++) {
            store.failed(a, "timeout");
            now.addAndGet(PeerStore.BOOT_MAX_BACKOFF_MILLIS); // each failure after the last backoff ran out
        }
        assertThat(info(a).failures()).isEqualTo(20);
        store.failed(a, "timeout");
        assertThat(store.contains(a)).isTrue();
        now.addAndGet(PeerStore.BOOT_MAX_BACKOFF_MILLIS);
        assertThat(store.due()).contains(a);
    }

    @Test
    void aPeerNamedAgainWhileBackingOffIsDueAtOnce() {
        store.add(a);
        store.failed(a, "connection refused");
        now.addAndGet(1_000);
        store.failed(a, "connection refused"); // the next try is 2 s away
        assertThat(store.due()).doesNotContain(a);

        assertThat(store.add(a)).as("known already").isFalse();
        assertThat(store.due()).as("an operator's /addpeer: try it now").contains(a);
        assertThat(info(a).failures()).as("still failing until a dial works").isEqualTo(2);
    }

    @Test
    void aPeerThatAnswersASyncIsHealthyAgainWithoutWaitingForItsBackoff() {
        store.add(a);
        store.failed(a, "timeout");
        assertThat(store.healthy()).isEmpty();
        store.answered(a);
        assertThat(store.healthy()).containsExactly(a);
        assertThat(info(a).status()).isEqualTo(Status.HEALTHY);
    }

    @Test
    void aSuccessfulDialMakesAPeerHealthyAndGossipable() {
        store.learn(a);
        assertThat(store.gossipable()).isEmpty(); // heard of, never reached: not passed on
        assertThat(store.succeeded(a, "alice", 7)).isTrue();
        assertThat(store.gossipable()).containsExactly(a);
        assertThat(info(a).status()).isEqualTo(Status.HEALTHY);
        assertThat(info(a).nodeId()).isEqualTo("alice");
        store.failed(a, "timeout");
        assertThat(store.gossipable()).isEmpty();
    }

    @Test
    void misbehaviourAddsUpToABanThatExpires() {
        store.add(a);
        assertThat(store.penalize(a, Misbehavior.GARBAGE, "not json")).isFalse();
        assertThat(store.penalize(a, Misbehavior.GARBAGE, "not json")).isTrue();
        assertThat(info(a).status()).isEqualTo(Status.BANNED);
        assertThat(store.all()).doesNotContain(a);
        assertThat(store.due()).doesNotContain(a);
        now.addAndGet(PeerStore.BAN_MILLIS + 1);
        assertThat(store.isBanned(a)).isFalse();
        assertThat(info(a).score()).isZero();
    }

    @Test
    void theStoreIsBoundedForWhatGossipAndGreetingsBringAndNeverHoldsItself() {
        assertThat(store.add(new PeerAddress("me", 5000))).isFalse();
        assertThat(store.learn(a)).isTrue();
        assertThat(store.learn(a)).isFalse();
        store.learn(new PeerAddress("b", 1));
        store.greetedBy(new PeerAddress("c", 1));
        assertThat(store.learn(new PeerAddress("d", 1))).as("full: gossip").isFalse();
        assertThat(store.greetedBy(new PeerAddress("d", 1))).as("full: a greeting").isFalse();
        assertThat(store.size()).isEqualTo(3);
        store.forgetAsSelf(a);
        assertThat(store.learn(a)).isFalse();
    }

    /** As Bitcoin Core's addnode: a split that healed links its sides again, however full each side's stores are. */
    @Test
    void aPeerAnOperatorNamesIsKeptEvenWhenTheStoreIsFull() {
        store.learn(a);
        store.learn(new PeerAddress("b", 1));
        store.learn(new PeerAddress("c", 1));
        PeerAddress named = new PeerAddress("d", 1);

        assertThat(store.add(named)).isTrue();

        assertThat(store.size()).isEqualTo(4);
        assertThat(store.all()).contains(named);
        assertThat(store.due()).contains(named);
    }

    @Test
    void parsesExactlyWhatTheHostPortPatternMatches() {
        // the hand-written parser against the regular expression it replaced, on near-miss strings
        java.util.regex.Pattern hostPort = java.util.regex.Pattern.compile(
                "([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:]{2,39}\\]):(\\d{1,5})");
        String alphabet = "a1.-:[]fG0 9x_";
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        java.util.List<String> cases = new java.util.ArrayList<>(java.util.List.of("10.0.0.1:8333", "localhost:1",
                "host:65535", "host:65536", "host:0", "host:00080", "[::1]:80", "[::]:80", "[:]:80", "[::1]", ":80", "a:",
                " 10.0.0.1:8333 ", "a".repeat(253) + ":1", "a".repeat(254) + ":1", "[" + "f".repeat(39) + "]:1",
                "[" + "f".repeat(40) + "]:1", "a:b:1", "١٢:1", "host:١٢"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cases.add(b.toString());
        }
        for (String c : cases) {
            java.util.regex.Matcher m = hostPort.matcher(c.trim());
            java.util.Optional<PeerAddress> expected = m.matches() && Integer.parseInt(m.group(2)) >= 1
                    && Integer.parseInt(m.group(2)) <= 65535
                    ? java.util.Optional.of(new PeerAddress(m.group(1), Integer.parseInt(m.group(2))))
                    : java.util.Optional.empty();
            assertThat(PeerAddress.parse(c)).as(c).isEqualTo(expected);
        }
    }
}
