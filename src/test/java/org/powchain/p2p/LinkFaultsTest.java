package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.wire.PeerAddress;

@Tag("unit")
class LinkFaultsTest {
    final LinkFaults faults = new LinkFaults();
    final PeerAddress peer = new PeerAddress("127.0.0.1", 5001);
    final AtomicInteger sent = new AtomicInteger();

    CompletableFuture<String> send() {
        return faults.apply(peer, () -> {
            sent.incrementAndGet();
            return CompletableFuture.completedFuture("answer");
        });
    }

    @Test
    void withoutAFaultAMessageGoesAtOnce() {
        faults.set("127.0.0.1:5002", new LinkFaults.Fault(0, 1)); // another peer's link is cut, not this one

        assertThat(send().join()).isEqualTo("answer");
        assertThat(sent).hasValue(1);
    }

    @Test
    void aCutLinkLosesEveryMessageAsAnUnreachablePeer() {
        faults.set("127.0.0.1:5001", new LinkFaults.Fault(0, 1));

        assertThatThrownBy(() -> send().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(PeerException.class, e -> assertThat(e.kind()).isEqualTo(PeerException.Kind.UNREACHABLE));
        assertThat(sent).hasValue(0);
    }

    @Test
    void aDelayedLinkSendsAfterTheDelay() {
        faults.set("127.0.0.1:5001", new LinkFaults.Fault(150, 0));

        long start = System.nanoTime();
        assertThat(send().join()).isEqualTo("answer");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void noDelayAndNoLossClearsThePeersFault() {
        faults.set("127.0.0.1:5001", new LinkFaults.Fault(0, 1));
        faults.set("127.0.0.1:5001", new LinkFaults.Fault(0, 0));

        assertThat(faults.all()).isEmpty();
        assertThat(send().join()).isEqualTo("answer");
    }

    @Test
    void refusesALossOutsideZeroToOneAndANegativeDelay() {
        assertThatThrownBy(() -> new LinkFaults.Fault(0, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkFaults.Fault(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
