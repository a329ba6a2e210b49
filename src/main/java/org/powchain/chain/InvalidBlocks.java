package org.powchain.chain;

import java.util.LinkedHashMap;
import java.util.Map;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Hash;

/**
 * Blocks found invalid and why, least recently seen first: a peer flooding new invalid blocks
 * evicts only the oldest entries, never the ones it keeps building on. Forgetting one only costs
 * validating it again if it comes back. Thread-safe: the writer remembers, anyone may ask.
 */
final class InvalidBlocks {
    static final int CAPACITY = 10_000;

    private final Map<Hash, RuleViolation> byHash = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, RuleViolation> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Why {@code hash} is invalid, or null; asking counts as seeing it again. */
    synchronized RuleViolation get(Hash hash) {
        return byHash.get(hash);
    }

    /** Whether {@code hash} is remembered, without counting as seeing it again. */
    synchronized boolean contains(Hash hash) {
        return byHash.containsKey(hash);
    }

    synchronized RuleViolation remember(Hash hash, RuleViolation v) {
        byHash.put(hash, v);
        return v;
    }
}
