package org.powchain.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;
import org.powchain.node.Node;
import org.powchain.p2p.MalformedMessage;
import org.powchain.p2p.Network;
import org.powchain.p2p.PeerStore;
import org.powchain.p2p.WireFormat;

/**
 * The routes peers call, besides the original {@code /addblock} and {@code /addpeer}
 * (docs/PROTOCOL.md): {@code /p2p/hello}, {@code /p2p/peers}, {@code /p2p/headers},
 * {@code /p2p/blocks}, {@code /p2p/tx}, {@code /p2p/mempool}, and {@code /p2p/peerinfo} for
 * people. A request naming its sender in {@code X-Powchain-Peer} is refused if that peer is
 * banned, and garbage from it counts against it.
 */
final class PeerRoutes {
    static final int MAX_LOCATOR = 64;
    static final int MAX_HEADERS = 2_000;
    static final int MAX_BLOCKS = 64;
    static final int MAX_MEMPOOL = 1_000;

    private final Node node;
    private final JsonCodec json;

    PeerRoutes(Node node, JsonCodec json) {
        this.node = node;
        this.json = json;
    }

    void register(Javalin app) {
        app.post("/p2p/hello", this::hello);
        app.get("/p2p/peers", ctx -> ctx.json(node.peers().gossipable().stream().map(Object::toString).toList()));
        app.get("/p2p/peerinfo", ctx -> ctx.json(node.peers().peers()));
        app.get("/p2p/headers", this::headers);
        app.get("/p2p/blocks", this::blocks);
        app.post("/p2p/tx", this::tx);
        app.get("/p2p/mempool", ctx -> {
            int max = (int) Query.optionalLong(ctx, "max", 1, MAX_MEMPOOL, MAX_MEMPOOL);
            ctx.json(node.network().mempoolForPeers(max).stream().map(WireFormat::tx).toList());
        });
    }

    private void hello(Context ctx) {
        Optional<PeerStore.PeerAddress> from = sender(ctx, node);
        JsonNode hello = parse(ctx, node, from, body -> {
            if (!body.isObject()) {
                throw new MalformedMessage("a hello must be a JSON object");
            }
            return body;
        });
        try {
            ctx.json(node.network().receiveHello(hello, from));
        } catch (Network.Refused r) {
            throw new ApiException(409, r.code(), r.getMessage());
        }
    }

    private void headers(Context ctx) {
        Optional<PeerStore.PeerAddress> from = sender(ctx, node);
        List<Hash> locator = hashes(ctx, from, "locator", MAX_LOCATOR);
        int max = (int) Query.optionalLong(ctx, "max", 1, MAX_HEADERS, MAX_HEADERS);
        List<BlockHeader> headers = node.chain().headersAfter(locator, max);
        int first = headers.isEmpty() ? 0 : node.chain().node(headers.get(0).previousHash()).map(n -> n.height() + 1).orElse(0);
        List<JsonNode> out = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            out.add(WireFormat.header(headers.get(i), first + i));
        }
        ctx.json(out);
    }

    private void blocks(Context ctx) {
        Optional<PeerStore.PeerAddress> from = sender(ctx, node);
        List<Hash> wanted = hashes(ctx, from, "hashes", MAX_BLOCKS);
        List<JsonCodec.BlockJson> out = new ArrayList<>();
        for (Hash h : wanted) {
            Optional<Block> b = node.chain().block(h);
            b.ifPresent(block -> out.add(json.block(block, node.chain().node(h).map(n -> n.height()).orElse(-1))));
        }
        ctx.json(out);
    }

    private void tx(Context ctx) {
        Optional<PeerStore.PeerAddress> from = sender(ctx, node);
        Transaction tx = parse(ctx, node, from, WireFormat::parseTransaction);
        try {
            node.network().receiveTransaction(tx, from);
        } catch (RuleViolation v) {
            throw ApiException.of(v);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "accepted");
        out.put("id", tx.id().toHex());
        ctx.json(out);
    }

    private List<Hash> hashes(Context ctx, Optional<PeerStore.PeerAddress> from, String param, int max) {
        try {
            return WireFormat.parseHashList(ctx.queryParam(param), max);
        } catch (MalformedMessage m) {
            from.ifPresent(p -> node.network().receivedGarbage(p, "'" + param + "': " + m.getMessage()));
            throw ApiException.badRequest("bad-parameter", "'" + param + "': " + m.getMessage());
        }
    }

    /**
     * The peer named by the {@code X-Powchain-Peer} header, if the claim is believable (see
     * {@link Network#identify}); a banned one is answered 403. A request without the header (a
     * user's curl) is served, but nothing can be held against it.
     */
    static Optional<PeerStore.PeerAddress> sender(Context ctx, Node node) {
        // the socket's address, not X-Forwarded-For, which the sender writes itself
        Optional<PeerStore.PeerAddress> from = Network.identify(ctx.header(Network.PEER_HEADER), ctx.req().getRemoteAddr());
        if (from.isPresent() && node.network().isBanned(from.get())) {
            throw new ApiException(403, "banned", from.get() + " sent invalid data and is banned for a while");
        }
        return from;
    }

    /** Reads and parses the body; garbage (not JSON, wrong shape, too large) counts against the sender. */
    static <T> T parse(Context ctx, Node node, Optional<PeerStore.PeerAddress> from, Function<JsonNode, T> parser) {
        try {
            return parser.apply(WireFormat.parseJson(ctx.body()));
        } catch (MalformedMessage m) {
            from.ifPresent(p -> node.network().receivedGarbage(p, m.getMessage()));
            throw JsonCodec.of(m);
        } catch (HttpResponseException e) {
            if (e.getStatus() == 413) {
                from.ifPresent(p -> node.network().receivedGarbage(p, "a body over the size limit"));
            }
            throw e;
        }
    }
}
