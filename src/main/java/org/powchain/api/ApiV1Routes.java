package org.powchain.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.powchain.core.Transaction;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Codes;
import org.powchain.core.Hash;
import org.powchain.core.Target;
import org.powchain.mempool.AccountPolicy;
import org.powchain.node.Node;

/**
 * The REST API under {@code /api/v1}, described route by route in {@code api/openapi.json}
 * (served at {@code /api/v1/openapi.json}; a test walks it against these routes).
 */
final class ApiV1Routes {
    static final String BASE = "/api/v1";
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    static final int DEFAULT_MEMPOOL_PAGE = 100;
    static final int MAX_MEMPOOL_PAGE = 10_000;

    private final Node node;
    private final JsonCodec json;
    private final ObjectMapper mapper;
    private final NodeSummary summary;
    private final NodeQueries queries;
    private final DetailJson detail;
    private final BlockTree tree;
    private final TxIndex txIndex;
    private final TxProofs proofs;
    private final byte[] openApi;

    /** One line of the block list: enough to draw a row, not the transactions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BlockSummary(String hash, int height, String previousHash, long timestamp, String bits, double difficulty,
                        long nonce, int txCount, String miner, String minerName, int size) {}

    ApiV1Routes(Node node, JsonCodec json, ObjectMapper mapper, NodeSummary summary, NodeQueries queries,
                TxIndex txIndex) {
        this.node = node;
        this.json = json;
        this.mapper = mapper;
        this.summary = summary;
        this.queries = queries;
        this.detail = new DetailJson(mapper, json, node.queries());
        this.tree = new BlockTree(node.queries());
        this.txIndex = txIndex;
        this.proofs = new TxProofs(node.queries(), txIndex, mapper);
        this.openApi = resource("/api/openapi.json");
    }

    void register(Javalin app) {
        app.get(BASE + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        app.get(BASE + "/node", ctx -> ctx.json(summary.summary()));
        app.get(BASE + "/blocks", this::blocks);
        app.get(BASE + "/blocks/{id}", ctx -> ctx.json(detail.block(queries.block(ctx.pathParam("id")))));
        app.get(BASE + "/blocks/{id}/header", this::header);
        app.get(BASE + "/transactions/{id}", this::transaction);
        app.get(BASE + "/transactions/{id}/proof", ctx -> {
            Hash txId = txId(ctx.pathParam("id"));
            ctx.json(proofs.proof(txId, node.mempool().get(txId).isPresent()));
        });
        app.post(BASE + "/transactions", this::submit);
        app.get(BASE + "/accounts/{id}", this::account);
        app.get(BASE + "/mempool", this::mempool);
        app.get(BASE + "/peers", ctx -> ctx.json(peers()));
        app.post(BASE + "/mine", queries::mine);
        app.get(BASE + "/chain/tips", ctx -> ctx.json(tree.tips()));
        app.get(BASE + "/chain/tree", ctx ->
                ctx.json(tree.recent((int) Query.optionalLong(ctx, "depth", 1, BlockTree.MAX_DEPTH, 30))));
    }

    /** Main-chain blocks, newest first, from height {@code start} (default: the tip) down. */
    private void blocks(Context ctx) {
        int tipHeight = node.queries().height();
        int start = (int) Query.optionalLong(ctx, "start", 0, Integer.MAX_VALUE, tipHeight);
        int limit = (int) Query.optionalLong(ctx, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
        start = Math.min(start, tipHeight);
        int from = Math.max(0, start - limit + 1);
        List<Block> page = node.queries().blocks(from, start - from + 1);
        List<BlockSummary> out = new ArrayList<>();
        for (int i = page.size() - 1; i >= 0; i--) {
            out.add(summarize(page.get(i), from + i));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("height", tipHeight);
        body.put("blocks", out);
        body.put("next", from > 0 ? from - 1 : null);
        ctx.json(body);
    }

    private BlockSummary summarize(Block b, int height) {
        // genesis has one coinbase per allocation and no miner; a coinbase pays its miner first
        Address paid = height == 0 ? null : node.queries().params().ledger().parties(b.transactions().get(0)).paid()
                .keySet().stream().findFirst().orElse(null);
        String miner = paid == null ? null : paid.toHex();
        String minerName = paid == null ? null : node.accounts().nameOf(paid).orElse(null);
        int bits = b.header().bits();
        return new BlockSummary(b.hash().toHex(), height, b.previousHash().toHex(), b.header().timestamp(),
                String.format("%08x", bits), Math.round(Target.leadingZeroBits(bits) * 100) / 100.0, b.header().nonce(),
                b.transactions().size(), miner, minerName, b.sizeBytes());
    }

    private void header(Context ctx) {
        Block b = queries.block(ctx.pathParam("id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hash", b.hash().toHex());
        out.put("height", queries.heightOf(b));
        out.put("headerHex", java.util.HexFormat.of().formatHex(b.header().encode()));
        out.put("fields", HeaderFields.of(b.header()));
        ctx.json(out);
    }

    private static Hash txId(String id) {
        if (id.length() != Hash.SIZE * 2 || !id.matches("[0-9a-fA-F]+")) {
            throw ApiException.badRequest("bad-parameter", "a transaction id is 64 hex characters, got '"
                    + NodeQueries.abbreviate(id) + "'");
        }
        return Hash.fromHex(id.toLowerCase(Locale.ROOT));
    }

    private void transaction(Context ctx) {
        String id = ctx.pathParam("id");
        Hash txId = txId(id);
        Optional<Transaction> pending = node.mempool().get(txId);
        if (pending.isPresent()) {
            ctx.json(detail.tx(pending.get()).put("status", "pending"));
            return;
        }
        TxIndex.Located found = txIndex.find(txId).orElseThrow(() -> ApiException.notFound(
                "no transaction " + id + " in the mempool or the main chain"));
        ctx.json(confirmed(found));
    }

    private ObjectNode confirmed(TxIndex.Located found) {
        ObjectNode out = detail.tx(found.tx());
        out.put("status", "confirmed");
        out.put("blockHash", found.blockHash().toHex());
        out.put("blockHeight", found.height());
        out.put("confirmations", Math.max(0, node.queries().height() - found.height() + 1));
        return out;
    }

    /** A transaction signed elsewhere (a wallet): parsed strictly, then admitted like any other. */
    private void submit(Context ctx) {
        Transaction tx = json.parseTransaction(SeedRoutes.readJson(ctx, mapper));
        NodeQueries.admit(() -> node.mempool().add(tx));
        ctx.status(201).header("Location", BASE + "/transactions/" + tx.id().toHex())
                .json(detail.tx(tx).put("status", "pending"));
    }

    private void account(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.length() > Query.MAX_LENGTH) {
            throw ApiException.badRequest("bad-account", "an account is a demo name or 40 hex characters");
        }
        Address address = queries.resolve(id, "account");
        Map<String, Object> out = queries.balance(id, address);
        out.put("name", node.accounts().nameOf(address).orElse(null));
        if (out.containsKey("nonce")) { // a model that counts a sender's transactions: the next one's number
            out.put("nextNonce", AccountPolicy.nextNonce(node.mempool(), address));
        }
        out.put("pending", json.txs(node.mempool().involving(address)));
        out.put("recent", txIndex.recent(address).stream().map(this::confirmed).toList());
        ctx.json(out);
    }

    /** The first {@code limit} pending transactions: a full mempool (50,000) is megabytes of JSON. */
    private void mempool(Context ctx) {
        int limit = (int) Query.optionalLong(ctx, "limit", 0, MAX_MEMPOOL_PAGE, DEFAULT_MEMPOOL_PAGE);
        List<Transaction> txs = node.mempool().all();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("size", txs.size());
        out.put("bytes", txs.stream().mapToLong(Transaction::size).sum());
        out.put("transactions", json.txs(txs.subList(0, Math.min(limit, txs.size()))));
        ctx.json(out);
    }

    private List<Map<String, Object>> peers() {
        return node.peers().peers().stream().map(p -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("address", p.address());
            out.put("status", Codes.of(p.status()));
            out.put("nodeId", p.nodeId());
            out.put("height", p.height() < 0 ? null : p.height());
            out.put("boot", p.boot());
            out.put("reachable", p.reachable());
            out.put("score", p.score());
            out.put("failures", p.failures());
            out.put("lastSeen", p.lastSeenMillis() == 0 ? null : p.lastSeenMillis());
            out.put("bannedUntil", p.bannedUntilMillis() == 0 ? null : p.bannedUntilMillis());
            out.put("lastProblem", p.lastProblem());
            return out;
        }).toList();
    }

    private static byte[] resource(String path) {
        try (InputStream in = ApiV1Routes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
