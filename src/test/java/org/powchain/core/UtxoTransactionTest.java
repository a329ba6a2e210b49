package org.powchain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The UTXO model's values as bytes: one canonical encoding, two hashes, and what decoding refuses. */
@Tag("unit")
class UtxoTransactionTest {
    static final NetworkId NET = new NetworkId(42);
    static final Keys A = Keys.demo("A");
    static final Keys B = Keys.demo("B");
    static final OutPoint COIN = new OutPoint(Hash.fromHex("ab".repeat(32)), 3);

    static UtxoTransaction transfer() {
        return UtxoTransaction.signed(NET, List.of(new UtxoTransaction.Spend(COIN, 1000, A)),
                List.of(new TxOutput(100, B.address()), new TxOutput(890, A.address())));
    }

    @Test
    void aTransferAndACoinbaseSurviveTheirBytes() {
        UtxoTransaction t = transfer();
        assertThat(t.size()).isEqualTo(8 + 4 + 140 + 4 + 2 * 28);
        UtxoTransaction back = UtxoTransaction.decode(t.encode());
        assertThat(back).isEqualTo(t);
        assertThat(back.id()).isEqualTo(t.id());
        assertThat(back.txid()).isEqualTo(t.txid());
        assertThat(back.inputs()).isEqualTo(t.inputs());
        assertThat(back.outputs()).isEqualTo(t.outputs());
        assertThat(back.network()).isEqualTo(NET);
        assertThat(back.isCoinbase()).isFalse();
        assertThat(back.coinbaseHeight()).isEqualTo(-1);

        UtxoTransaction cb = UtxoTransaction.coinbase(7, List.of(new TxOutput(50, A.address())));
        assertThat(cb.size()).isEqualTo(8 + 4 + 4 + 4 + 28);
        UtxoTransaction cbBack = UtxoTransaction.decode(cb.encode());
        assertThat(cbBack.isCoinbase()).isTrue();
        assertThat(cbBack.coinbaseHeight()).isEqualTo(7);
        assertThat(cbBack.txid()).isEqualTo(cb.txid());
        assertThat(cbBack.network()).isEqualTo(NetworkId.NONE);
    }

