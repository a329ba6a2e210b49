package org.powchain.light;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.p2p.GetHeaders;
import org.powchain.p2p.MalformedMessage;

/**
 * One node a light client asks, over the node's public HTTP routes: headers after a locator (the
 * same {@code /p2p/headers} message and codec full nodes use to sync), an address's transactions
 * ({@code /api/v1/accounts/{address}}), and a transaction's Merkle proof
 * ({@code /api/v1/transactions/{id}/proof}). Nothing it answers is believed unchecked.
 */
public final class NodeSource {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String name;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public NodeSource(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!u.contains("://")) {
            u = "http://" + u;
        }
        this.base = URI.create(u);
        if (base.getHost() == null) {
            throw new IllegalArgumentException("--node must be a URL like http://localhost:5000, got " + url);
        }
        this.name = u;
    }

    /** An answer no honest node gives: not the shape the route answers, or a header whose hash is not its own. */
    public static final class BadAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        BadAnswer(String message) {
            super(message);
        }
    }

    /** How the node is named in reports: its URL. */
    public String name() {
        return name;
    }

    public GetHeaders.Headers headers(List<Hash> locator, int max) throws IOException {
        GetHeaders request = new GetHeaders(locator, max);
        JsonNode json = get(request.path() + request.query()).orElseThrow(() ->
                new IOException(name + " has no /p2p/headers"));
        try {
            return request.decodeAnswer(json, null); // headers carry no transactions: no ledger model's format needed
        } catch (MalformedMessage e) {
            throw new BadAnswer("sent malformed headers: " + e.getMessage());
        }
    }

    /** The node's own summary ({@code /api/v1/node}): its height and tip, as it claims them. */
    public JsonNode summary() throws IOException {
        return get("/api/v1/node").orElseThrow(() -> new IOException(name + " has no /api/v1/node"));
    }

    /** The account's JSON: {@code recent} main-chain transactions (newest first) and {@code pending} ones. */
    public JsonNode account(Address address) throws IOException {
        return get("/api/v1/accounts/" + address.toHex()).orElseThrow(() ->
                new IOException(name + " does not know /api/v1/accounts"));
    }

    /** The proof JSON, or empty when the node has none (pending or not on its main chain). */
    public Optional<JsonNode> proof(Hash txid) throws IOException {
        return get("/api/v1/transactions/" + txid.toHex() + "/proof");
    }

    private Optional<JsonNode> get(String pathAndQuery) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + name, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot reach " + name + " (" + e.getClass().getSimpleName() + ")", e);
        }
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() >= 400) {
            throw new IOException(name + pathAndQuery.split("\\?")[0] + " answered HTTP " + r.statusCode());
        }
        try {
            return Optional.of(MAPPER.readTree(r.body()));
        } catch (IOException e) {
            throw new IOException(name + " did not answer JSON", e);
        }
    }
}
