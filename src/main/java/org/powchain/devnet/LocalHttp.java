package org.powchain.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to a loopback port: how the devnet talks to its nodes, and its subcommands to it. */
final class LocalHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(180)) // a snapshot restarts every node
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A POST of {@code body} as JSON: a signed transaction, a block handed to a node as a user hands it. */
    static Reply post(int port, String pathAndQuery, JsonNode body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Reply(r.statusCode(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {@code get} that fails unless the answer is 2xx. */
    static JsonNode getOk(int port, String pathAndQuery) throws IOException {
        Reply r = get(port, pathAndQuery);
        if (!r.ok()) {
            throw new IOException("GET " + pathAndQuery + " on port " + port + " answered " + r.status() + ": " + r.json());
        }
        return r.json();
    }
}
