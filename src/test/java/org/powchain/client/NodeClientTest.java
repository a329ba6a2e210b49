package org.powchain.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;

/**
 * The one client of a node's routes, against a stand-in server that answers what a test tells it:
 * every refusal names the node's error code, its detail, the status and the route, whatever the
 * route; the shapes no honest node sends are {@link NodeClient.BadAnswer}s.
 */
@Tag("http")
class NodeClientTest {
    private record Canned(int status, String body) {}

    private final Map<String, Canned> answers = new ConcurrentHashMap<>();
    private HttpServer server;
    private NodeClient node;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Canned c = answers.getOrDefault(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new Canned(404, "{\"error\":\"not-found\",\"detail\":\"no route " + exchange.getRequestURI().getPath() + "\"}"));
            byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(c.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        node = NodeClient.local(server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRefusalNamesTheNodesErrorItsDetailTheStatusAndTheRoute() {
        answers.put("POST /api/v1/transactions", new Canned(422,
                "{\"error\":\"insufficient-funds\",\"detail\":\"insufficient funds: balance 0, needs 5\"}"));
        AccountTransaction tx = AccountTransaction.signed(NetworkId.NONE, Keys.demo("A"), Keys.demo("B").address(), 5, 0, 0);
        assertThatThrownBy(() -> node.submit(tx))
                .isInstanceOfSatisfying(NodeClient.Refused.class, r -> {
                    assertThat(r.status()).isEqualTo(422);
                    assertThat(r.error()).isEqualTo("insufficient-funds");
                    assertThat(r.detail()).isEqualTo("insufficient funds: balance 0, needs 5");
                })
                .hasMessage("insufficient-funds: insufficient funds: balance 0, needs 5 (HTTP 422, POST /api/v1/transactions)");
    }

    @Test
    void aRefusalWithoutJsonIsNamedByItsStatus() {
        answers.put("GET /api/v1/node", new Canned(502, "<html>Bad Gateway</html>"));
        assertThatThrownBy(() -> node.summary())
                .isInstanceOfSatisfying(NodeClient.Refused.class, r -> assertThat(r.error()).isEqualTo("http-502"))
                .hasMessage("http-502: <html>Bad Gateway</html> (HTTP 502, GET /api/v1/node)");
    }

    @Test
    void theSummaryTheNetworkAndItsLedgerModel() throws IOException {
        NetworkId id = new NetworkId(0x78d3c45a8a9071b9L);
        Hash tip = Hash.of(new byte[Hash.SIZE]);
        answers.put("GET /api/v1/node", new Canned(200, "{\"network\":\"" + id + "\",\"ledger\":\"utxo\",\"height\":3,"
                + "\"tip\":\"" + tip.toHex() + "\",\"peers\":2}"));
        assertThat(node.summary().height()).isEqualTo(3);
        assertThat(node.summary().tip()).isEqualTo(tip);
        assertThat(node.summary().json().path("peers").asInt()).isEqualTo(2);
        assertThat(node.network().id()).isEqualTo(id);
        assertThat(node.network().ledger()).isInstanceOf(UtxoLedger.class);

        answers.put("GET /api/v1/node", new Canned(200, "{\"height\":3}"));
        assertThatThrownBy(() -> node.network()).isInstanceOf(NodeClient.BadAnswer.class)
                .hasMessageContaining("did not say which network it is on");
    }

    @Test
    void anAccountWithTheTransactionsTouchingIt() throws IOException {
        Address a = Keys.demo("A").address();
        answers.put("GET /api/v1/accounts/" + a.toHex(), new Canned(200, "{\"balance\":950,\"nonce\":1,\"nextNonce\":2,"
                + "\"recent\":[{\"id\":\"r1\"}],\"pending\":[{\"id\":\"p1\"},{\"id\":\"p2\"}]}"));
        NodeClient.Account account = node.account(a);
        assertThat(List.of(account.balance(), account.nonce(), account.nextNonce())).containsExactly(950L, 1L, 2L);
        assertThat(account.recent()).hasSize(1);
        assertThat(account.pending()).extracting(j -> j.path("id").asText()).containsExactly("p1", "p2");
    }

    @Test
    void noProofIsEmptyAndAMalformedHeaderIsABadAnswer() throws IOException {
        Hash txid = Hash.of(new byte[Hash.SIZE]);
        assertThat(node.proof(txid)).isEmpty(); // 404: pending, or on no main chain

        answers.put("GET /p2p/headers", new Canned(200, "[{\"hash\":\"00\",\"height\":1,\"headerHex\":\"abcd\"}]"));
        assertThatThrownBy(() -> node.headers(List.of(txid), 10)).isInstanceOf(NodeClient.BadAnswer.class)
                .hasMessageStartingWith("sent malformed headers: ");
        answers.put("GET /p2p/headers", new Canned(200, "[]"));
        assertThat(node.headers(List.of(txid), 10).headers()).isEmpty();
    }

    @Test
    void anAnswerThatIsNotJsonIsAnErrorButNotALie() {
        answers.put("GET /api/v1/node", new Canned(200, "hello"));
        assertThatThrownBy(() -> node.summary()).isInstanceOf(IOException.class)
                .isNotInstanceOf(NodeClient.BadAnswer.class).hasMessageContaining("did not answer JSON (HTTP 200)");
    }

    @Test
    void sendGivesTheAnswerWhateverItsStatus() throws IOException {
        answers.put("DELETE /p2p/faults", new Canned(200, ""));
        assertThat(node.send("DELETE", "/p2p/faults")).isEqualTo(new NodeClient.Reply(200, com.fasterxml.jackson.databind.node.NullNode.getInstance()));
        NodeClient.Reply missing = node.send("GET", "/nowhere");
        assertThat(missing.ok()).isFalse();
        assertThat(missing.json().path("error").asText()).isEqualTo("not-found");
        assertThat(node.status("/nowhere")).isEqualTo(404);
    }

    @Test
    void anUnreachableNodeIsNamed() {
        assertThatThrownBy(() -> new NodeClient("http://127.0.0.1:1").withTimeout(Duration.ofSeconds(5)).summary())
                .isInstanceOf(IOException.class).isNotInstanceOf(NodeClient.Refused.class)
                .hasMessageStartingWith("cannot reach the node at http://127.0.0.1:1 (");
    }

    @Test
    void aNodeIsAUrlOrHostAndPort() {
        assertThat(new NodeClient("localhost:5000").name()).isEqualTo("http://localhost:5000");
        assertThat(new NodeClient("http://127.0.0.1:5000/").name()).isEqualTo("http://127.0.0.1:5000");
        assertThatThrownBy(() -> new NodeClient("http:///x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--node must be a URL like http://localhost:5000, got http:///x");
    }

    @Test
    void theHttpClientIsBuiltAtItsFirstUseOnlyAndSpeaksHttp11() {
        HttpClients.Lazy lazy = (HttpClients.Lazy) HttpClients.lazy(Duration.ofMillis(1_500));
        assertThat(lazy.built()).isFalse();
        HttpClient first = lazy.get();
        assertThat(lazy.built()).isTrue();
        assertThat(lazy.get()).isSameAs(first);
        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(first.connectTimeout()).contains(Duration.ofMillis(1_500));
    }

    @Test
    void plainHttpClientsDoNotLoadTheJdksTlsDefaultsAndRefuseTls() throws Exception {
        HttpClient plain = HttpClients.lazy(Duration.ofSeconds(2)).get();
        assertThat(plain.sslContext()).isSameAs(HttpClients.PLAIN_HTTP);
        answers.put("GET /getlastblock", new Canned(200, "{\"index\":0}"));
        HttpResponse<String> ok = plain.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/getlastblock")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.body()).isEqualTo("{\"index\":0}");
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/getlastblock")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .hasStackTraceContaining("this client speaks plain HTTP only");
    }

    @Test
    void aNodeClientUsesTheJdksTlsForAnHttpsNodeAndPlainHttpOtherwise() {
        assertThat(HttpClients.shared(URI.create("http://localhost:5000")).sslContext())
                .isSameAs(HttpClients.PLAIN_HTTP);
        assertThat(HttpClients.shared(URI.create("HTTPS://node.example:443")).sslContext())
                .isNotSameAs(HttpClients.PLAIN_HTTP);
    }
}
