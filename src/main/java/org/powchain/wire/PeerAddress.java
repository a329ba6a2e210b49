package org.powchain.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * A peer's dialable address. A value class rather than a record only so that its
 * {@code host:port} text, which every hello lists, is built once rather than on every call.
 */
public final class PeerAddress {
    private final String host;
    private final int port;
    private String text; // host:port, built on first use

    public PeerAddress(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /**
     * Parses {@code host:port}; empty if it is not one. A host is a name or IPv4 address of letters,
     * digits, dots and dashes (at most 253), or an IPv6 address in brackets; the port 1 to 65535.
     * Written out by hand rather than as a regular expression: every hello carries up to
     * {@code p2p.PeerGossip.MAX_ADDRESSES} of them, and a simulation of thousands of nodes parses millions.
     */
    public static Optional<PeerAddress> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim();
        int colon = t.lastIndexOf(':'); // a port has no colon, so the last one ends the host
        if (colon < 1 || !validHost(t, colon)) {
            return Optional.empty();
        }
        int digits = t.length() - colon - 1;
        if (digits < 1 || digits > 5) {
            return Optional.empty();
        }
        int port = 0;
        for (int i = colon + 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            port = port * 10 + (c - '0');
        }
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new PeerAddress(t.substring(0, colon), port));
    }

    /** The host part, {@code t[0, end)}: 1 to 253 of letters, digits, dots and dashes, or 2 to 39 hex digits and colons in brackets. */
    private static boolean validHost(String t, int end) {
        if (t.charAt(0) == '[') {
            if (end < 4 || end > 41 || t.charAt(end - 1) != ']') {
                return false;
            }
            for (int i = 1; i < end - 1; i++) {
                char c = t.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':')) {
                    return false;
                }
            }
            return true;
        }
        if (end > 253) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerAddress a && port == a.port && Objects.equals(host, a.host);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(host) + Integer.hashCode(port); // as a record's
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = host + ":" + port;
            text = t;
        }
        return t;
    }
}
