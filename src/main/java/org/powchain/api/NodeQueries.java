package org.powchain.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.TransactionCodec;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.LedgerView;
import org.powchain.core.Transaction;
import org.powchain.node.Node;

/**
 * What the original routes and {@code /api/v1} both answer, written once: accounts by name or
 * address, blocks by height or hash, mining a block, admitting a transaction.
 */
final class NodeQueries {
    /** Longest decimal height we parse; anything longer is not a height. */
    private static final int MAX_HEIGHT_DIGITS = 10;

    private final Node node;
    private final JsonCodec json;

    NodeQueries(Node node, JsonCodec json) {
        this.node = node;
        this.json = json;
    }

    /** The address a demo name or 40-hex address stands for; a 400 naming {@code param} if neither. */
    Address resolve(String nameOrAddress, String param) {
        try {
            return node.accounts().resolve(nameOrAddress);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad-account", param + ": " + e.getMessage());
        }
    }

    /**
     * {@code {"account","address","balance",…}}: what getbalance answers, and the start of an account
     * resource. The ledger model reads the tip's ledger and adds its own fields: the account model
     * the nonce, the UTXO model how many unspent outputs make the balance.
     */
    Map<String, Object> balance(String account, Address address) {
        Ledger ledger = node.queries().params().ledger();
        LedgerView tip = node.queries().snapshot().ledger();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", account);
        out.put("address", address.toHex());
        out.put("balance", ledger.balance(tip, address));
        ledger.describeAccount(tip, address, new MapFields(out));
        return out;
    }

    /** A model's fields into a JSON object's map; lists are not what an account shows. */
    private record MapFields(Map<String, Object> out) implements TransactionCodec.Fields {
        @Override
        public void put(String name, String value) {
            out.put(name, value);
        }

        @Override
        public void put(String name, long value) {
            out.put(name, value);
        }

        @Override
        public void put(String name, boolean value) {
            out.put(name, value);
        }

        @Override
        public TransactionCodec.Elements list(String name) {
            List<Map<String, Object>> list = new ArrayList<>();
            out.put(name, list);
            return () -> {
                Map<String, Object> element = new LinkedHashMap<>();
                list.add(element);
                return new MapFields(element);
            };
        }
    }

    /** Main-chain blocks from height {@code from}, at most {@code limit}, oldest first. */
    List<JsonCodec.BlockJson> mainChain(int from, int limit) {
        List<Block> blocks = node.queries().blocks(from, limit);
        List<JsonCodec.BlockJson> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            out.add(json.block(blocks.get(i), from + i));
        }
        return out;
    }

    /** The block {@code id} names: a main-chain height, or a 64-hex hash on any branch; 404 if none. */
    Block block(String id) {
        Optional<Block> block;
        if (id.length() == Hash.SIZE * 2 && id.matches("[0-9a-fA-F]+")) {
            block = node.queries().block(Hash.fromHex(id.toLowerCase(java.util.Locale.ROOT)));
        } else if (!id.isEmpty() && id.length() <= MAX_HEIGHT_DIGITS && id.chars().allMatch(Character::isDigit)) {
            long height = Long.parseLong(id);
            block = height > Integer.MAX_VALUE ? Optional.empty() : node.queries().blockAt((int) height);
        } else {
            throw ApiException.badRequest("bad-parameter", "a block is named by its height (a whole number) or its"
                    + " hash (64 hex characters), got '" + abbreviate(id) + "'");
        }
        return block.orElseThrow(() -> ApiException.notFound("no block " + abbreviate(id) + " on this node"));
    }

    /** The height of a stored block (any branch). */
    int heightOf(Block block) {
        return node.queries().node(block.hash()).map(n -> n.height()).orElse(-1);
    }

    /** Mines one block (the request waits; others are served meanwhile) and answers it as JSON. */
    void mine(Context ctx) {
        ctx.future(() -> node.miner().mineOne().handle((block, failure) -> {
            if (failure != null) {
                throw new ApiException(503, "miner-stopped", "the node is shutting down");
            }
            return ctx.json(json.block(block, heightOf(block)));
        }));
    }

    /** Runs a mempool admission; a broken rule becomes the 4xx naming it. */
    static <T extends Transaction> T admit(Callable<T> admission) {
        try {
            return admission.call();
        } catch (RuleViolation v) {
            throw ApiException.of(v);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        return s.length() > 70 ? s.substring(0, 70) + "..." : s;
    }
}
