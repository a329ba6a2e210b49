package org.powchain.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Whom a transaction moves coins between, whatever its ledger model: the addresses it spends from
 * ({@code payers}: none for a coinbase) and what it pays each address ({@code paid}, summed per
 * address in the order the transaction names them; change back to a payer counts as paid to it,
 * as the coins do arrive there). Asked of the model ({@code consensus.Ledger#parties}), so the
 * indexes, the light client and the mempool never read a model's transaction themselves.
 */
public record Parties(Set<Address> payers, Map<Address, Long> paid) {
    public Parties {
        payers = Collections.unmodifiableSet(new LinkedHashSet<>(payers));
        paid = Collections.unmodifiableMap(new LinkedHashMap<>(paid));
    }

    /** Every address the transaction touches: payers first, then payees, each once. */
    public Set<Address> touched() {
        Set<Address> all = new LinkedHashSet<>(payers);
        all.addAll(paid.keySet());
        return all;
    }

    public boolean touches(Address a) {
        return payers.contains(a) || paid.containsKey(a);
    }

    /** What the transaction pays {@code a}; 0 if nothing. */
    public long paidTo(Address a) {
        return paid.getOrDefault(a, 0L);
    }
}
