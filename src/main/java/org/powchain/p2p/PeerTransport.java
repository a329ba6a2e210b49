package org.powchain.p2p;

import java.util.concurrent.CompletableFuture;
import org.powchain.wire.PeerAddress;
import org.powchain.wire.Request;

/**
 * How this node's protocol code reaches a peer: the one seam between the p2p logic and I/O. The
 * real node sends over HTTP ({@link HttpTransport}); the simulator delivers after a simulated
 * latency and bandwidth ({@code sim.SimNetwork}). Either way the protocol only sees a request
 * go out and, later, its answer or a {@link PeerException}: no sockets, threads or clocks.
 */
public interface PeerTransport {
    /**
     * Sends {@code request} to {@code peer}. The future completes with the peer's answer, or
     * exceptionally with a {@link PeerException} saying whether the peer was unreachable, answered
     * garbage, or refused; never blocks the caller.
     */
    <A> CompletableFuture<A> request(PeerAddress peer, Request<A> request);
}
