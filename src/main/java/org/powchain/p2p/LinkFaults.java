package org.powchain.p2p;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.powchain.p2p.PeerException.Kind;
import org.powchain.wire.PeerAddress;

/**
 * Faults this node puts on its own outgoing peer messages, per peer: a delay before each is sent,
 * and a chance it is lost (1 cuts the link: a network split). What a devnet sets at run time
 * through {@code /p2p/faults} to show latency, loss and partitions on real nodes; empty, it lets
 * everything through at once. A lost message fails as an unreachable peer would, so the protocol
 * reacts as it does to a real outage. Thread-safe: the transport reads it from any thread.
 */
public final class LinkFaults {
    /** @param delayMillis added before each message to the peer; @param loss chance in [0, 1] that it is dropped */
    public record Fault(long delayMillis, double loss) {
        public Fault {
            if (delayMillis < 0 || delayMillis > 60_000) {
                throw new IllegalArgumentException("delay must be 0..60000 ms, not " + delayMillis);
            }
            if (!(loss >= 0 && loss <= 1)) {
                throw new IllegalArgumentException("loss must be between 0 and 1, not " + loss);
            }
        }
    }

    private final Map<String, Fault> byPeer = new ConcurrentHashMap<>();

    /** Faults on messages to {@code peer} ({@code host:port}, as the peer store names it); none is {@code Fault(0, 0)}. */
    public void set(String peer, Fault fault) {
        if (fault.delayMillis() == 0 && fault.loss() == 0) {
            byPeer.remove(peer);
        } else {
            byPeer.put(peer, fault);
        }
    }

    public void clear() {
        byPeer.clear();
    }

    /** Every peer with a fault, by address. */
    public Map<String, Fault> all() {
        return new TreeMap<>(byPeer);
    }

    /** {@code send} for a message to {@code peer}, after the peer's delay, or a failure if the message is lost. */
    <A> CompletableFuture<A> apply(PeerAddress peer, Supplier<CompletableFuture<A>> send) {
        Fault f = byPeer.get(peer.toString());
        if (f == null) {
            return send.get();
        }
        if (f.loss() > 0 && ThreadLocalRandom.current().nextDouble() < f.loss()) {
            return CompletableFuture.failedFuture(new PeerException(Kind.UNREACHABLE, peer + ": message lost (link fault)"));
        }
        if (f.delayMillis() == 0) {
            return send.get();
        }
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(f.delayMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(x -> send.get());
    }
}
