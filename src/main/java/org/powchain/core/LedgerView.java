package org.powchain.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The ledger at one tip, read-only, as entries whose meaning belongs to the ledger model (the
 * account model keys by address and stores balance and nonce; the UTXO model keys by outpoint and
 * stores the unspent output). The chain's readers keep one without a lock: later blocks never
 * change it. See docs/concepts/ledger-models.md.
 *
 * <p>An <b>owner index</b> answers "which entries hold this address's coins" without a scan: what
 * a balance, a wallet's coins and {@code /api/v1/utxos} ask. Which address owns an entry is the
 * model's to say ({@link Owners}); the chain state keeps the index beside the entries and updates
 * it with every block, so {@link #ownedBy} costs the entries it returns, not the ledger's size.
 */
public final class LedgerView {
    public static final LedgerView EMPTY = new LedgerView(Map.of(), null);

    /** How a ledger model names the owner of an entry: the address whose coins it holds. */
    @FunctionalInterface
    public interface Owners {
        /** The address that owns the entry {@code key -> value}; null if none does. */
        Address ownerOf(Bytes key, Bytes value);
    }

    private final Map<Bytes, Bytes> entries;
    /** The keys of the entries an address owns; null when this view has no index. */
    private final Function<Address, Collection<Bytes>> keysOwnedBy;

    private LedgerView(Map<Bytes, Bytes> entries, Function<Address, Collection<Bytes>> keysOwnedBy) {
        this.entries = entries;
        this.keysOwnedBy = keysOwnedBy;
    }

    /** A view of {@code entries}, which must never change (a persistent map's version, a copy): not copied. No owner index. */
    public static LedgerView of(Map<Bytes, Bytes> entries) {
        return new LedgerView(entries, null);
    }

    /** A view of {@code entries} (never changing, not copied) with an owner index built now, in one pass. */
    public static LedgerView of(Map<Bytes, Bytes> entries, Owners owners) {
        Map<Address, Set<Bytes>> index = new HashMap<>();
        entries.forEach((k, v) -> {
            Address owner = owners.ownerOf(k, v);
            if (owner != null) {
                index.computeIfAbsent(owner, a -> new HashSet<>()).add(k);
            }
        });
        return new LedgerView(entries, a -> index.getOrDefault(a, Set.of()));
    }

    /**
     * A view of {@code entries} whose owner index is kept elsewhere: {@code keysOwnedBy} gives the
     * keys of the entries an address owns, and like the entries it must never change.
     */
    public static LedgerView indexed(Map<Bytes, Bytes> entries, Function<Address, Collection<Bytes>> keysOwnedBy) {
        return new LedgerView(entries, keysOwnedBy);
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

    /** Whether {@link #ownedBy} can answer. */
    public boolean hasOwnerIndex() {
        return keysOwnedBy != null;
    }

    /**
     * The entries {@code owner} owns, by the owner index: in no particular order (the model sorts
     * if it shows them). Throws IllegalStateException on a view without an index.
     */
    public Map<Bytes, Bytes> ownedBy(Address owner) {
        if (keysOwnedBy == null) {
            throw new IllegalStateException("this ledger view has no owner index");
        }
        Map<Bytes, Bytes> out = new LinkedHashMap<>();
        for (Bytes k : keysOwnedBy.apply(owner)) {
            Bytes v = entries.get(k);
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }
}
