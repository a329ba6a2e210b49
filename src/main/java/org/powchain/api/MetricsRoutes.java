package org.powchain.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.powchain.node.NodeMetrics;

/** {@code GET /metrics} in Prometheus's text format, and the timing of every HTTP request. */
final class MetricsRoutes {
    private static final String STARTED = "powchain.request-started";

    private final NodeMetrics metrics;

    MetricsRoutes(NodeMetrics metrics) {
        this.metrics = metrics;
    }

    void register(Javalin app) {
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.after(ctx -> {
            Long started = ctx.attribute(STARTED);
            String type = ctx.res().getContentType();
            // an event stream lives as long as its listener: its "latency" would drown the others
            boolean stream = type != null && type.startsWith("text/event-stream");
            if (started != null && !stream) {
                metrics.httpRequest(ctx.method().name(), route(ctx), ctx.statusCode(), System.nanoTime() - started);
            }
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    }

    /** The matched route template ({@code /api/v1/blocks/{id}}), never the raw path: one series per route. */
    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            // Javalin answers a description, not a path, when nothing matched
            return path.startsWith("/") ? path : "unmatched";
        } catch (RuntimeException noEndpoint) {
            return "unmatched";
        }
    }
}
