package org.powchain.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import org.powchain.client.NodeClient;

/**
 * JSON over HTTP to a loopback port: how the devnet talks to its nodes, and its subcommands to it,
 * through the {@link NodeClient} every program shares.
 */
final class LocalHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(180); // a snapshot restarts every node

    record Reply(int status, JsonNode json) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private LocalHttp() {}

    static Reply get(int port, String pathAndQuery) throws IOException {
        return send(port, "GET", pathAndQuery);
    }

    static Reply post(int port, String pathAndQuery) throws IOException {
        return send(port, "POST", pathAndQuery);
    }

    static Reply send(int port, String method, String pathAndQuery) throws IOException {
        NodeClient.Reply r = node(port).send(method, pathAndQuery);
        return new Reply(r.status(), r.json());
    }

    /** A POST of {@code body} as JSON: a signed transaction, a block handed to a node as a user hands it. */
    static Reply post(int port, String pathAndQuery, JsonNode body) throws IOException {
        NodeClient.Reply r = node(port).withTimeout(Duration.ofSeconds(60)).post(pathAndQuery, body);
        return new Reply(r.status(), r.json());
    }

    /** {@code get} that fails unless the answer is 2xx, with a {@link NodeClient.Refused} naming the problem. */
    static JsonNode getOk(int port, String pathAndQuery) throws IOException {
        return node(port).get(pathAndQuery);
    }

    private static NodeClient node(int port) {
        return NodeClient.local(port).withTimeout(TIMEOUT);
    }
}
