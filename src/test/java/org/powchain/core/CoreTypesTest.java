package org.powchain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CoreTypesTest {
    static final NetworkId NET = new NetworkId(0x0123456789abcdefL);

    @Test
    void demoKeysAreDeterministicAndCaseInsensitive() {
        assertThat(Keys.demo("A").address()).isEqualTo(Keys.demo("a").address());
        assertThat(Keys.demo("A").address()).isNotEqualTo(Keys.demo("B").address());
        assertThat(Keys.isDemoName("alice")).isTrue();
        assertThat(Keys.isDemoName("bad name")).isFalse();
        assertThat(Keys.isDemoName("x".repeat(33))).isFalse();
        assertThat(Keys.isDemoName("0123456789012345678901234567890123456789")).isFalse(); // an address
    }

    @Test
    void aSignedTransactionVerifiesAndAnyChangedByteBreaksIt() {
        Keys alice = Keys.generate(new SecureRandom());
        AccountTransaction tx = AccountTransaction.signed(NET, alice, Keys.demo("B").address(), 10, 1, 0);
        assertThat(Keys.verify(tx.senderPublicKey(), tx.signedBytes(), tx.signature())).isTrue();
        assertThat(tx.sender()).isEqualTo(alice.address());

        byte[] bytes = tx.encode();
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bent = bytes.clone();
                bent[i] ^= (byte) (1 << bit);
                AccountTransaction t = AccountTransaction.decode(bent);
                assertThat(Keys.verify(t.senderPublicKey(), t.signedBytes(), t.signature()))
                        .as("byte %d bit %d", i, bit).isFalse();
            }
        }
    }

    @Test
    void encodingsRoundTrip() {
        AccountTransaction tx = AccountTransaction.signed(NET, Keys.demo("A"), Keys.demo("B").address(), 5, 0, 3);
        assertThat(AccountTransaction.decode(tx.encode())).isEqualTo(tx);
        BlockHeader h = new BlockHeader(1, Hash.ZERO, tx.id(), 123, 0x1f00ffff, -5);
        assertThat(h.encode()).hasSize(BlockHeader.SIZE);
        assertThat(BlockHeader.decode(h.encode())).isEqualTo(h);
        assertThat(h.hash()).isEqualTo(Hashing.doubleSha256(h.encode()));
    }

    @Test
    void coinbasesAtDifferentHeightsHaveDifferentIds() {
        Address miner = Keys.demo("m").address();
        assertThat(AccountTransaction.coinbase(miner, 50, 1).id()).isNotEqualTo(AccountTransaction.coinbase(miner, 50, 2).id());
        assertThat(AccountTransaction.coinbase(miner, 50, 1).isCoinbase()).isTrue();
    }

    @Test
    void merkleRootPairsLeavesAndDuplicatesTheOddOne() {
        Hash a = Hashing.doubleSha256(new byte[] {1});
        Hash b = Hashing.doubleSha256(new byte[] {2});
        Hash c = Hashing.doubleSha256(new byte[] {3});
        Hash ab = pair(a, b);
        assertThat(MerkleTree.root(List.of(a))).isEqualTo(a);
        assertThat(MerkleTree.root(List.of(a, b))).isEqualTo(ab);
        assertThat(MerkleTree.root(List.of(a, b, c))).isEqualTo(pair(ab, pair(c, c)));
        // the ambiguity that makes duplicate transactions a consensus rule (CVE-2012-2459)
        assertThat(MerkleTree.root(List.of(a, b, c, c))).isEqualTo(MerkleTree.root(List.of(a, b, c)));
    }

    private static Hash pair(Hash l, Hash r) {
        byte[] both = new byte[64];
        System.arraycopy(l.toBytes(), 0, both, 0, 32);
        System.arraycopy(r.toBytes(), 0, both, 32, 32);
        return Hashing.doubleSha256(both);
    }

    @Test
    void compactTargetsMatchBitcoinsEncoding() {
        assertThat(Target.fromCompact(0x1d00ffff)).isEqualTo(new BigInteger("ffff", 16).shiftLeft(8 * 26));
        assertThat(Target.toCompact(Target.fromCompact(0x1d00ffff))).isEqualTo(0x1d00ffff);
        assertThat(Target.toCompact(Target.fromCompact(0x1b0404cb))).isEqualTo(0x1b0404cb);
        assertThat(Target.fromCompact(0x04923456).signum()).isNegative(); // sign bit set
        assertThat(Target.bitsForLeadingZeros(16)).isEqualTo(0x1f00ffff);
        assertThat(Target.leadingZeroBits(Target.bitsForLeadingZeros(20))).isBetween(19.99, 20.01);
        assertThat(Target.work(Target.bitsForLeadingZeros(8))).isEqualTo(BigInteger.valueOf(256));
    }

    @Test
    void aHashMeetsATargetOnlyAtOrBelowIt() {
        int bits = Target.bitsForLeadingZeros(8);
        assertThat(Target.meets(Hash.fromHex("00fffe" + "ff".repeat(29)), bits)).isTrue();
        assertThat(Target.meets(Hash.fromHex("0100" + "00".repeat(30)), bits)).isFalse();
    }

    @Test
    void addressesAndHashesRefuseMalformedText() {
        assertThatThrownBy(() -> Address.fromHex("xyz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hash.fromHex("00")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Address.isAddress("g".repeat(40))).isFalse();
    }
}
