package org.powchain.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.powchain.p2p.WireFormat;
import org.powchain.consensus.AccountLedger;
import org.powchain.core.Address;
import org.powchain.core.NetworkId;
import org.powchain.core.AccountTransaction;

/**
 * What a wallet asks a node, over the node's public HTTP API: an account's balance and next nonce,
 * and "please relay this signed transaction". The private key never leaves the wallet; only the
 * signed transaction does.
 */
public final class NodeClient {
    /** The wallet signs account-model transfers; it writes them, never parses blocks, so no block limit applies. */
    private static final WireFormat TRANSFERS = new WireFormat(AccountLedger.INSTANCE.codec(), 0);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A node's refusal: its HTTP status and its {@code {"error","detail"}} answer. */
    public static final class Refused extends IOException {
        private final int status;
        private final String error;

        Refused(int status, String error, String detail) {
            super(error + ": " + detail + " (HTTP " + status + ")");
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    /** An account as the node sees it; {@code nextNonce} counts the sender's transactions still in the mempool. */
    public record Account(long balance, long nonce, long nextNonce) {}

    public NodeClient(String nodeUrl) {
        String url = nodeUrl.endsWith("/") ? nodeUrl.substring(0, nodeUrl.length() - 1) : nodeUrl;
        this.base = URI.create(url);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("--node must be a URL like http://localhost:5000, got " + nodeUrl);
        }
    }

    /** The network the node is on: what a transaction must be signed for to be valid there. */
    public NetworkId network() throws IOException {
        String hex = send(get("/api/v1/node")).path("network").asText("");
        try {
            return NetworkId.fromHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IOException(base + " did not say which network it is on (is it a powchain node?)", e);
        }
    }

    public Account account(Address address) throws IOException {
        JsonNode json = send(get("/api/v1/accounts/" + address.toHex()));
        return new Account(json.path("balance").asLong(), json.path("nonce").asLong(), json.path("nextNonce").asLong());
    }

    /** Posts a signed transaction; answers the node's JSON for it (with its {@code id}). */
    public JsonNode submit(AccountTransaction tx) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve("/api/v1/transactions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(tx).toString())));
    }

    /** The JSON a node accepts for a signed transaction: the ledger model's codec, as peers send it. */
    public static ObjectNode json(AccountTransaction tx) {
        return TRANSFERS.tx(tx);
    }

    private HttpRequest.Builder get(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET();
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + base, e);
        } catch (IOException e) {
            throw new IOException("cannot reach the node at " + base + " (" + e.getClass().getSimpleName() + ")", e);
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(base + " did not answer JSON (HTTP " + response.statusCode() + ")", e);
        }
        if (response.statusCode() >= 400) {
            throw new Refused(response.statusCode(), json.path("error").asText("error"), json.path("detail").asText(""));
        }
        return json;
    }
}
