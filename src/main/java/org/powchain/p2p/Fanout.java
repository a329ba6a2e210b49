package org.powchain.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.powchain.p2p.PeerStore.PeerAddress;

/**
 * Posts one message to every healthy peer but the one it came from, each on an I/O worker, so the
 * caller (a mining thread, an HTTP request) never waits on the network. A peer that cannot be
 * reached backs off; a refusal (a duplicate, a block it cannot place yet) needs nothing from us.
 * When the I/O queue is full the oldest message is dropped: the periodic sync and mempool pull
 * fill such gaps, so a burst never grows memory without bound.
 */
final class Fanout {
    private final PeerStore peers;
    private final PeerClient client;
    private final Executor io;

    Fanout(PeerStore peers, PeerClient client, Executor io) {
        this.peers = peers;
        this.client = client;
        this.io = io;
    }

    /** {@code body} is built only if there is someone to send it to (a lone node pays nothing). */
    void send(String path, Supplier<JsonNode> body, PeerAddress except) {
        List<PeerAddress> to = peers.healthy().stream().filter(p -> !p.equals(except)).toList();
        if (to.isEmpty()) {
            return;
        }
        JsonNode json = body.get();
        to.forEach(p -> io.execute(() -> post(p, path, json)));
    }

    private void post(PeerAddress p, String path, JsonNode body) {
        try {
            client.post(p, path, body);
        } catch (PeerException e) {
            if (e.kind() == PeerException.Kind.UNREACHABLE) {
                peers.failed(p, "relay: " + e.getMessage());
            }
        }
    }
}
