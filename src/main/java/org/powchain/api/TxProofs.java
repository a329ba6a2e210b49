package org.powchain.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import org.powchain.chain.ChainQueries;
import org.powchain.core.Block;
import org.powchain.core.Codes;
import org.powchain.core.Hash;
import org.powchain.core.MerkleProof;
import org.powchain.core.Target;
import org.powchain.core.Transaction;

/**
 * {@code GET /api/v1/transactions/{id}/proof}: what a light client needs to check that a
 * transaction is in a block without downloading the block: the block's 88 header bytes and the
 * Merkle branch from the transaction id to the header's Merkle root ({@link MerkleProof}), like
 * Bitcoin Core's {@code gettxoutproof}. Only main-chain transactions have one; a pending
 * transaction is in no block yet. See docs/concepts/light-clients.md.
 */
final class TxProofs {
    private final ChainQueries chain;
    private final TxIndex txIndex;
    private final ObjectMapper mapper;

    TxProofs(ChainQueries chain, TxIndex txIndex, ObjectMapper mapper) {
        this.chain = chain;
        this.txIndex = txIndex;
        this.mapper = mapper;
    }

    ObjectNode proof(Hash txId, boolean pending) {
        TxIndex.Located found = txIndex.find(txId).orElseThrow(() -> ApiException.notFound(pending
                ? "transaction " + txId + " is pending in the mempool: it is in no block yet, so there is no proof"
                : "no transaction " + txId + " on the main chain"));
        Block block = chain.block(found.blockHash()).orElseThrow(() -> ApiException.notFound(
                "block " + found.blockHash() + " is gone: the chain moved on, ask again"));
        int index = block.transactions().stream().map(Transaction::id).toList().indexOf(txId);
        MerkleProof proof = MerkleProof.of(block, index);
        ObjectNode out = mapper.createObjectNode();
        out.put("txid", txId.toHex());
        out.put("blockHash", block.hash().toHex());
        out.put("height", found.height());
        out.put("header", HexFormat.of().formatHex(block.header().encode()));
        out.put("merkleRoot", block.header().merkleRoot().toHex());
        out.put("index", index);
        out.put("txCount", block.transactions().size());
        out.put("confirmations", Math.max(0, chain.height() - found.height() + 1));
        ArrayNode branch = out.putArray("branch");
        for (MerkleProof.Step step : proof.branch()) {
            branch.addObject().put("hash", step.hash().toHex()).put("side", Codes.of(step.side()));
        }
        // for the explorer: what each step gives; a verifier recomputes these rather than reading them
        ArrayNode path = out.putArray("path");
        proof.path().forEach(h -> path.add(h.toHex()));
        out.put("blockHashMeetsTarget", Target.meets(block.hash(), block.header().bits()));
        out.put("target", String.format("%064x", Target.fromCompact(block.header().bits())));
        return out;
    }
}
