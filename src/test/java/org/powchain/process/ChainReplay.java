package org.powchain.process;

import org.powchain.core.WallClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.powchain.chain.BlockOutcome;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.wire.WireFormat;
import org.powchain.store.MemoryStore;

/**
 * An independent judge of what a node serves: every block the node shows is validated again from
 * genesis by a fresh in-memory chain (proof of work, links, difficulty, signatures, nonces,
 * balances, coinbase), so "the chain is valid" and "balances equal a replay" are checked by the
 * rules themselves, not by trusting the node. Incremental: blocks already judged are only
 * compared, and must not have changed.
 */
final class ChainReplay {
    private final WireFormat wire;
    private final ChainManager replay;
    private final Set<String> txIds = new HashSet<>();

    ChainReplay(ConsensusParams params) {
        wire = WireFormat.of(params);
        replay = ChainManager.open(params, new MemoryStore(), new SignatureVerifier(100_000), WallClock::millis);
    }

    int height() {
        return replay.queries().height();
    }

    /** Fetches and validates the node's main chain up to {@code height}. */
    void extendTo(NodeProcess node, int height) throws Exception {
        int from = replay.queries().height();
        while (from < height) {
            int limit = Math.min(1000, height - from + 1);
            JsonNode page = node.getOk("/getblockchain?from=" + from + "&limit=" + limit);
            for (JsonNode b : page) {
                Block block = wire.parseBlock(b);
                int h = b.get("height").asInt();
                if (h <= replay.queries().height()) { // already judged: it must still be the same block
                    assertThat(block.hash()).as("block at height %d changed", h)
                            .isEqualTo(replay.queries().blockAt(h).orElseThrow().hash());
                    continue;
                }
                BlockOutcome outcome = replay.process(block); // throws RuleViolation for an invalid block
                assertThat(outcome.status()).as("block %d extends the main chain", h).isEqualTo(BlockOutcome.Status.MAIN_CHAIN);
                assertThat(outcome.height()).isEqualTo(h);
                block.transactions().forEach(t -> txIds.add(t.id().toHex()));
            }
            from = replay.queries().height();
            assertThat(page.size()).as("the node serves blocks up to %d", height).isPositive();
        }
    }

    /** What {@code a} may spend on the replayed chain, as its model reads the ledger. */
    long balance(Address a) {
        return replay.queries().balance(a);
    }

    /** The whole numbers the model's {@code getbalance} adds for {@code a}: the nonce, or the unspent outputs. */
    java.util.Map<String, Long> accountFields(Address a) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        replay.queries().params().ledger().describeAccount(replay.queries().snapshot().ledger(), a,
                new org.powchain.consensus.TransactionCodec.Fields() {
                    @Override
                    public void put(String name, String value) {}

                    @Override
                    public void put(String name, long value) {
                        out.put(name, value);
                    }

                    @Override
                    public void put(String name, boolean value) {}

                    @Override
                    public org.powchain.consensus.TransactionCodec.Elements list(String name) {
                        return () -> this;
                    }
                });
        return out;
    }

    AccountState account(Address a) {
        return org.powchain.core.AccountState.of(replay.queries().snapshot().ledger(), a);
    }

    boolean mined(String txId) {
        return txIds.contains(txId);
    }
}
