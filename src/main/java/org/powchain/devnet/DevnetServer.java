package org.powchain.devnet;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devnet's own HTTP port, on loopback: its page at {@code /} and its control API under
 * {@code /api/devnet} (described in {@code /api/devnet/openapi.json}). Every route is a thin call
 * into {@link Devnet}; errors are the node's JSON shape, 400 for a bad argument, 409 for an
 * operation the network's state refuses (a stopped node asked to mine), 502 when a node failed.
 */
public final class DevnetServer implements AutoCloseable {
    static final String BASE = "/api/devnet";

    private final Javalin app;

    /** @param down called (on another thread) when a client asks the devnet to go down */
    public DevnetServer(Devnet devnet, Runnable down) {
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/static";
                sf.directory = "/devnet";
                sf.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars(); // ECharts for the page's graph, from the jar: /webjars/echarts/...
        });
        app.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(resource("/devnet/index.html")));
        app.get(BASE + "/openapi.json", ctx -> ctx.contentType("application/json").result(resource("/devnet/openapi.json")));
        app.get(BASE, ctx -> ctx.json(devnet.status()));
        app.get(BASE + "/tree", ctx -> ctx.json(devnet.tree(intParam(ctx, "depth", 1, 500, 40))));
        app.get(BASE + "/nodes/{node}/tree", ctx -> ctx.json(LocalHttp.getOk(devnet.port(node(ctx, devnet)),
                "/api/v1/chain/tree?depth=" + intParam(ctx, "depth", 1, 500, 40))));
        app.post(BASE + "/nodes/{node}/mine", ctx -> ctx.json(Map.of("mined",
                devnet.mine(node(ctx, devnet), intParam(ctx, "blocks", 1, 1000, 1)))));
        app.post(BASE + "/nodes/{node}/share", ctx -> ctx.json(Map.of("shares",
                devnet.share(node(ctx, devnet), doubleParam(ctx, "value")))));
        app.post(BASE + "/nodes/{node}/stop", ctx -> {
            devnet.stop(node(ctx, devnet));
            ctx.json(devnet.status());
        });
        app.post(BASE + "/nodes/{node}/kill", ctx -> {
            devnet.kill(node(ctx, devnet));
            ctx.json(devnet.status());
        });
        app.post(BASE + "/nodes/{node}/start", ctx -> {
            devnet.restart(node(ctx, devnet));
            ctx.json(devnet.status());
        });
        app.post(BASE + "/split", ctx -> {
            devnet.split(groups(ctx.queryParam("groups")));
            ctx.json(devnet.status());
        });
        app.post(BASE + "/heal", ctx -> {
            devnet.heal();
            ctx.json(devnet.status());
        });
        app.post(BASE + "/link", ctx -> {
            devnet.link(intParam(ctx, "a", 0, 99, -1), intParam(ctx, "b", 0, 99, -1),
                    intParam(ctx, "delayMs", 0, 60_000, 0), ctx.queryParam("loss") == null ? 0 : doubleParam(ctx, "loss"));
            ctx.json(devnet.status());
        });
        app.get(BASE + "/events", ctx -> ctx.json(devnet.events(longParam(ctx, "since"))));
        app.post(BASE + "/attacks/double-spend", ctx -> ctx.json(devnet.attackDoubleSpend(nodeParam(ctx, "attacker", devnet),
                nodeParam(ctx, "merchant", devnet), intParam(ctx, "confirmations", 1, 50, 2),
                ctx.queryParam("share") == null ? 0.3 : doubleParam(ctx, "share"))));
        app.post(BASE + "/attacks/eclipse", ctx -> {
            int victim = nodeParam(ctx, "victim", devnet);
            int attacker = ctx.queryParam("attacker") == null ? (victim == 0 ? 1 : 0) : nodeParam(ctx, "attacker", devnet);
            ctx.json(devnet.attackEclipse(victim, attacker, intParam(ctx, "confirmations", 1, 50, 2),
                    ctx.queryParam("share") == null ? 0.2 : doubleParam(ctx, "share")));
        });
        app.post(BASE + "/attacks/selfish", ctx -> ctx.json(devnet.attackSelfish(nodeParam(ctx, "pool", devnet),
                ctx.queryParam("share") == null ? 0.35 : doubleParam(ctx, "share"),
                ctx.queryParam("gamma") == null ? 0.5 : doubleParam(ctx, "gamma"),
                intParam(ctx, "blocks", 1, SelfishAttack.MAX_BLOCKS, 30))));
        app.post(BASE + "/export", ctx -> {
            java.nio.file.Path file = java.nio.file.Path.of(required(ctx, "file")).toAbsolutePath();
            devnet.export(file);
            ctx.json(Map.of("exported", file.toString()));
        });
        app.get(BASE + "/snapshots", ctx -> ctx.json(devnet.snapshots()));
        app.post(BASE + "/snapshots", ctx -> ctx.json(Map.of("snapshot",
                devnet.snapshot(required(ctx, "name")).toString())));
        app.post(BASE + "/snapshots/{name}/restore", ctx -> {
            devnet.restore(ctx.pathParam("name"));
            ctx.json(devnet.status());
        });
        app.post(BASE + "/down", ctx -> {
            ctx.json(Map.of("down", true));
            Thread t = new Thread(down, "devnet-down");
            t.start();
        });

        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, "bad-request", e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> error(ctx, 409, "conflict", e.getMessage()));
        app.exception(IOException.class, (e, ctx) -> error(ctx, 502, "node-failed", e.getMessage()));
        app.error(404, ctx -> {
            if (ctx.attribute("devnet.error") == null) {
                error(ctx, 404, "not-found", "no route " + ctx.method() + " " + ctx.path());
            }
        });
    }

    private static void error(Context ctx, int status, String error, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        ctx.attribute("devnet.error", true);
        ctx.status(status).json(body);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = DevnetServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException(path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long longParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    private static int node(Context ctx, Devnet devnet) {
        return node(ctx.pathParam("node"), devnet);
    }

    private static int nodeParam(Context ctx, String name, Devnet devnet) {
        return node(required(ctx, name), devnet);
    }

    private static int node(String v, Devnet devnet) {
        try {
            int i = v.startsWith("n") ? Integer.parseInt(v.substring(1)) : Integer.parseInt(v);
            if (i < 0 || i >= devnet.size()) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no node " + v + ": nodes are n0..n" + (devnet.size() - 1) + " (or 0.."
                    + (devnet.size() - 1) + ")");
        }
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing query parameter " + name);
        }
        return v;
    }

    private static int intParam(Context ctx, String name, int min, int max, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null && fallback >= min) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(required(ctx, name));
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number " + min + ".." + max);
        }
    }

    private static double doubleParam(Context ctx, String name) {
        try {
            return Double.parseDouble(required(ctx, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    /** {@code 0,1|2,3,4}: groups of node indices (or ids n0, n1) separated by {@code |}. */
    static List<List<Integer>> groups(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("groups is required, e.g. groups=0,1|2,3");
        }
        List<List<Integer>> out = new ArrayList<>();
        for (String part : spec.split("\\|")) {
            List<Integer> g = new ArrayList<>();
            for (String n : part.split(",")) {
                String t = n.trim();
                try {
                    g.add(Integer.parseInt(t.startsWith("n") ? t.substring(1) : t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("groups are node numbers: 0,1|2,3, not " + spec);
                }
            }
            out.add(g);
        }
        return out;
    }

    public DevnetServer start(int port) {
        app.start("127.0.0.1", port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
