package org.powchain.consensus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every ledger model a node can run, by the name {@code --ledger} gives: one line a model. A new
 * model is its classes and one line here; nothing else names a model (not {@link ConsensusParams},
 * which carries the chosen one, nor the chain, the stores, p2p or the miner).
 * See docs/concepts/ledger-models.md.
 */
public final class Ledgers {
    private static final Map<String, Ledger> BY_NAME = new LinkedHashMap<>();

    static {
        register(AccountLedger.INSTANCE); // balances and nonces, as the original node: the default
        register(UtxoLedger.INSTANCE);    // unspent outputs, as Bitcoin
    }

    /** The model a network has unless told otherwise: the first registered. */
    public static final Ledger DEFAULT = BY_NAME.values().iterator().next();

    private Ledgers() {}

    private static void register(Ledger model) {
        if (BY_NAME.putIfAbsent(model.name(), model) != null) {
            throw new IllegalStateException("two ledger models named " + model.name());
        }
    }

    /** The model named {@code name}, if there is one. */
    public static Optional<Ledger> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The model named {@code name}; IllegalArgumentException listing the names there are if none. */
    public static Ledger byName(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException("no ledger model '" + name + "'; there are "
                + String.join(", ", names())));
    }

    /** Every model's name, the default first. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
