package org.powchain.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.AccountTransaction;
import org.powchain.mempool.AccountPolicy;
import org.powchain.node.Node;
import org.powchain.p2p.PeerAddress;

/**
 * The original teaching node's routes, same paths and parameters, now answering JSON:
 * {@code getbalance addtx getmempool mine getlastblock getblockchain getpeerstore addpeer
 * resolvesplit}. Its {@code addblock}, which peers send, is with the other peer messages in {@link PeerRoutes}.
 */
final class SeedRoutes {
    static final int MAX_PAGE = 1000;

    private final Node node;
    private final JsonCodec json;
    private final NodeQueries queries;

    SeedRoutes(Node node, JsonCodec json, NodeQueries queries) {
        this.node = node;
        this.json = json;
        this.queries = queries;
    }

    void register(Javalin app) {
        app.get("/getbalance", this::getBalance);
        app.get("/addtx", this::addTx);
        app.get("/getmempool", ctx -> ctx.json(json.txs(node.mempool().all())));
        app.get("/mine", queries::mine);
        app.get("/getlastblock", ctx -> ctx.json(json.block(node.queries().tipBlock(), node.queries().height())));
        app.get("/getblockchain", this::getBlockchain);
        app.get("/getpeerstore", ctx -> ctx.json(node.peers().all().stream().map(PeerAddress::toString).toList()));
        app.get("/addpeer", this::addPeer);
        app.get("/resolvesplit", ctx -> ctx.future(() -> node.network().resolveSplit().thenAccept(ctx::json)));
    }

    private void getBalance(Context ctx) {
        String account = Query.required(ctx, "account");
        ctx.json(queries.balance(account, queries.resolve(account, "account")));
    }

    private void addTx(Context ctx) {
        String sender = Query.required(ctx, "sender");
        String to = Query.required(ctx, "to");
        long amount = Query.requiredLong(ctx, "amount", 1, Long.MAX_VALUE);
        long fee = Query.optionalLong(ctx, "fee", 0, Long.MAX_VALUE, 0);
        Keys keys;
        try {
            keys = node.accounts().demoKeys(sender);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad-account", "sender: " + e.getMessage()
                    + ". addtx signs with a demo account's key; sign real transactions with 'powchain wallet send'");
        }
        Address recipient = queries.resolve(to, "to");
        AccountTransaction tx = NodeQueries.admit(() -> AccountPolicy.addWithNextNonce(node.mempool(), keys.address(),
                nonce -> AccountTransaction.signed(node.queries().networkId(), keys, recipient, amount, fee, nonce)));
        ctx.json(json.tx(tx));
    }

    private void getBlockchain(Context ctx) {
        int from = (int) Query.optionalLong(ctx, "from", 0, Integer.MAX_VALUE, 0);
        int limit = (int) Query.optionalLong(ctx, "limit", 1, MAX_PAGE, MAX_PAGE);
        ctx.json(queries.mainChain(from, limit));
    }

    private void addPeer(Context ctx) {
        String peer = Query.required(ctx, "peer");
        PeerAddress address = PeerAddress.parse(peer).orElseThrow(() ->
                ApiException.badRequest("bad-parameter", "'peer' must be host:port, e.g. localhost:5001"));
        boolean added = node.network().addPeer(address);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("peer", address.toString());
        out.put("added", added);
        out.put("peers", node.peers().all().stream().map(PeerAddress::toString).toList());
        ctx.json(out);
    }

    static JsonNode readJson(Context ctx, ObjectMapper mapper) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiException.badRequest("bad-json", "the request body must be a JSON object");
        }
        try {
            return mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("bad-json", "the body is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
