package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.node.NodeConfig;

/** {@code /p2p/faults}: set, read and cleared on a node started with {@code --link-faults}; absent without it. */
@Tag("http")
class LinkFaultRoutesTest {
    @Test
    void setsReadsAndClearsTheFaultsOnAPeer() {
        try (TestNode n = new TestNode(NodeConfig.forTests("faulty"), true)) {
            TestNode.Reply set = post(n, "/p2p/faults?peer=127.0.0.1:5001&delayMs=300&loss=0.25");

            assertThat(set.status()).isEqualTo(200);
            assertThat(n.get("/p2p/faults").json().path("127.0.0.1:5001").path("delayMillis").asLong()).isEqualTo(300);
            assertThat(n.get("/p2p/faults").json().path("127.0.0.1:5001").path("loss").asDouble()).isEqualTo(0.25);
            assertThat(n.node().linkFaults().all()).containsKey("127.0.0.1:5001");

            assertThat(n.send(HttpRequest.newBuilder(URI.create(n.baseUrl() + "/p2p/faults")).DELETE()).status()).isEqualTo(200);
            assertThat(n.node().linkFaults().all()).isEmpty();
        }
    }

    @Test
    void badValuesAreA400NamingTheProblemAndChangeNothing() {
        try (TestNode n = new TestNode(NodeConfig.forTests("faulty"), true)) {
            TestNode.Reply loss = post(n, "/p2p/faults?peer=127.0.0.1:5001&loss=2");
            TestNode.Reply notANumber = post(n, "/p2p/faults?peer=127.0.0.1:5001&loss=lots");
            TestNode.Reply peer = post(n, "/p2p/faults?peer=nowhere&loss=1");

            assertThat(loss.status()).isEqualTo(400);
            assertThat(loss.json().path("error").asText()).isEqualTo("bad-loss");
            assertThat(notANumber.json().path("error").asText()).isEqualTo("bad-loss");
            assertThat(peer.status()).isEqualTo(400);
            assertThat(peer.json().path("error").asText()).isEqualTo("bad-peer");
            assertThat(n.node().linkFaults().all()).isEmpty();
        }
    }

    @Test
    void aNodeStartedWithoutTheFlagHasNoSuchRoute() {
        try (TestNode n = TestNode.start("plain")) {
            assertThat(post(n, "/p2p/faults?peer=127.0.0.1:5001&loss=1").status()).isEqualTo(404);
        }
    }

    private static TestNode.Reply post(TestNode n, String pathAndQuery) {
        return n.send(HttpRequest.newBuilder(URI.create(n.baseUrl() + pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()));
    }
}