    @Test
    void theTxidLeavesSignaturesOutAndTheIdDoesNot() {
        UtxoTransaction t = transfer();
        TxInput in = t.inputs().get(0);
        byte[] otherSignature = A.sign(new byte[] {1, 2, 3});
        UtxoTransaction resigned = UtxoTransaction.of(NET, List.of(new TxInput(in.outpoint(), in.amount(),
                in.publicKey(), otherSignature)), t.outputs());
        assertThat(resigned.txid()).isEqualTo(t.txid());
        assertThat(resigned.id()).isNotEqualTo(t.id());
        assertThat(resigned).isNotEqualTo(t);
        assertThat(t.id()).isEqualTo(Hashing.doubleSha256(t.encode()));
        // everything else is in the txid
        UtxoTransaction otherKey = UtxoTransaction.of(NET, List.of(new TxInput(in.outpoint(), in.amount(),
                B.publicKey(), in.signature())), t.outputs());
        assertThat(otherKey.txid()).isNotEqualTo(t.txid());
        UtxoTransaction otherAmount = UtxoTransaction.of(NET, List.of(new TxInput(in.outpoint(), 999,
                in.publicKey(), in.signature())), t.outputs());
        assertThat(otherAmount.txid()).isNotEqualTo(t.txid());
        assertThat(UtxoTransaction.of(new NetworkId(43), t.inputs(), t.outputs()).txid()).isNotEqualTo(t.txid());
        assertThat(t.outpoint(1)).isEqualTo(new OutPoint(t.txid(), 1));
        assertThatThrownBy(() -> t.outpoint(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** The Merkle root hashes {@code Transaction.id()}: it must cover the signatures, so a block's hash does. */
    @Test
    void asATransactionOfABlockItIsKnownByTheHashOfEveryByte() {
        UtxoTransaction t = transfer();
        Transaction asBlockCarriesIt = t;
        assertThat(asBlockCarriesIt.id()).isEqualTo(Hashing.doubleSha256(t.encode())).isNotEqualTo(t.txid());
        assertThat(asBlockCarriesIt.size()).isEqualTo(t.encode().length);
        TxInput in = t.inputs().get(0);
        UtxoTransaction badSignature = UtxoTransaction.of(NET, List.of(new TxInput(in.outpoint(), in.amount(),
                in.publicKey(), new byte[Keys.SIGNATURE_SIZE])), t.outputs());
        UtxoTransaction coinbase = UtxoTransaction.coinbase(1, List.of(new TxOutput(50, A.address())));
        assertThat(MerkleTree.rootOf(List.of(coinbase, badSignature)))
                .isNotEqualTo(MerkleTree.rootOf(List.of(coinbase, t)));
        assertThat(coinbase.isCoinbase()).isTrue();
        assertThat(asBlockCarriesIt.isCoinbase()).isFalse();
    }

    @Test
    void theSignedMessageIsTheNetworkTheOutpointsWithTheirAmountsAndTheOutputs() {
        UtxoTransaction t = transfer();
        byte[] expected = ByteBuffer.allocate(8 + 4 + 44 + 4 + 2 * 28).putLong(42).putInt(1)
                .put(COIN.txid().toBytes()).putInt(3).putLong(1000).putInt(2)
                .putLong(100).put(B.address().toBytes()).putLong(890).put(A.address().toBytes()).array();
        assertThat(t.signedBytes()).isEqualTo(expected);
        assertThat(Keys.verify(A.publicKey(), expected, t.inputs().get(0).signature())).isTrue();
        assertThat(t.inputs().get(0).amount()).isEqualTo(1000);
    }

    @Test
    void decodingRefusesAnythingButExactlyOneTransaction() {
        byte[] good = transfer().encode();
        assertThatThrownBy(() -> UtxoTransaction.decode(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claims 2 outputs in 55 bytes");
        assertThatThrownBy(() -> UtxoTransaction.decode(Arrays.copyOf(good, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> UtxoTransaction.decode(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 more bytes");
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(8, Integer.MAX_VALUE); // the input count: refused before allocating
        assertThatThrownBy(() -> UtxoTransaction.decode(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2147483647 inputs");
        byte[] negative = good.clone();
        ByteBuffer.wrap(negative).putInt(8 + 4 + 32, -1); // the outpoint's index
        assertThatThrownBy(() -> UtxoTransaction.decode(negative)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4294967295");
        assertThatThrownBy(() -> UtxoTransaction.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UtxoTransaction.of(NET, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOutpointIsWrittenTxidColonIndex() {
        assertThat(COIN).hasToString("ab".repeat(32) + ":3");
        assertThat(OutPoint.parse(COIN.toString())).isEqualTo(COIN);
        assertThat(OutPoint.parse("ab".repeat(32) + ":2147483647").index()).isEqualTo(Integer.MAX_VALUE);
        for (String bad : new String[] {"ab".repeat(32), "ab".repeat(32) + ":", "ab".repeat(32) + ":-1",
                "ab".repeat(32) + ":2147483648", "ab".repeat(32) + ":1x", "ab".repeat(31) + ":1", ":1"}) {
            assertThatThrownBy(() -> OutPoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new OutPoint(COIN.txid(), 2)).isLessThan(COIN);
        assertThat(COIN.encode()).hasSize(OutPoint.SIZE);
    }

    @Test
    void anUndoRecordSurvivesItsBytesInOrder() {
        Map<OutPoint, UnspentOutput> spent = new LinkedHashMap<>();
        spent.put(COIN, new UnspentOutput(new TxOutput(1000, A.address()), 4, true));
        spent.put(new OutPoint(COIN.txid(), 0), new UnspentOutput(new TxOutput(7, B.address()), 0, false));
        Map<OutPoint, UnspentOutput> created = Map.of(transfer().outpoint(0),
                new UnspentOutput(new TxOutput(100, B.address()), 5, false));
        UtxoChange change = new UtxoChange(spent, created);
        UtxoChange back = UtxoChange.decode(change.encode());
        assertThat(back).isEqualTo(change);
        assertThat(back.spent().keySet()).containsExactly(COIN, new OutPoint(COIN.txid(), 0));
        byte[] bytes = change.encode();
        assertThatThrownBy(() -> UtxoChange.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UtxoChange.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        // an outpoint listed twice, in one list or across both: each change has one encoding
        UtxoChange twice = UtxoChange.decode(change.encode());
        byte[] dup = twice.encode();
        System.arraycopy(dup, 4, dup, 4 + OutPoint.SIZE + UnspentOutput.SIZE, OutPoint.SIZE + UnspentOutput.SIZE);
        assertThatThrownBy(() -> UtxoChange.decode(dup)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(COIN + " twice");
        byte[] across = new UtxoChange(Map.of(COIN, spent.get(COIN)), Map.of(COIN, spent.get(COIN))).encode();
        assertThatThrownBy(() -> UtxoChange.decode(across)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both spent and created");
        byte[] badFlag = bytes.clone();
        badFlag[4 + OutPoint.SIZE + UnspentOutput.SIZE - 1] = 2;
        assertThatThrownBy(() -> UtxoChange.decode(badFlag)).isInstanceOf(IllegalArgumentException.class);
    }
}
