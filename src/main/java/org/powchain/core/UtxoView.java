package org.powchain.core;

import java.util.Optional;

/**
 * The unspent outputs as one chain state sees them, read-only: what the UTXO rules check a
 * transaction against. An output that never existed and one already spent look the same here:
 * neither can be spent.
 */
@FunctionalInterface
public interface UtxoView {
    /** The output at {@code outpoint}, if it exists and is unspent. */
    Optional<UnspentOutput> find(OutPoint outpoint);
}
