package org.powchain.consensus;

import java.util.LinkedHashMap;
import java.util.Map;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Bytes;
import org.powchain.core.LedgerChange;

/**
 * What one block does to the account model's ledger, account by account: each touched account's
 * state before and after. {@link #entries()} is the same change as the chain stores it.
 */
public record AccountChange(Map<Address, AccountState> before, Map<Address, AccountState> after) {
    public AccountChange {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }

    /** As ledger entries: address to balance and nonce, an empty account to no value. */
    public LedgerChange entries() {
        return new LedgerChange(encode(before), encode(after));
    }

    private static Map<Bytes, Bytes> encode(Map<Address, AccountState> accounts) {
        Map<Bytes, Bytes> out = new LinkedHashMap<>();
        accounts.forEach((a, s) -> out.put(AccountState.key(a), s.encode()));
        return out;
    }
}
