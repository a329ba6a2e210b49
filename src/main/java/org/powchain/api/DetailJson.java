package org.powchain.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import org.powchain.chain.BlockNode;
import org.powchain.chain.ChainQueries;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.TransactionRules;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.MerkleTree;
import org.powchain.core.Target;
import org.powchain.core.Transaction;

/**
 * The detailed views of {@code /api/v1}: a block or a transaction as {@link JsonCodec} writes it,
 * plus what a learner wants to check for themselves, computed here rather than trusted: where the
 * block is (main chain or side branch, confirmations), whether its hash is at or below its target,
 * the Merkle root recomputed from its transactions, each signature verified, and its header bytes
 * cut into fields.
 */
final class DetailJson {
    private final ObjectMapper mapper;
    private final JsonCodec json;
    private final ChainQueries chain;

    DetailJson(ObjectMapper mapper, JsonCodec json, ChainQueries chain) {
        this.mapper = mapper;
        this.json = json;
        this.chain = chain;
    }

    ObjectNode block(Block b) {
        BlockNode node = chain.node(b.hash()).orElseThrow(() -> ApiException.notFound("block " + b.hash() + " is gone"));
        int tipHeight = chain.height();
        boolean main = chain.isOnMainChain(b.hash());
        int bits = b.header().bits();
        Hash merkle = MerkleTree.rootOf(b.transactions());

        ObjectNode out = mapper.valueToTree(json.block(b, node.height()));
        out.put("status", main ? "main" : "side");
        out.put("confirmations", main ? Math.max(0, tipHeight - node.height() + 1) : 0);
        out.put("work", Target.work(bits).toString());
        out.put("chainWork", node.chainWork().toString());
        out.put("hashMeetsTarget", Target.meets(b.hash(), bits));
        out.put("computedMerkleRoot", merkle.toHex());
        out.put("merkleRootMatches", merkle.equals(b.header().merkleRoot()));
        if (main) {
            chain.blockAt(node.height() + 1).ifPresent(next -> out.put("nextHash", next.hash().toHex()));
        }
        out.set("headerFields", mapper.valueToTree(HeaderFields.of(b.header())));
        Iterator<JsonNode> txs = out.withArray("transactions").elements();
        for (Transaction t : b.transactions()) {
            signature((ObjectNode) txs.next(), t);
        }
        return out;
    }

    /** A transaction, with its signature checked by the consensus rule itself. */
    ObjectNode tx(Transaction t) {
        return signature(mapper.valueToTree(json.tx(t)), t);
    }

    private static ObjectNode signature(ObjectNode out, Transaction t) {
        if (t.isCoinbase()) {
            out.putNull("signatureValid"); // new coins: nobody signs them
            return out;
        }
        boolean valid;
        try {
            TransactionRules.checkSignature(t);
            valid = true;
        } catch (RuleViolation v) {
            valid = false;
        }
        out.put("signatureValid", valid);
        return out;
    }
}
