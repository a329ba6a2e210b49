package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Genesis;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.TxOutput;
import org.powchain.core.UtxoTransaction;
import org.powchain.wire.MalformedMessage;
import org.powchain.wire.WireFormat;

/** The UTXO model's JSON, as peers, the API and the wallet write and read it: every byte survives, nothing else passes. */
@Tag("unit")
class UtxoTransactionJsonTest {
    static final ConsensusParams P = ConsensusParams.defaults().withLedger(UtxoLedger.INSTANCE);
    static final NetworkId NET = Genesis.networkId(P);
    static final Keys A = Keys.demo("A");
    static final Address B = Keys.demo("B").address();
    static final OutPoint COIN = new OutPoint(Hash.fromHex("ab".repeat(32)), 3);

    final WireFormat wire = WireFormat.of(P);
    final UtxoTransaction transfer = UtxoTransaction.signed(NET, List.of(new UtxoTransaction.Spend(COIN, 1000, A)),
            List.of(new TxOutput(100, B), new TxOutput(890, A.address())));

    @Test
    void aTransferAndACoinbaseComeBackByteForByte() {
        ObjectNode json = wire.tx(transfer);
        assertThat(json.fieldNames()).toIterable().containsExactly("id", "txid", "network", "inputs", "outputs");
        assertThat(json.at("/inputs/0/txid").asText()).isEqualTo(COIN.txid().toHex());
        assertThat(json.at("/inputs/0/index").asInt()).isEqualTo(3);
        assertThat(wire.parseTransaction(json).encode()).isEqualTo(transfer.encode());

        UtxoTransaction coinbase = UtxoTransaction.coinbase(7, List.of(new TxOutput(50, B)));
        ObjectNode cb = wire.tx(coinbase);
        assertThat(cb.get("inputs")).isEmpty();
        assertThat(cb.get("coinbaseHeight").asInt()).isEqualTo(7);
        assertThat(wire.parseTransaction(cb).encode()).isEqualTo(coinbase.encode());
        // a coinbase with a network is no canonical coinbase, but it reads as written: the rules refuse it by name
        cb.put("network", NET.toString());
        cb.remove("id");
        UtxoTransaction stamped = UtxoLedger.transfer(wire.parseTransaction(cb));
        assertThat(stamped.isCoinbase()).isTrue();
        assertThat(stamped.network()).isEqualTo(NET);
    }

    @Test
    void theDisplayShowsTheOutpointsTheFeeAndTheNames() {
        ObjectNode shown = wire.displayTx(transfer, Map.of(A.address(), "A", B, "B")::get);
        assertThat(shown.get("fee").asLong()).isEqualTo(10);
        assertThat(shown.get("coinbase").asBoolean()).isFalse();
        assertThat(shown.at("/inputs/0/outpoint").asText()).isEqualTo(COIN.toString());
        assertThat(shown.at("/inputs/0/spenderName").asText()).isEqualTo("A");
        assertThat(shown.at("/outputs/1/outpoint").asText()).isEqualTo(transfer.outpoint(1).toString());
        assertThat(shown.at("/outputs/0/ownerName").asText()).isEqualTo("B");
        assertThat(wire.parseTransaction(shown).id()).isEqualTo(transfer.id()); // display fields are ignored
    }

    @Test
    void anythingElseIsGarbageNamingTheField() {
        ObjectNode changed = wire.tx(transfer);
        ((ObjectNode) changed.at("/outputs/0")).put("amount", 101);
        assertThatThrownBy(() -> wire.parseTransaction(changed)).isInstanceOf(MalformedMessage.class)
                .hasMessageContaining("does not match the transaction's content");
        ObjectNode noList = wire.tx(transfer);
        noList.put("inputs", "all of them");
        assertThatThrownBy(() -> wire.parseTransaction(noList)).isInstanceOf(MalformedMessage.class)
                .hasMessageContaining("'inputs' must be an array");
        ObjectNode badIndex = wire.tx(transfer);
        badIndex.remove("id");
        ((ObjectNode) badIndex.at("/inputs/0")).put("index", -1);
        assertThatThrownBy(() -> wire.parseTransaction(badIndex)).isInstanceOf(MalformedMessage.class)
                .hasMessageContaining("'index'");
        ObjectNode notObject = wire.tx(transfer);
        ((ArrayNode) notObject.get("outputs")).add(5);
        assertThatThrownBy(() -> wire.parseTransaction(notObject)).isInstanceOf(MalformedMessage.class);
        ObjectNode shortKey = wire.tx(transfer);
        shortKey.remove("id");
        ((ObjectNode) shortKey.at("/inputs/0")).put("publicKey", "abcd");
        assertThatThrownBy(() -> wire.parseTransaction(shortKey)).isInstanceOf(MalformedMessage.class)
                .hasMessageContaining("'publicKey' must be 64 hex characters");
    }
}
