package org.powchain.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.Ledgers;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.Transaction;
import org.powchain.core.TxOutput;
import org.powchain.core.UnspentOutput;
import org.powchain.wire.GetHeaders;
import org.powchain.wire.MalformedMessage;
import org.powchain.wire.WireFormat;

/**
 * A node as another program sees it: its HTTP routes as typed calls. The wallet, the light client,
 * the devnet and the benchmarks all talk to nodes through this one class.
 *
 * <p>Why {@code client.NodeClient}: it is where a reader looks for "how does the wallet talk to a
 * node", and it is neither of its neighbours, as btcd keeps {@code rpcclient} apart from
 * {@code wire}: {@code wire} is what is said (the messages and {@code WireFormat}; headers come
 * back as the {@code GetHeaders} message full nodes sync with, transactions go out in the JSON peers
 * relay), {@code api} is the node's side of these routes, and this is the other side. Nodes talk to
 * each other through {@code p2p}'s {@code PeerClient}, a different conversation (a deadline and a
 * size limit on every answer of a possibly hostile peer, which it scores), sharing only how the
 * JDK's client is built ({@link HttpClients}). So the programs built on this class import no
 * {@code p2p} ({@code PackageRulesTest}).
 *
 * <p>Every answer passes one place, {@code answer}: a 2xx is the node's JSON; any other status is
 * a {@link Refused} naming the node's {@code error} code and {@code detail}, the status and the
 * route. A node that cannot be reached is an {@link IOException} naming it; an answer no honest
 * node gives (a header whose hash is not its own) is a {@link BadAnswer}.
 *
 * <p>Cheap to make: the HTTP client under it is the process's one, built at the first request
 * ({@link HttpClients#shared()}).
 */
