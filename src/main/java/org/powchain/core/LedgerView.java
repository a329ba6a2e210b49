package org.powchain.core;

import java.util.Map;

/**
 * The ledger at one tip, read-only, as entries whose meaning belongs to the ledger model (the
 * account model keys by address and stores balance and nonce). The chain's readers keep one
 * without a lock: later blocks never change it. See docs/concepts/ledger-models.md.
 */
public final class LedgerView {
    public static final LedgerView EMPTY = new LedgerView(Map.of());

    private final Map<Bytes, Bytes> entries;

    private LedgerView(Map<Bytes, Bytes> entries) {
        this.entries = entries;
    }

    /** A view of {@code entries}, which must never change (a persistent map's version, a copy): not copied. */
    public static LedgerView of(Map<Bytes, Bytes> entries) {
        return new LedgerView(entries);
    }

    /** The value under {@code key}; {@link Bytes#EMPTY} if there is none. */
    public Bytes get(Bytes key) {
        return entries.getOrDefault(key, Bytes.EMPTY);
    }

    /** Every entry; none is empty. */
    public Map<Bytes, Bytes> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }
}
