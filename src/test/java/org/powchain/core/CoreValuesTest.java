package org.powchain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The value types as a caller meets them: parsing, equality, keys, and the compact target at its odd sizes. */
@Tag("unit")
class CoreValuesTest {
    static final org.powchain.core.NetworkId NET = new org.powchain.chain.ChainBuilder().network();

    @Test
    void anAddressIsExactlyFortyHexCharacters() {
        String hex = Keys.demo("A").address().toHex();
        assertThat(Address.isAddress(hex)).isTrue();
        assertThat(Address.isAddress(hex.toUpperCase(java.util.Locale.ROOT))).isTrue();
        assertThat(Address.isAddress(hex.substring(1))).isFalse();
        assertThat(Address.isAddress(hex + "0")).isFalse();
        assertThat(Address.isAddress("g" + hex.substring(1))).isFalse();
        assertThat(Address.isAddress(hex.substring(1) + "/")).isFalse(); // '/' sorts just below '0'
        assertThat(Address.isAddress(hex.substring(1) + ":")).isFalse(); // ':' just above '9'
        assertThat(Address.isAddress(null)).isFalse();
        assertThat(Address.fromHex(hex)).isEqualTo(Keys.demo("A").address());
        assertThat(Address.fromHex(hex).toString()).isEqualTo(hex);
        assertThatThrownBy(() -> Address.fromHex(hex.substring(2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressesAndHashesSortAsUnsignedNumbers() {
        Address low = Address.fromHex("00" + "11".repeat(19));
        Address high = Address.fromHex("ff" + "11".repeat(19));
        assertThat(low.compareTo(high)).isNegative();
        assertThat(high.compareTo(low)).isPositive();
        assertThat(low.compareTo(Address.fromHex(low.toHex()))).isZero();
        Hash small = Hash.fromHex("00".repeat(31) + "01");
        Hash big = Hash.fromHex("80" + "00".repeat(31));
        assertThat(small.compareTo(big)).isNegative();
        assertThat(big.compareTo(small)).isPositive();
        assertThat(List.of(big, small).stream().sorted().toList()).containsExactly(small, big);
    }

    @Test
    void keysRoundTripThroughTheirPrivateKeyAndAreEqualByPublicKey() {
        Keys generated = Keys.generate(new SecureRandom());
        Keys again = Keys.fromPrivateKey(generated.privateKey());
        assertThat(again).isEqualTo(generated).hasSameHashCodeAs(generated);
        assertThat(again.address()).isEqualTo(generated.address());
        assertThat(again.publicKeyHex()).isEqualTo(java.util.HexFormat.of().formatHex(generated.publicKey())).hasSize(64);
        assertThat(again.toString()).contains(generated.address().toHex());
        assertThat(Keys.generate(new SecureRandom())).isNotEqualTo(generated);
        assertThat(generated).isNotEqualTo(Keys.demo("A"));
        assertThatThrownBy(() -> Keys.fromPrivateKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);

        byte[] message = {1, 2, 3};
        byte[] signature = generated.sign(message);
        assertThat(Keys.verify(generated.publicKey(), message, signature)).isTrue();
        assertThat(Keys.verify(Keys.demo("A").publicKey(), message, signature)).isFalse();
        assertThat(Keys.verify(generated.publicKey(), message, new byte[10])).isFalse();
    }

    @Test
    void blocksAndTransactionsAreEqualByTheirHash() {
        Keys a = Keys.demo("A");
        Transaction t = Transaction.signed(NET, a, Keys.demo("B").address(), 5, 1, 0);
        Transaction same = Transaction.decode(t.encode());
        assertThat(same).isEqualTo(t).hasSameHashCodeAs(t);
        assertThat(Transaction.signed(NET, a, Keys.demo("B").address(), 6, 1, 0)).isNotEqualTo(t);
        assertThat(t.toString()).isNotBlank();

        List<Transaction> txs = List.of(Transaction.coinbase(a.address(), 50, 1), t);
        Block b = new Block(new BlockHeader(1, Hash.ZERO, MerkleTree.rootOf(txs), 7, 0x207fffff, 1), txs);
        Block sameBlock = new Block(new BlockHeader(1, Hash.ZERO, MerkleTree.rootOf(txs), 7, 0x207fffff, 1), txs);
        Block otherNonce = new Block(new BlockHeader(1, Hash.ZERO, MerkleTree.rootOf(txs), 7, 0x207fffff, 2), txs);
        assertThat(sameBlock).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(otherNonce).isNotEqualTo(b);
        assertThat(b.toString()).contains(b.hash().toHex().substring(0, 16)).contains("2 txs");
        assertThat(MerkleTree.root(List.of(t.id()))).isEqualTo(t.id()); // one leaf is its own root
        assertThat(MerkleTree.root(List.of())).isEqualTo(Hash.ZERO);
        // the size limit counts these bytes: an 88-byte header, a 4-byte count, 148 bytes a transaction
        // (8 network id + 32 public key + 20 address + 3 x 8 amount, fee, nonce + 64 signature)
        assertThat(b.sizeBytes()).isEqualTo(88 + 4 + 2 * 148);
        assertThat(t.encode()).hasSize(148);
        assertThat(t.senderPublicKeyHex()).isEqualTo(a.publicKeyHex());
        assertThat(t.signatureHex()).isEqualTo(java.util.HexFormat.of().formatHex(t.signature())).hasSize(128);
        assertThat(t.id().toString()).isEqualTo(t.id().toHex());
    }

    @Test
    void compactTargetsOfEverySizeExpandAsBitcoinDoes() {
        assertThat(Target.fromCompact(0x03123456)).isEqualTo(BigInteger.valueOf(0x123456));
        assertThat(Target.fromCompact(0x02123456)).isEqualTo(BigInteger.valueOf(0x1234));
        assertThat(Target.fromCompact(0x01123456)).isEqualTo(BigInteger.valueOf(0x12));
        assertThat(Target.fromCompact(0x04123456)).isEqualTo(BigInteger.valueOf(0x12345600));
        // the sign bit: negative with a mantissa, plain zero without one
        assertThat(Target.fromCompact(0x04923456)).isEqualTo(BigInteger.ONE.negate());
        assertThat(Target.fromCompact(0x04800000)).isZero();
        // small targets compact back into sizes below 3
        assertThat(Target.toCompact(BigInteger.valueOf(0x12))).isEqualTo(0x01120000);
        assertThat(Target.toCompact(BigInteger.valueOf(0x1234))).isEqualTo(0x02123400);
        assertThat(Target.toCompact(BigInteger.valueOf(0x80))).isEqualTo(0x02008000); // sign bit kept clear
        // 256 bits is the widest target; one byte more is none
        assertThat(Target.fromCompact(0x2100ffff).bitLength()).isEqualTo(256);
        assertThat(Target.fromCompact(0x22010000)).isEqualTo(BigInteger.ONE.negate());
        assertThat(Target.fromCompact(Target.bitsForLeadingZeros(255))).isOne(); // the hardest: only hash 0 or 1
        assertThatThrownBy(() -> Target.bitsForLeadingZeros(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.bitsForLeadingZeros(-1)).isInstanceOf(IllegalArgumentException.class);
        // a target of zero is met by the zero hash alone
        assertThat(Target.meets(Hash.ZERO, 0)).isTrue();
        assertThat(Target.meets(Hash.fromHex("00".repeat(31) + "01"), 0)).isFalse();
        // a target that is no target needs no work
        assertThat(Target.work(0x04923456)).isZero();
        assertThat(Target.work(0x207fffff)).isEqualTo(BigInteger.TWO);
    }

    @Test
    void anEnumIsNamedInLowerCaseWithDashesAndReadBackFromThatName() {
        assertThat(Codes.of(MerkleProof.Side.LEFT)).isEqualTo("left");
        assertThat(Codes.of(java.time.format.TextStyle.FULL_STANDALONE)).isEqualTo("full-standalone");
        assertThat(Codes.parse(java.time.format.TextStyle.class, "full-standalone")).isEqualTo(java.time.format.TextStyle.FULL_STANDALONE);
        assertThatThrownBy(() -> Codes.parse(MerkleProof.Side.class, "middle")).isInstanceOf(IllegalArgumentException.class);
    }
}
