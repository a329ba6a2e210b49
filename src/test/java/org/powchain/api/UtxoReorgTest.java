package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.Block;
import org.powchain.core.Bytes;
import org.powchain.core.Hashing;
import org.powchain.core.Keys;
import org.powchain.core.LedgerView;
import org.powchain.core.OutPoint;
import org.powchain.core.TxOutput;
import org.powchain.core.UtxoTransaction;
import org.powchain.node.NodeConfig;
import org.powchain.wire.WireFormat;

/**
 * A reorg restores the set of unspent outputs byte for byte, through a real node: a branch that
 * spends A's and B's coins is connected, a heavier branch spending A's coin elsewhere takes its
 * place, fails at its last block, and the node goes back to the first branch. The set's hash is
 * the same before and after the two reorgs, and every output the failed branch made is gone.
 */
@Tag("http")
class UtxoReorgTest {
    static final Keys A = Keys.demo("A");
    static final Keys B = Keys.demo("B");
    static final Keys C = Keys.demo("C");

    final NodeConfig config = NodeConfig.forTests("reorg").withParams(NodeConfig.forTests("reorg").params()
            .withLedger(UtxoLedger.INSTANCE));
    final TestNode n = new TestNode(config);
    final ChainBuilder builder = new ChainBuilder(config.params());
    final WireFormat wire = WireFormat.of(config.params());

    @AfterEach
    void stop() {
        n.close();
    }

    /** SHA-256 of every entry of the set, in key order: equal exactly when the sets are. */
    static String hash(LedgerView set) {
        MessageDigest sha = Hashing.newSha256();
        Map<String, Bytes> sorted = new TreeMap<>();
        set.entries().forEach((k, v) -> sorted.put(k.toString(), v));
        sorted.forEach((k, v) -> {
            sha.update(k.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sha.update(v.toBytes());
        });
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    String setHash() {
        return hash(n.node().queries().snapshot().ledger());
    }

    String send(Block b) {
        TestNode.Reply r = n.post("/addblock", wire.block(b).toString());
        return r.status() == 200 ? r.json().path("status").asText() : r.json().path("error").asText();
    }

    UtxoTransaction pay(Keys from, OutPoint coin, long amount, TxOutput... outputs) {
        return UtxoTransaction.signed(builder.network(), List.of(new UtxoTransaction.Spend(coin, amount, from)), List.of(outputs));
    }

    static TxOutput to(Keys k, long amount) {
        return new TxOutput(amount, k.address());
    }

    @Test
    void aReorgAwayAndBackRestoresTheSetByteForByte() {
        Block genesis = builder.genesis();
        OutPoint aCoin = UtxoLedger.transfer(genesis.transactions().get(0)).outpoint(0);
        OutPoint bCoin = UtxoLedger.transfer(genesis.transactions().get(1)).outpoint(0);
        String atGenesis = setHash();

        UtxoTransaction aPaysB = pay(A, aCoin, 1000, to(B, 100), to(A, 900));
        Block x1 = builder.child(genesis, aPaysB);
        UtxoTransaction bPaysC = UtxoTransaction.signed(builder.network(), List.of(new UtxoTransaction.Spend(bCoin, 1000, B),
                new UtxoTransaction.Spend(aPaysB.outpoint(0), 100, B)), List.of(to(C, 1050), to(B, 50)));
        UtxoTransaction cPaysA = pay(C, bPaysC.outpoint(0), 1050, to(A, 1050)); // spends what the block made
        Block x2 = builder.child(x1, bPaysC, cPaysA);
        assertThat(send(x1)).isEqualTo("main-chain");
        assertThat(send(x2)).isEqualTo("main-chain");
        String before = setHash();
        Map<Bytes, Bytes> entriesBefore = Map.copyOf(n.node().queries().snapshot().ledger().entries());
        assertThat(before).isNotEqualTo(atGenesis);

        // a heavier branch spends A's genesis coin elsewhere, and its last block spends it again
        UtxoTransaction aPaysC = pay(A, aCoin, 1000, to(C, 1000));
        Block y1 = builder.child(genesis, aPaysC);
        Block y2 = builder.child(y1);
        Block y3 = builder.child(y2, pay(A, aCoin, 1000, to(B, 1000)));
        assertThat(send(y1)).isEqualTo("side-branch");
        assertThat(send(y2)).isEqualTo("side-branch");
        // y3 can only break this rule on top of y1's set: x2 and x1 were disconnected, y1 and y2 connected,
        // y3 refused, and the node went back to x2, first seen of the two branches of equal work
        assertThat(send(y3)).isEqualTo("input-missing-or-spent");

        assertThat(n.node().queries().tipNode().hash()).isEqualTo(x2.hash());
        assertThat(setHash()).isEqualTo(before);
        assertThat(n.node().queries().snapshot().ledger().entries()).isEqualTo(entriesBefore);
        assertThat(n.get("/api/v1/outpoints/" + aCoin).json().path("spentBy").asText()).isEqualTo(aPaysB.id().toHex());
        assertThat(n.get("/api/v1/outpoints/" + aPaysC.outpoint(0)).status()).isEqualTo(404); // y1's output: gone
        assertThat(n.get("/getbalance?account=A").json().path("balance").asLong()).isEqualTo(900 + 1050);
    }
}
