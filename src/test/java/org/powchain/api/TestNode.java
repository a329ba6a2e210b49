package org.powchain.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;

/** A real node with its HTTP server on a free loopback port, and a small client for it. */
public final class TestNode implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Node node;
    private final ApiServer api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Reply(int status, JsonNode json, String body) {}

    public TestNode(NodeConfig config) {
        this(config, false);
    }

    /** @param linkFaults as {@code --link-faults}: mounts {@code /p2p/faults} */
    public TestNode(NodeConfig config, boolean linkFaults) {
        this.node = new Node(config);
        this.api = new ApiServer(node);
        if (linkFaults) {
            api.withLinkFaultRoutes();
        }
        node.start();
        api.start();
    }

    public static TestNode start(String id) {
        return new TestNode(NodeConfig.forTests(id));
    }

    public Node node() {
        return node;
    }

    public String baseUrl() {
        return api.baseUrl();
    }

    public Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).GET());
    }

    public Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = MAPPER.readTree(r.body());
            } catch (IOException notJson) {
                // left null: the test asserts on the body
            }
            return new Reply(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        api.close();
        node.close();
    }
}
