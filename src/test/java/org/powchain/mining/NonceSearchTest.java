package org.powchain.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Hashing;
import org.powchain.core.Target;

@Tag("unit")
class NonceSearchTest {
    /** Every way of building a search: the default (direct compression), plain Java, MessageDigest. */
    private static final List<BiFunction<byte[], Integer, NonceSearch>> SEARCHES =
            List.of(NonceSearch::new,
                    (h, bits) -> NonceSearch.using(NonceSearch.Hasher.PURE_JAVA, h, bits),
                    (h, bits) -> NonceSearch.using(NonceSearch.Hasher.MESSAGE_DIGEST, h, bits));
    /** Target 1: no hash meets it. */
    private static final int IMPOSSIBLE_BITS = 0x03000001;

    private final Random random = new Random(20240606);

    @Test
    void directCompressionIsReachableWhereTheJarsManifestOpensIt() {
        // surefire passes the same --add-opens as powchain.jar's manifest; without it mining is slower
        assertThat(CompressionHeaderHasher.isAvailable()).isTrue();
        assertThat(NonceSearch.fastestHasher(randomHeader())).isInstanceOf(CompressionHeaderHasher.class);
    }

    @Test
    void hashersMatchMessageDigestDoubleSha256OnRandomHeaders() throws Exception {
        MessageDigest sha = Hashing.newSha256();
        int[] jdk = new int[8];
        int[] pure = new int[8];
        int[] direct = new int[8];
        for (int i = 0; i < 2_000; i++) {
            byte[] header = randomHeader();
            HeaderHasher jdkHasher = new JdkHeaderHasher(header);
            HeaderHasher pureHasher = new PureJavaHeaderHasher(header);
            HeaderHasher directHasher = CompressionHeaderHasher.create(header).orElseThrow();
            for (int j = 0; j < 5; j++) {
                long nonce = j == 0 ? 0 : j == 1 ? -1 : random.nextLong();
                byte[] withNonce = withNonce(header, nonce);
                byte[] expected = sha.digest(sha.digest(withNonce));

                jdkHasher.hash(nonce, jdk);
                pureHasher.hash(nonce, pure);
                directHasher.hash(nonce, direct);

                assertThat(bytes(jdk)).as("JDK hasher, header %d nonce %d", i, nonce).isEqualTo(expected);
                assertThat(bytes(pure)).as("plain-Java hasher, header %d nonce %d", i, nonce).isEqualTo(expected);
                assertThat(bytes(direct)).as("direct-compression hasher, header %d nonce %d", i, nonce).isEqualTo(expected);
            }
        }
    }

    @Test
    void hashMatchesBlockHeaderHash() {
        byte[] header = randomHeader();
        int[] out = new int[8];
        new PureJavaHeaderHasher(header).hash(42, out);
        assertThat(Hash.of(bytes(out))).isEqualTo(BlockHeader.decode(header).withNonce(42).hash());
    }

