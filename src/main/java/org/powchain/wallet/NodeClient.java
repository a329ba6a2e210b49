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
import java.util.LinkedHashMap;
import java.util.Map;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.Ledgers;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.Transaction;
import org.powchain.core.TxOutput;
import org.powchain.core.UnspentOutput;

/**
 * What a wallet asks a node, over the node's public HTTP API: an account's balance and next nonce,
 * and "please relay this signed transaction". The private key never leaves the wallet; only the
 * signed transaction does.
 */
public final class NodeClient {
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

    /** The network a node is on and the ledger model it runs: what the wallet signs for, and how. */
    public record Network(NetworkId id, Ledger ledger) {}

    public NodeClient(String nodeUrl) {
        String url = nodeUrl.endsWith("/") ? nodeUrl.substring(0, nodeUrl.length() - 1) : nodeUrl;
        this.base = URI.create(url);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("--node must be a URL like http://localhost:5000, got " + nodeUrl);
        }
    }

    /** The network the node is on: what a transaction must be signed for to be valid there. */
    public NetworkId network() throws IOException {
        return node().id();
    }

    /** The network the node is on and its ledger model ({@code account} if it does not say: it predates the choice). */
    public Network node() throws IOException {
        JsonNode summary = send(get("/api/v1/node"));
        String hex = summary.path("network").asText("");
        NetworkId id;
        try {
            id = NetworkId.fromHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IOException(base + " did not say which network it is on (is it a powchain node?)", e);
        }
        String model = summary.path("ledger").asText(Ledgers.DEFAULT.name());
        return new Network(id, Ledgers.named(model).orElseThrow(() -> new IOException(base + " runs the ledger model '"
                + model + "', which this wallet does not know")));
    }

    /** An output the node says {@code address} may spend: unspent, matured, and not spent by a pending transaction. */
    public Map<OutPoint, UnspentOutput> spendable(Address address) throws IOException {
        JsonNode json = send(get("/api/v1/utxos?address=" + address.toHex()));
        Map<OutPoint, UnspentOutput> out = new LinkedHashMap<>();
        for (JsonNode u : json.path("utxos")) {
            if (!u.path("mature").asBoolean(false) || !u.path("pendingSpend").isNull()) {
                continue;
            }
            try {
                OutPoint o = OutPoint.parse(u.path("outpoint").asText());
                Address owner = Address.fromHex(u.path("owner").asText());
                if (!owner.equals(address)) {
                    throw new IOException(base + " listed " + o + " of " + owner + " among the outputs of " + address);
                }
                out.put(o, new UnspentOutput(new TxOutput(u.path("amount").asLong(), owner), u.path("height").asInt(),
                        u.path("coinbase").asBoolean()));
            } catch (IllegalArgumentException e) {
                throw new IOException(base + " listed an output that is not one: " + u, e);
            }
        }
        return out;
    }

    public Account account(Address address) throws IOException {
        JsonNode json = send(get("/api/v1/accounts/" + address.toHex()));
        return new Account(json.path("balance").asLong(), json.path("nonce").asLong(), json.path("nextNonce").asLong());
    }

    /** Posts a signed transaction of the account model; answers the node's JSON for it (with its {@code id}). */
    public JsonNode submit(AccountTransaction tx) throws IOException {
        return submit(tx, Ledgers.DEFAULT);
    }

    /** Posts a signed transaction of {@code model}; answers the node's JSON for it (with its {@code id}). */
    public JsonNode submit(Transaction tx, Ledger model) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve("/api/v1/transactions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(tx, model).toString())));
    }

    /** The JSON a node accepts for a signed account-model transaction: the model's codec, as peers send it. */
    public static ObjectNode json(AccountTransaction tx) {
        return json(tx, Ledgers.DEFAULT);
    }

    /**
     * The JSON a node accepts for {@code tx}: {@code model}'s codec, as peers send it. The wallet
     * writes transactions and never parses blocks, so no block limit applies.
     */
    public static ObjectNode json(Transaction tx, Ledger model) {
        return new WireFormat(model.codec(), 0).tx(tx);
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
