package org.powchain.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.powchain.node.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP face: the original's routes, the explorer page at {@code /} (static files under
 * {@code /static}), the REST API and its live stream under {@code /api/v1}, the peer routes,
 * {@code /metrics}, and JSON errors for every mistake a caller can make. Never a stack trace: an unexpected exception is logged
 * here and answered as a 500 with no internals.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final String ERROR_WRITTEN = "powchain.error-written";

    private final Node node;
    private final Javalin app;
    private final EventStream events;
    private final TxIndex txIndex;

    /** A server whose operator routes answer loopback only. */
    public ApiServer(Node node) {
        this(node, OperatorAccess.loopbackOnly());
    }

    /** @param operators who may call the routes that change what the node does ({@code /mine}...) */
    public ApiServer(Node node, OperatorAccess operators) {
        this.node = node;
        ObjectMapper mapper = new ObjectMapper();
        JsonCodec json = new JsonCodec(node.wire(), a -> node.accounts().nameOf(a).orElse(null));
        NodeSummary summary = new NodeSummary(node);
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.http.maxRequestSize = node.queries().params().maxBlockBytes() * 4L; // JSON is ~3x the binary size
            cfg.router.ignoreTrailingSlashes = true;
            cfg.http.prefer405over404 = true; // a known path with the wrong method says so
            // Errors Jetty answers before any route runs (URI too long, bad request line) get our JSON too
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(mapper)));
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/static";
                sf.directory = "/explorer";
                sf.location = Location.CLASSPATH;
            });
        });
        app.get("/", ctx -> {
            String accept = ctx.header("Accept");
            if (accept != null && accept.contains("text/html")) {
                ctx.contentType("text/html; charset=utf-8").result(page());
            } else {
                ctx.json(summary.summary());
            }
        });
        operators.register(app); // before the routes it guards
        NodeQueries queries = new NodeQueries(node, json);
        new SeedRoutes(node, json, queries).register(app);
        this.txIndex = TxIndex.on(node.chain());
        new ApiV1Routes(node, json, mapper, summary, queries, txIndex).register(app);
        new UtxoRoutes(node, queries, txIndex, UtxoRoutes.indexFor(node)).register(app);
        this.events = new EventStream(mapper, json, summary::summary);
        node.chain().addListener(events);
        node.mempool().addAdmittedListener(events::txAdmitted);
        events.register(app, ApiV1Routes.BASE + "/events");
        new MetricsRoutes(node.metrics()).register(app);
        new PeerRoutes(node, json).register(app);

        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.error(), e.detail()));
        app.exception(MethodNotAllowedResponse.class, (e, ctx) -> error(ctx, 405, "method-not-allowed",
                ctx.method() + " is not allowed on " + ctx.path() + "; it takes " + e.getDetails().get("availableMethods")));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal", "the node failed to answer; see its log");
        });
        app.error(404, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) == null) {
                error(ctx, 404, "not-found", "no route " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(413, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) == null) {
                error(ctx, 413, "too-large", "the request body is over the size limit");
            }
        });
    }

    private static void error(Context ctx, int status, String error, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        ctx.attribute(ERROR_WRITTEN, true);
        ctx.status(status).json(body);
    }

    private static String page() throws IOException {
        try (InputStream in = ApiServer.class.getResourceAsStream("/explorer/index.html")) {
            if (in == null) {
                throw new IOException("explorer/index.html is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Mounts {@code /p2p/faults} (operator only), for a node started with {@code --link-faults}. */
    public ApiServer withLinkFaultRoutes() {
        new LinkFaultRoutes(node.linkFaults()).register(app);
        return this;
    }

    public ApiServer start() {
        app.start(node.config().host(), node.config().port());
        node.network().start(port()); // peers can dial us from now on, at the port actually bound
        node.metrics().prepare(); // built once the node answers: not on the way to the first answer
        txIndex.scanInBackground(); // likewise; a lookup meanwhile waits for it
        return this;
    }

    /** The port actually bound (useful when started on port 0). */
    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://" + node.config().host() + ":" + port();
    }

    @Override
    public void close() {
        events.close(); // open streams would hold the server's shutdown up
        app.stop();
    }
}
