package org.powchain.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.powchain.consensus.Rule;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.CoinSelection;
import org.powchain.core.Keys;
import org.powchain.core.OutPoint;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoTransaction;
import org.powchain.mempool.AccountPolicy;
import org.powchain.mempool.UtxoPolicy;
import org.powchain.node.Node;
import org.powchain.wire.PeerAddress;

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
        if (UtxoRoutes.isUtxo(node)) {
            ctx.json(payFromCoins(ctx, keys, recipient, amount));
            return;
        }
        AccountTransaction tx = NodeQueries.admit(() -> AccountPolicy.addWithNextNonce(node.mempool(), keys.address(),
                nonce -> AccountTransaction.signed(node.queries().networkId(), keys, recipient, amount, fee, nonce)));
        ctx.json(json.tx(tx));
    }

    /**
     * {@code addtx} on a UTXO node: selects the sender's coins (largest first, {@link CoinSelection}),
     * pays {@code amount}, sends the change back, signs every input with the demo key, and answers
     * the transaction with what was chosen. The fee follows the size: {@code feeRate} coins per 1000
     * bytes (default 0); an absolute {@code fee} means nothing in this model and is refused.
     */
    private ObjectNode payFromCoins(Context ctx, Keys keys, Address recipient, long amount) {
        if (ctx.queryParam("fee") != null) {
            throw ApiException.badRequest("bad-parameter", "in the utxo ledger model a fee follows the transaction's size:"
                    + " give feeRate (coins per 1000 bytes) instead of fee");
        }
        long feeRate = Query.optionalLong(ctx, "feeRate", 0, 1_000_000_000L, 0);
        CoinSelection.Policy policy = CoinSelection.Policy.DEFAULT.atRate(feeRate);
        CoinSelection.Selection[] chosen = new CoinSelection.Selection[1];
        // built again from the pool as it then is if another request took one of the coins meanwhile
        UtxoTransaction tx = NodeQueries.admit(() -> node.mempool().addBuilt(() -> {
            Map<OutPoint, UnspentOutput> coins = UtxoPolicy.spendable(node.mempool(), keys.address());
            try {
                chosen[0] = CoinSelection.largestFirst(coins, amount, policy).orElseThrow(() -> insufficient(keys, coins,
                        amount, policy));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("bad-parameter", e.getMessage());
            }
            return CoinSelection.pay(node.queries().networkId(), keys, chosen[0], recipient);
        }));
        ObjectNode out = json.tx(tx);
        ObjectNode selection = out.putObject("selection");
        selection.put("policy", "largest-first");
        selection.put("inputs", chosen[0].coins().size());
        selection.put("amount", chosen[0].amount());
        selection.put("fee", chosen[0].fee());
        selection.put("feeRate", feeRate);
        selection.put("change", chosen[0].change());
        selection.put("dustFloor", policy.dustFloor());
        return out;
    }

    private ApiException insufficient(Keys keys, Map<OutPoint, UnspentOutput> coins, long amount, CoinSelection.Policy policy) {
        long spendable = coins.values().stream().mapToLong(UnspentOutput::amount).sum();
        long balance = node.queries().balance(keys.address());
        return new ApiException(422, Rule.INSUFFICIENT_FUNDS.code(), "insufficient funds: " + coins.size()
                + " spendable outputs hold " + spendable + " (balance " + balance + " at the tip; outputs pending"
                + " transactions spend and immature rewards are not spendable, pending change is), needs " + amount
                + (policy.feePerKilobyte() > 0 ? " + a fee of " + policy.feePerKilobyte() + " per 1000 bytes" : ""));
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
