package org.powchain.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 from the JDK, which uses the CPU's SHA instructions where it has them. */
public final class Hashing {
    private Hashing() {}

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return newSha256().digest(data);
    }

    /** SHA-256 applied twice, as Bitcoin does for block hashes and transaction ids. */
    public static Hash doubleSha256(byte[] data) {
        MessageDigest md = newSha256();
        byte[] first = md.digest(data);
        return Hash.of(md.digest(first));
    }
}