public final class NodeClient {
    /** How long a request may take, answer included, unless {@link #withTimeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String name;
    private final Duration timeout;

    /** @param url the node, as {@code http://host:port} or {@code host:port} */
    public NodeClient(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!u.contains("://")) {
            u = "http://" + u;
        }
        this.base = URI.create(u);
        if (base.getHost() == null) {
            throw new IllegalArgumentException("--node must be a URL like http://localhost:5000, got " + url);
        }
        this.name = u;
        this.timeout = DEFAULT_TIMEOUT;
    }

    private NodeClient(URI base, String name, Duration timeout) {
        this.base = base;
        this.name = name;
        this.timeout = timeout;
    }

    /** The node on this machine's loopback {@code port}. */
    public static NodeClient local(int port) {
        return new NodeClient("http://127.0.0.1:" + port);
    }

    /** This node, with {@code timeout} for each request and its answer. */
    public NodeClient withTimeout(Duration timeout) {
        return new NodeClient(base, name, timeout);
    }

    /** How the node is named in messages and reports: its URL. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- what goes wrong ----

    /** The node answered with a status other than 2xx: its {@code {"error","detail"}}, the status and the route. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String error;
        private final String detail;

        Refused(int status, String error, String detail, String route) {
            super(error + ": " + detail + " (HTTP " + status + ", " + route + ")");
            this.status = status;
            this.error = error;
            this.detail = detail;
        }

        public int status() {
            return status;
        }

        /** The node's code for the problem, e.g. {@code insufficient-funds}; {@code http-502} when it gave none. */
        public String error() {
            return error;
        }

        public String detail() {
            return detail;
        }
    }

    /** An answer no honest node gives: not the shape the route answers, or a header whose hash is not its own. */
    public static final class BadAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        BadAnswer(String message) {
            super(message);
        }

        BadAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---- typed calls ----

    /** What {@code /api/v1/node} says of the node; {@link #json()} has every field, the accessors the ones read here. */
    public record Summary(JsonNode json) {
        public int height() {
            return json.path("height").asInt();
        }

        /** The tip the node claims ({@link Hash#ZERO} if it names none); {@link IllegalArgumentException} if it is not a hash. */
        public Hash tip() {
            return Hash.fromHex(json.path("tip").asText(Hash.ZERO.toHex()));
        }
    }

    /** The network a node is on and the ledger model it runs: what a wallet signs for, and how. */
    public record Network(NetworkId id, Ledger ledger) {}

    /**
     * An account as the node sees it. {@code nextNonce} counts the sender's transactions still in the
     * mempool; {@code recent} (main chain, newest first) and {@code pending} are the transactions
     * touching it, in the ledger model's JSON, unchecked: a light client verifies each itself.
     */
    public record Account(long balance, long nonce, long nextNonce, List<JsonNode> recent, List<JsonNode> pending) {}

    /** {@code GET /api/v1/node}. */
    public Summary summary() throws IOException {
        return new Summary(get("/api/v1/node"));
    }

    /** The network the node is on and its ledger model ({@code account} if it does not say: it predates the choice). */
    public Network network() throws IOException {
        JsonNode summary = summary().json();
        NetworkId id;
        try {
            id = NetworkId.fromHex(summary.path("network").asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadAnswer(name + " did not say which network it is on (is it a powchain node?)", e);
        }
        String model = summary.path("ledger").asText(Ledgers.DEFAULT.name());
        return new Network(id, Ledgers.named(model).orElseThrow(() -> new IOException(name + " runs the ledger model '"
                + model + "', which this client does not know")));
    }

    /** {@code GET /api/v1/accounts/{address}}: balance, nonces and the transactions touching it. */
    public Account account(Address address) throws IOException {
        JsonNode json = get("/api/v1/accounts/" + address.toHex());
        return new Account(json.path("balance").asLong(), json.path("nonce").asLong(), json.path("nextNonce").asLong(),
                elements(json.path("recent")), elements(json.path("pending")));
    }

    /** The outputs the node says {@code address} may spend: unspent, matured, and not spent by a pending transaction. */
    public Map<OutPoint, UnspentOutput> spendable(Address address) throws IOException {
        JsonNode json = get("/api/v1/utxos?address=" + address.toHex());
        Map<OutPoint, UnspentOutput> out = new LinkedHashMap<>();
        for (JsonNode u : json.path("utxos")) {
            if (!u.path("mature").asBoolean(false) || !u.path("pendingSpend").isNull()) {
                continue;
            }
            try {
                OutPoint o = OutPoint.parse(u.path("outpoint").asText());
                Address owner = Address.fromHex(u.path("owner").asText());
                if (!owner.equals(address)) {
                    throw new BadAnswer(name + " listed " + o + " of " + owner + " among the outputs of " + address);
                }
                out.put(o, new UnspentOutput(new TxOutput(u.path("amount").asLong(), owner), u.path("height").asInt(),
                        u.path("coinbase").asBoolean()));
            } catch (IllegalArgumentException e) {
                throw new BadAnswer(name + " listed an output that is not one: " + u, e);
            }
        }
        return out;
    }

    /** Posts a signed transaction of the account model; answers the node's JSON for it (with its {@code id}). */
    public JsonNode submit(AccountTransaction tx) throws IOException {
        return submit(tx, Ledgers.DEFAULT);
    }

    /** {@code POST /api/v1/transactions}: a signed transaction of {@code model}; answers the node's JSON for it (with its {@code id}). */
    public JsonNode submit(Transaction tx, Ledger model) throws IOException {
        String path = "/api/v1/transactions";
        return answer("POST " + path, request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(tx, model).toString())));
    }

    /**
     * {@code GET /p2p/headers}: the node's main-chain headers after the first locator block it has, as
     * full nodes sync them ({@link GetHeaders}); each header's hash checked against its bytes.
     */
    public GetHeaders.Headers headers(List<Hash> locator, int max) throws IOException {
        GetHeaders request = new GetHeaders(locator, max);
        JsonNode json = get(request.path() + request.query());
        try {
            return request.decodeAnswer(json, null); // headers carry no transactions: no ledger model's format needed
        } catch (MalformedMessage e) {
            throw new BadAnswer("sent malformed headers: " + e.getMessage());
        }
    }

    /** {@code GET /api/v1/transactions/{id}/proof}: the Merkle proof's JSON, or empty when the node has none (pending, or not on its main chain). */
    public Optional<JsonNode> proof(Hash txid) throws IOException {
        try {
            return Optional.of(get("/api/v1/transactions/" + txid.toHex() + "/proof"));
        } catch (Refused r) {
            if (r.status() == 404) {
                return Optional.empty();
            }
            throw r;
        }
    }

    /** The JSON a node accepts for a signed account-model transaction: the model's codec, as peers send it. */
    public static ObjectNode json(AccountTransaction tx) {
        return json(tx, Ledgers.DEFAULT);
    }

    /**
     * The JSON a node accepts for {@code tx}: {@code model}'s codec, as peers send it. A client writes
     * transactions and never parses blocks, so no block limit applies.
     */
    public static ObjectNode json(Transaction tx, Ledger model) {
        return new WireFormat(model.codec(), 0).tx(tx);
    }

    // ---- any route ----

    /** {@code GET} a route no typed call covers: the node's JSON, or a {@link Refused}. */
    public JsonNode get(String pathAndQuery) throws IOException {
        return answer("GET " + pathOf(pathAndQuery), request(pathAndQuery).GET());
    }

    /** An answer whatever its status, for a caller that reads refusals itself; {@code json} is null JSON for an empty body. */
    public record Reply(int status, JsonNode json) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** {@code method} (without a body) on a route, the answer whatever its status. */
    public Reply send(String method, String pathAndQuery) throws IOException {
        return reply(exchange(request(pathAndQuery).method(method, HttpRequest.BodyPublishers.noBody())));
    }

    /** A POST of {@code body} as JSON on a route (a block handed to a node as a user hands it), the answer whatever its status. */
    public Reply post(String pathAndQuery, JsonNode body) throws IOException {
        return reply(exchange(request(pathAndQuery).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
    }

    private Reply reply(HttpResponse<String> r) throws IOException {
        return new Reply(r.statusCode(), r.body().isEmpty() ? WireFormat.mapper().nullNode() : parse(r));
    }

    /** The status of {@code GET pathAndQuery}, the answer read and dropped: for readiness polls and load generators. */
    public int status(String pathAndQuery) throws IOException {
        return exchange(request(pathAndQuery).GET()).statusCode();
    }

    // ---- the one way a request goes out and its answer comes back ----

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout).header("Accept", "application/json");
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) throws IOException {
        try {
            return HttpClients.shared(base).send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + name, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot reach the node at " + name + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The answer's JSON if 2xx, else the node's refusal, named. */
    private JsonNode answer(String route, HttpRequest.Builder request) throws IOException {
        HttpResponse<String> r = exchange(request);
        if (r.statusCode() / 100 != 2) {
            JsonNode error = parseOrNull(r.body());
            String detail = error != null && error.has("detail") ? error.path("detail").asText()
                    : r.body().isBlank() ? "no detail" : abbreviate(r.body().strip());
            throw new Refused(r.statusCode(), error == null ? "http-" + r.statusCode()
                    : error.path("error").asText("http-" + r.statusCode()), detail, route);
        }
        return parse(r);
    }

    private JsonNode parse(HttpResponse<String> r) throws IOException {
        JsonNode json = parseOrNull(r.body());
        if (json == null) {
            throw new IOException(name + " did not answer JSON (HTTP " + r.statusCode() + ")");
        }
        return json;
    }

    private static JsonNode parseOrNull(String body) {
        try {
            return WireFormat.parseJson(body);
        } catch (MalformedMessage e) {
            return null;
        }
    }

    private static List<JsonNode> elements(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    private static String pathOf(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
