package org.powchain.p2p;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peers this node knows, as {@code host:port}, bounded. Thread-safe.
 */
public final class PeerStore {
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:]{2,39}\\]):(\\d{1,5})");

    private final int capacity;
    private final String self;
    private final LinkedHashMap<String, PeerAddress> peers = new LinkedHashMap<>();

    /** A peer's dialable address. */
    public record PeerAddress(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** @param self this node's advertised address, never stored as a peer */
    public PeerStore(int capacity, String self) {
        this.capacity = capacity;
        this.self = self;
    }

    /** Parses {@code host:port}; empty if it is not one. */
    public static Optional<PeerAddress> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        Matcher m = HOST_PORT.matcher(s.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new PeerAddress(m.group(1), port));
    }

    /** Adds a peer; false if it is this node, already known, or the store is full. */
    public synchronized boolean add(PeerAddress peer) {
        String key = peer.toString();
        if (key.equals(self) || peers.containsKey(key) || peers.size() >= capacity) {
            return false;
        }
        peers.put(key, peer);
        return true;
    }

    public synchronized boolean remove(PeerAddress peer) {
        return peers.remove(peer.toString()) != null;
    }

    public synchronized List<PeerAddress> all() {
        return new ArrayList<>(peers.values());
    }

    public synchronized int size() {
        return peers.size();
    }

    public synchronized Map<String, PeerAddress> snapshot() {
        return new LinkedHashMap<>(peers);
    }
}
