package org.powchain.p2p;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.powchain.p2p.PeerException.Kind;
import org.powchain.wire.BlockAnnouncement;
import org.powchain.wire.MalformedMessage;
import org.powchain.wire.PeerAddress;
import org.powchain.wire.Request;
import org.powchain.wire.TxAnnouncement;
import org.powchain.wire.WireFormat;

/**
 * The real node's transport: each {@link Request} is an HTTP request to the peer's route for it,
 * its JSON made and parsed by the request itself, sent with the JDK's HTTP client (every request
 * with a deadline and an answer-size limit, see {@link PeerClient}).
 *
 * <p>Announcements (blocks and transactions pushed to peers) are at most {@value #MAX_IN_FLIGHT}
 * in flight; more wait in a bounded queue that drops its oldest when full, so a burst never grows
 * memory without bound (the periodic sync and mempool pull fill such gaps). Requests a sync is
 * waiting on are never queued or dropped.
 */
public final class HttpTransport implements PeerTransport {
    static final int MAX_IN_FLIGHT = 32;
    static final int MAX_QUEUED = 4_096;

    private final PeerClient client;
    private final WireFormat wire;
    private final Deque<Queued> queued = new ArrayDeque<>();
    private int inFlight;
    private volatile LinkFaults faults;

    /**
     * @param self    the address this node advertises, named in every request
     * @param mayDial a test hook standing in for a firewall; real nodes dial everyone
     */
    public HttpTransport(Supplier<String> self, Duration timeout, long maxAnswerBytes, WireFormat wire,
                         Predicate<PeerAddress> mayDial) {
        this.client = new PeerClient(self, timeout, maxAnswerBytes, mayDial);
        this.wire = wire;
    }

    @Override
    public <A> CompletableFuture<A> request(PeerAddress peer, Request<A> request) {
        boolean announcement = request instanceof BlockAnnouncement || request instanceof TxAnnouncement;
        if (!announcement) {
            return send(peer, request);
        }
        CompletableFuture<A> result = new CompletableFuture<>();
        Runnable go = () -> send(peer, request).whenComplete((a, failure) -> {
            finished();
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(a);
            }
        });
        synchronized (this) {
            if (inFlight < MAX_IN_FLIGHT) {
                inFlight++;
            } else {
                if (queued.size() == MAX_QUEUED) {
                    queued.removeFirst().result().completeExceptionally(new CancellationException("dropped: relay queue full"));
                }
                queued.addLast(new Queued(go, result));
                return result;
            }
        }
        go.run();
        return result;
    }

    /** Puts {@code faults} on every message from now on (a devnet's latency, loss and splits). */
    public void faults(LinkFaults faults) {
        this.faults = faults;
    }

    private <A> CompletableFuture<A> send(PeerAddress peer, Request<A> request) {
        LinkFaults f = faults;
        return f == null ? sendNow(peer, request) : f.apply(peer, () -> sendNow(peer, request));
    }

    private <A> CompletableFuture<A> sendNow(PeerAddress peer, Request<A> request) {
        com.fasterxml.jackson.databind.JsonNode body = request.body(wire);
        CompletableFuture<com.fasterxml.jackson.databind.JsonNode> json = body == null
                ? client.get(peer, request.path() + request.query())
                : client.post(peer, request.path(), body);
        return json.thenApply(answer -> {
            try {
                return request.decodeAnswer(answer, wire);
            } catch (MalformedMessage m) {
                throw new CompletionException(new PeerException(Kind.GARBAGE, peer + ": " + m.getMessage()));
            }
        });
    }

    private record Queued(Runnable go, CompletableFuture<?> result) {}

    /** One announcement finished: start the next queued one, if any. */
    private void finished() {
        Queued next;
        synchronized (this) {
            next = queued.pollFirst();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        next.go().run();
    }
}
