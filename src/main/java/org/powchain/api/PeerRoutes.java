package org.powchain.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.node.Node;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.powchain.wire.BlockAnnouncement;
import org.powchain.wire.GetBlocks;
import org.powchain.wire.GetHeaders;
import org.powchain.wire.GetMempool;
import org.powchain.wire.Hello;
import org.powchain.wire.MalformedMessage;
import org.powchain.wire.PeerAddress;
import org.powchain.wire.Refused;
import org.powchain.wire.Request;
import org.powchain.wire.TxAnnouncement;
import org.powchain.p2p.Network;
import org.powchain.wire.WireFormat;

/**
 * The routes peers call: thin mounts of each message's handler ({@link Request#serve} via
 * {@link Network#serve}), which parse the request and write the answer's JSON (docs/PROTOCOL.md):
 * {@code /p2p/hello}, {@code /p2p/headers}, {@code /p2p/blocks}, {@code /p2p/tx}, {@code /p2p/mempool},
 * the original node's {@code /addblock}, and for people {@code /p2p/peers} and {@code /p2p/peerinfo}. A request naming its sender in {@code X-Powchain-Peer} is refused if that peer is
 * banned, and garbage from it counts against it.
 */
final class PeerRoutes {
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
        app.post("/addblock", this::addBlock);
        app.get("/p2p/mempool", ctx -> serve(ctx, node,
                new GetMempool((int) Query.optionalLong(ctx, "max", 1, GetMempool.MAX, GetMempool.MAX)), sender(ctx, node)));
    }

    private void hello(Context ctx) {
        Optional<PeerAddress> from = sender(ctx, node);
        JsonNode hello = parse(ctx, node, from, body -> {
            if (!body.isObject()) {
                throw new MalformedMessage("a hello must be a JSON object");
            }
            return body;
        });
        serve(ctx, node, new Hello((ObjectNode) hello), from);
    }

    private void headers(Context ctx) {
        Optional<PeerAddress> from = sender(ctx, node);
        List<Hash> locator = hashes(ctx, from, "locator", GetHeaders.MAX_LOCATOR);
        int max = (int) Query.optionalLong(ctx, "max", 1, GetHeaders.MAX_HEADERS, GetHeaders.MAX_HEADERS);
        serve(ctx, node, new GetHeaders(locator, max), from);
    }

    private void blocks(Context ctx) {
        Optional<PeerAddress> from = sender(ctx, node);
        serve(ctx, node, new GetBlocks(hashes(ctx, from, "hashes", GetBlocks.MAX_BLOCKS)), from);
    }

    private void tx(Context ctx) {
        Optional<PeerAddress> from = sender(ctx, node);
        serve(ctx, node, new TxAnnouncement(parse(ctx, node, from, node.wire()::parseTransaction)), from);
    }

    /** A block from a peer (named by its {@code X-Powchain-Peer} header) or from a user. */
    private void addBlock(Context ctx) {
        Optional<PeerAddress> from = sender(ctx, node);
        Block block = parse(ctx, node, from, node.wire()::parseBlock);
        serve(ctx, node, new BlockAnnouncement(block), from);
    }

    /** Mounts a message's handler: runs it and answers its JSON; a refusal is a 4xx JSON error. */
    private static <A> void serve(Context ctx, Node node, Request<A> request, Optional<PeerAddress> from) {
        A answer;
        try {
            answer = node.network().serve(request, from);
        } catch (RuleViolation v) {
            throw ApiException.of(v);
        } catch (Refused r) {
            throw new ApiException("banned".equals(r.code()) ? 403 : 409, r.code(), r.getMessage());
        }
        ctx.json(request.encodeAnswer(answer, node.wire()));
    }

    private List<Hash> hashes(Context ctx, Optional<PeerAddress> from, String param, int max) {
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
    private static Optional<PeerAddress> sender(Context ctx, Node node) {
        // the socket's address, not X-Forwarded-For, which the sender writes itself
        Optional<PeerAddress> from = Network.identify(ctx.header(Network.PEER_HEADER), ctx.req().getRemoteAddr());
        if (from.isPresent() && node.network().isBanned(from.get())) {
            throw new ApiException(403, "banned", from.get() + " sent invalid data and is banned for a while");
        }
        return from;
    }

    /** Reads and parses the body; garbage (not JSON, wrong shape, too large) counts against the sender. */
    private static <T> T parse(Context ctx, Node node, Optional<PeerAddress> from, Function<JsonNode, T> parser) {
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
