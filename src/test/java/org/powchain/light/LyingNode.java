package org.powchain.light;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.wire.WireFormat;

/**
 * A node that lies to light clients: it passes an honest node's answers on, bent by what the
 * test sets, or serves a header chain of its own. Loopback, ephemeral port.
 */
final class LyingNode implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String honest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Javalin app;
    /** Its own header chain from genesis, or null to pass the honest node's headers on. */
    volatile List<BlockHeader> ownHeaders;
    volatile UnaryOperator<JsonNode> bendAccount = UnaryOperator.identity();
    volatile UnaryOperator<JsonNode> bendProof = UnaryOperator.identity();
    /** Proofs it makes up for transactions the honest node has none for, by txid. */
    volatile Map<String, JsonNode> extraProofs = Map.of();

    LyingNode(String honestBaseUrl) {
        this.honest = honestBaseUrl;
        this.app = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/p2p/headers", this::headers)
                .get("/api/v1/node", ctx -> pass(ctx, UnaryOperator.identity()))
                .get("/api/v1/accounts/{id}", ctx -> pass(ctx, bendAccount))
                .get("/api/v1/transactions/{id}/proof", ctx -> {
                    JsonNode made = extraProofs.get(ctx.pathParam("id"));
                    if (made != null) {
                        ctx.contentType("application/json").result(made.toString());
                    } else {
                        pass(ctx, bendProof);
                    }
                })
                .start("127.0.0.1", 0);
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    private void headers(Context ctx) throws Exception {
        List<BlockHeader> own = ownHeaders;
        if (own == null) {
            pass(ctx, UnaryOperator.identity());
            return;
        }
        int max = Integer.parseInt(ctx.queryParam("max"));
        List<Hash> hashes = new ArrayList<>();
        own.forEach(h -> hashes.add(h.hash()));
        int start = 0;
        for (String hex : ctx.queryParam("locator").split(",")) {
            int at = hashes.indexOf(Hash.fromHex(hex));
            if (at >= 0) {
                start = at + 1;
                break;
            }
        }
        ArrayNode out = MAPPER.createArrayNode();
        for (int i = start; i < own.size() && out.size() < max; i++) {
            out.add(WireFormat.header(own.get(i), i));
        }
        ctx.contentType("application/json").result(out.toString());
    }

    private void pass(Context ctx, UnaryOperator<JsonNode> bend) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(honest + ctx.path()
                        + (ctx.queryString() == null ? "" : "?" + ctx.queryString()))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        ctx.status(r.statusCode()).contentType("application/json");
        ctx.result(r.statusCode() == 200 ? bend.apply(MAPPER.readTree(r.body())).toString() : r.body());
    }

    @Override
    public void close() {
        app.stop();
    }
}
