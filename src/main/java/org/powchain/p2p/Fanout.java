package org.powchain.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Executor;
import org.powchain.p2p.PeerStore.PeerAddress;

/**
 * Posts one message to every healthy peer but the one it came from, each on an I/O worker, so the
 * caller (a mining thread, an HTTP request) never waits on the network. A peer that cannot be
 * reached backs off; a refusal (a duplicate, a block it cannot place yet) needs nothing from us.
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

    void send(String path, JsonNode body, PeerAddress except) {
        for (PeerAddress p : peers.healthy()) {
            if (!p.equals(except)) {
                io.execute(() -> post(p, path, body));
            }
        }
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
