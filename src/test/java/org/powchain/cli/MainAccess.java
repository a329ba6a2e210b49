package org.powchain.cli;

import java.util.Optional;
import org.powchain.consensus.Ledger;

/** {@link NodeStart}'s package-private choices, for tests in other packages. */
public final class MainAccess {
    private MainAccess() {}

    public static Ledger chooseLedger(String flag, Optional<String> stored) {
        return NodeStart.chooseLedger(flag, stored);
    }
}
