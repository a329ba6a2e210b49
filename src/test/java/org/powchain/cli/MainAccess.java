package org.powchain.cli;

import java.util.Optional;
import org.powchain.consensus.Ledger;

/** {@link Main}'s package-private choices, for tests in other packages. */
public final class MainAccess {
    private MainAccess() {}

    public static Ledger chooseLedger(String flag, Optional<String> stored) {
        return Main.chooseLedger(flag, stored);
    }
}
