package org.powchain.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.UtxoLedger;
import org.powchain.consensus.UtxoRules;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.core.LedgerView;
import org.powchain.core.OutPoint;
import org.powchain.core.Transaction;
import org.powchain.core.TxOutput;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoTransaction;
import org.powchain.node.Node;

/**
 * The routes of {@code /api/v1} that only the UTXO model has: an address's unspent outputs
 * ({@code GET /utxos?address=}) and one output by its outpoint ({@code GET /outpoints/{txid}:{index}}:
 * unspent, or spent by which transaction). A node of another model answers 409
 * {@code wrong-ledger-model}: it keeps no outputs. See docs/concepts/accounts-and-utxos.md.
 */
final class UtxoRoutes {
    private final Node node;
    private final NodeQueries queries;
    private final TxIndex txIndex;
    /** Null on a node of another model. */
    private final UtxoIndex utxoIndex;

    UtxoRoutes(Node node, NodeQueries queries, TxIndex txIndex, UtxoIndex utxoIndex) {
        this.node = node;
        this.queries = queries;
        this.txIndex = txIndex;
        this.utxoIndex = utxoIndex;
    }

    /** The index this node needs: one for a UTXO node, none for another model's. */
    static UtxoIndex indexFor(Node node) {
        return isUtxo(node) ? UtxoIndex.build(node.chain()) : null;
    }

    static boolean isUtxo(Node node) {
        return node.queries().params().ledger() instanceof UtxoLedger;
    }

    void register(Javalin app) {
        app.get(ApiV1Routes.BASE + "/utxos", this::utxos);
        app.get(ApiV1Routes.BASE + "/outpoints/{outpoint}", this::outpoint);
    }

    private void requireUtxo() {
        if (utxoIndex == null) {
            throw new ApiException(409, "wrong-ledger-model", "this node runs the " + node.queries().params().ledger().name()
                    + " ledger model, which keeps no outputs; a node started with --ledger utxo does");
        }
    }

    /** {@code {"address","height","balance","utxos":[{outpoint, txid, index, amount, height, coinbase, mature, pendingSpend}]}} */
    private void utxos(Context ctx) {
        requireUtxo();
        String who = Query.required(ctx, "address");
        Address address = queries.resolve(who, "address");
        int tip = node.queries().height();
        ConsensusParams params = node.queries().params();
        List<Map<String, Object>> list = new ArrayList<>();
        long balance = 0;
        for (Map.Entry<OutPoint, UnspentOutput> e : UtxoLedger.unspent(node.queries().snapshot().ledger(), address).entrySet()) {
            Map<String, Object> out = describe(e.getKey(), e.getValue(), params, tip);
            out.put("pendingSpend", pendingSpend(e.getKey()).orElse(null));
            list.add(out);
            balance += e.getValue().amount();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", address.toHex());
        body.put("name", node.accounts().nameOf(address).orElse(null));
        body.put("height", tip);
        body.put("balance", balance);
        body.put("utxos", list);
        ctx.json(body);
    }

    private static Map<String, Object> describe(OutPoint o, UnspentOutput u, ConsensusParams params, int tip) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outpoint", o.toString());
        out.put("txid", o.txid().toHex());
        out.put("index", o.index());
        out.put("amount", u.amount());
        out.put("owner", u.owner().toHex());
        out.put("height", u.height());
        out.put("confirmations", tip - u.height() + 1);
        out.put("coinbase", u.coinbase());
        out.put("mature", UtxoRules.matured(params, u, tip + 1)); // spendable in the next block
        return out;
    }

    /** The pending transaction spending {@code o}, if one does: the mempool holds no two spends of one output. */
    private Optional<String> pendingSpend(OutPoint o) {
        return node.mempool().claimant(o).map(t -> t.id().toHex());
    }

    /**
     * {@code unspent} with the output and where it is, or {@code spent} with the transaction that
     * spent it and its block; an output a pending transaction makes is {@code pending}. 404 if no
     * transaction on the main chain or in the mempool has that output.
     */
    private void outpoint(Context ctx) {
        requireUtxo();
        String text = ctx.pathParam("outpoint");
        OutPoint o;
        try {
            o = OutPoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad-parameter", "an outpoint is txid:index (64 hex characters, a colon, a"
                    + " whole number), got '" + NodeQueries.abbreviate(text) + "': " + e.getMessage());
        }
        int tip = node.queries().height();
        ConsensusParams params = node.queries().params();
        LedgerView ledger = node.queries().snapshot().ledger();
        Optional<UnspentOutput> unspent = UtxoLedger.view(ledger).find(o);
        Map<String, Object> out;
        if (unspent.isPresent()) {
            out = describe(o, unspent.get(), params, tip);
            out.put("status", "unspent");
            out.put("madeBy", utxoIndex.idOf(o.txid()).map(Hash::toHex).orElse(null));
            out.put("pendingSpend", pendingSpend(o).orElse(null));
        } else {
            out = spentOrPending(o, tip);
        }
        out.put("ownerName", node.accounts().nameOf(Address.fromHex((String) out.get("owner"))).orElse(null));
        ctx.json(out);
    }

    private Map<String, Object> spentOrPending(OutPoint o, int tip) {
        Optional<TxIndex.Located> made = utxoIndex.idOf(o.txid()).flatMap(txIndex::find);
        if (made.isPresent()) {
            UtxoTransaction t = UtxoLedger.transfer(made.get().tx());
            TxOutput output = outputOf(t, o);
            Map<String, Object> out = fields(o, output);
            out.put("height", made.get().height());
            // as the set flagged it while unspent: genesis's allocations are coinbases but not rewards (UtxoRules.apply)
            out.put("coinbase", t.isCoinbase() && made.get().height() > 0);
            out.put("status", "spent");
            out.put("madeBy", t.id().toHex());
            Optional<TxIndex.Located> spender = utxoIndex.spender(o).flatMap(txIndex::find);
            if (spender.isEmpty()) { // the index and the chain moved between the two reads
                throw ApiException.notFound("output " + o + " is not unspent and its spender is not on the main chain");
            }
            UtxoTransaction by = UtxoLedger.transfer(spender.get().tx());
            out.put("spentBy", by.id().toHex());
            out.put("spentByTxid", by.txid().toHex());
            out.put("spentInBlock", spender.get().blockHash().toHex());
            out.put("spentAtHeight", spender.get().height());
            return out;
        }
        // the pending transaction with that txid, if one is pending: it makes output 0, as every transaction does
        Optional<Transaction> maker = node.mempool().provider(new OutPoint(o.txid(), 0));
        if (maker.isPresent()) {
            UtxoTransaction t = UtxoLedger.transfer(maker.get());
            Map<String, Object> out = fields(o, outputOf(t, o));
            out.put("status", "pending");
            out.put("madeBy", t.id().toHex());
            return out;
        }
        throw ApiException.notFound("no output " + o + ": no transaction with txid " + o.txid()
                + " on the main chain or in the mempool");
    }

    private static TxOutput outputOf(UtxoTransaction t, OutPoint o) {
        if (o.index() >= t.outputs().size()) {
            throw ApiException.notFound("transaction " + o.txid() + " has " + t.outputs().size() + " outputs; there is no "
                    + o);
        }
        return t.outputs().get(o.index());
    }

    private static Map<String, Object> fields(OutPoint o, TxOutput output) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outpoint", o.toString());
        out.put("txid", o.txid().toHex());
        out.put("index", o.index());
        out.put("amount", output.amount());
        out.put("owner", output.owner().toHex());
        return out;
    }
}
