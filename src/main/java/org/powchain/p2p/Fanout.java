package org.powchain.p2p;

import java.util.List;
import java.util.function.Supplier;
import org.powchain.wire.PeerAddress;
import org.powchain.wire.Request;

/**
 * Sends one announcement to every healthy peer but the one it came from, without waiting for the
 * answers, so the caller (a miner, an HTTP request) never waits on the network. A peer that cannot
 * be reached backs off; a refusal (a duplicate, a block it cannot place yet) needs nothing from us.
 */
final class Fanout {
    private final PeerStore peers;
    private final PeerTransport transport;

    Fanout(PeerStore peers, PeerTransport transport) {
        this.peers = peers;
        this.transport = transport;
    }

    /** {@code message} is built only if there is someone to send it to (a lone node pays nothing). */
    void send(Supplier<? extends Request<?>> message, PeerAddress except) {
        List<PeerAddress> to = peers.healthy().stream().filter(p -> !p.equals(except)).toList();
        if (to.isEmpty()) {
            return;
        }
        Request<?> m = message.get();
        for (PeerAddress p : to) {
            transport.request(p, m).whenComplete((answer, failure) -> {
                if (PeerClient.unwrap(failure) instanceof PeerException e && e.kind() == PeerException.Kind.UNREACHABLE) {
                    peers.failed(p, "relay: " + e.getMessage());
                }
            });
        }
    }
}