    @Test
    void findsExactlyTheFirstQualifyingNonceAtEasyTargets() {
        for (int zeroBits : new int[] {0, 1, 3, 6, 9}) {
            int bits = Target.bitsForLeadingZeros(zeroBits);
            for (int i = 0; i < 5; i++) {
                byte[] header = randomHeader();
                long start = random.nextInt(1_000_000);
                long count = 5_000;
                OptionalLong expected = bruteForce(header, bits, start, 1, count);
                for (var search : SEARCHES) {
                    assertThat(search.apply(header, bits).search(start, 1, count))
                            .as("%d leading zero bits, start %d", zeroBits, start)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void stepGreaterThanOneTriesOnlyItsOwnNonces() {
        int bits = Target.bitsForLeadingZeros(5);
        for (int i = 0; i < 10; i++) {
            byte[] header = randomHeader();
            long start = random.nextInt(1_000);
            long step = 2 + random.nextInt(7); // as a thread among `step` miners would
            OptionalLong expected = bruteForce(header, bits, start, step, 2_000);
            assertThat(expected).as("a 1-in-32 target is met within 2,000 tries").isPresent();
            for (var search : SEARCHES) {
                OptionalLong found = search.apply(header, bits).search(start, step, 2_000);
                assertThat(found).isEqualTo(expected);
                assertThat((found.getAsLong() - start) % step).isZero();
            }
        }
    }

    @Test
    void returnsEmptyWhenNoNonceInRangeMeetsTarget() {
        int bits = Target.bitsForLeadingZeros(8);
        byte[] header = randomHeader();
        // find a stretch of nonces with no winner, by brute force, then search exactly that stretch
        long start = 0;
        long count = 50;
        while (bruteForce(header, bits, start, 1, count).isPresent()) {
            start += count;
        }
        for (var search : SEARCHES) {
            NonceSearch s = search.apply(header, bits);
            assertThat(s.search(start, 1, count)).isEmpty();
            assertThat(s.search(start, 1, 0)).isEmpty();
            assertThat(search.apply(header, IMPOSSIBLE_BITS).search(0, 1, 20_000)).isEmpty();
        }
    }

    @Test
    void invalidTargetIsNeverMet() {
        int negative = 0x04800001; // sign bit set: Target.fromCompact says -1
        assertThat(Target.meets(Hash.ZERO, negative)).isFalse();
        for (var search : SEARCHES) {
            assertThat(search.apply(randomHeader(), negative).search(0, 1, 1_000)).isEmpty();
        }
    }

    @Test
    void hashEqualToTargetMeetsItAndOneAboveDoesNot() {
        int bits = 0x1d00ffff; // target 0x00000000ffff0000...00
        byte[] target = new byte[32];
        target[4] = (byte) 0xff;
        target[5] = (byte) 0xff;
        byte[] above = target.clone();
        above[31] = 1;
        // a stand-in hasher whose "hash" is the target itself for nonce 5, one above it otherwise
        HeaderHasher fixed = (nonce, out) -> HeaderHasher.readWords(nonce == 5 ? target : above, out);

        assertThat(new NonceSearch(fixed, bits).search(0, 1, 10)).hasValue(5);
        assertThat(new NonceSearch(fixed, bits).search(6, 1, 10)).isEmpty();
        assertThat(Target.meets(Hash.of(target), bits)).isTrue();
        assertThat(Target.meets(Hash.of(above), bits)).isFalse();
    }

    @Test
    void doesNotModifyTheCallersHeader() {
        byte[] header = randomHeader();
        byte[] copy = header.clone();
        for (var search : SEARCHES) {
            search.apply(header, Target.bitsForLeadingZeros(4)).search(123, 1, 100);
        }
        assertThat(header).isEqualTo(copy);
    }

    @Test
    void rejectsHeadersOfTheWrongSize() {
        for (var search : SEARCHES) {
            assertThatThrownBy(() -> search.apply(new byte[80], 0x1d00ffff))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The obvious, slow way: build each header and ask consensus whether it meets the target. */
    private static OptionalLong bruteForce(byte[] header, int bits, long start, long step, long count) {
        BlockHeader h = BlockHeader.decode(header);
        long nonce = start;
        for (long i = 0; i < count; i++, nonce += step) {
            if (Target.meets(h.withNonce(nonce).hash(), bits)) {
                return OptionalLong.of(nonce);
            }
        }
        return OptionalLong.empty();
    }

    private byte[] randomHeader() {
        byte[] header = new byte[BlockHeader.SIZE];
        random.nextBytes(header);
        return header;
    }

    private static byte[] bytes(int[] digest) {
        byte[] out = new byte[32];
        HeaderHasher.writeWords(digest, out);
        return out;
    }

    private static byte[] withNonce(byte[] header, long nonce) {
        byte[] out = header.clone();
        for (int i = 7; i >= 0; i--) {
            out[BlockHeader.NONCE_OFFSET + i] = (byte) nonce;
            nonce >>>= 8;
        }
        return out;
    }
}
