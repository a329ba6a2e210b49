package org.powchain.core;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair (BouncyCastle's RFC 8032 implementation, several times faster than the
 * JDK's). See docs/concepts/signatures.md.
 */
public final class Keys {
    public static final int PRIVATE_KEY_SIZE = Ed25519.SECRET_KEY_SIZE;
    public static final int PUBLIC_KEY_SIZE = Ed25519.PUBLIC_KEY_SIZE;
    public static final int SIGNATURE_SIZE = Ed25519.SIGNATURE_SIZE;

    private static final Pattern DEMO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /**
     * Demo keys already derived (a scalar multiplication each), for the few names a node derives
     * more than once as it starts: genesis's A and B, then the node's own. A cache of a pure
     * function over immutable values, bounded, so no caller can tell it from deriving again.
     */
    private static final Map<String, Keys> DEMO_KEYS = new ConcurrentHashMap<>();
    private static final int DEMO_KEYS_CACHED = 64;

    private final byte[] privateKey;
    private final byte[] publicKey;
    private final Address address;

    private Keys(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicKey = new byte[PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(privateKey, 0, publicKey, 0);
        this.address = Address.fromPublicKey(publicKey);
    }

    public static Keys fromPrivateKey(byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes");
        }
        return new Keys(privateKey.clone());
    }

    public static Keys generate(SecureRandom random) {
        byte[] sk = new byte[PRIVATE_KEY_SIZE];
        Ed25519.generatePrivateKey(random, sk);
        return new Keys(sk);
    }

    /**
     * The demo account called {@code name}: its private key is SHA-256 of the lower-cased name,
     * so every node (and every student) can compute it. INSECURE BY DESIGN: anyone who knows the
     * name can spend its coins. That is what lets {@code addtx?sender=A&to=B} work with real
     * signatures.
     */
    public static Keys demo(String name) {
        if (!isDemoName(name)) {
            throw new IllegalArgumentException("a demo account name is 1 to 32 letters, digits, '-' or '_'");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        Keys cached = DEMO_KEYS.get(lower);
        if (cached != null) {
            return cached;
        }
        Keys keys = new Keys(Hashing.sha256(("powchain demo account " + lower).getBytes(StandardCharsets.UTF_8)));
        if (DEMO_KEYS.size() < DEMO_KEYS_CACHED) {
            DEMO_KEYS.putIfAbsent(lower, keys);
        }
        return keys;
    }

    /** A demo name is short and is not an address (40 hex characters). */
    public static boolean isDemoName(String name) {
        return name != null && DEMO_NAME.matcher(name).matches() && !Address.isAddress(name);
    }

    public byte[] sign(byte[] message) {
        byte[] sig = new byte[SIGNATURE_SIZE];
        Ed25519.sign(privateKey, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != PUBLIC_KEY_SIZE || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] privateKey() {
        return privateKey.clone();
    }

    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey);
    }

    public Address address() {
        return address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Keys k && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "Keys[" + address + "]";
    }
}
