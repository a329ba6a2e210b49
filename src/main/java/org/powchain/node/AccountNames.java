package org.powchain.node;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.powchain.core.Address;
import org.powchain.core.Keys;

/**
 * Turns what a user types into an address: 40 hex characters are an address; a short name like
 * {@code A} or {@code alice} is a demo account (see {@link Keys#demo}), unless the node runs with
 * {@code --no-demo-accounts}. Remembers the names it has resolved, so pages can show "A" rather
 * than a hex string.
 */
public final class AccountNames {
    private final boolean demoAccounts;
    private final Map<Address, String> names = new ConcurrentHashMap<>();
    /** Deriving a key pair costs a scalar multiplication; a classroom uses a handful of names. */
    private final Map<String, Keys> keysByName = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_KEYS = 10_000;

    public AccountNames(boolean demoAccounts) {
        this.demoAccounts = demoAccounts;
    }

    public boolean demoAccountsEnabled() {
        return demoAccounts;
    }

    /** The address {@code nameOrAddress} stands for; IllegalArgumentException says why not. */
    public Address resolve(String nameOrAddress) {
        if (Address.isAddress(nameOrAddress)) {
            return Address.fromHex(nameOrAddress.toLowerCase(Locale.ROOT));
        }
        return demoKeys(nameOrAddress).address();
    }

    /** The demo keys of {@code name}; IllegalArgumentException if demo accounts are off or the name is not one. */
    public Keys demoKeys(String name) {
        if (!Keys.isDemoName(name)) {
            throw new IllegalArgumentException("'" + abbreviate(name) + "' is neither an address (40 hex characters)"
                    + " nor a demo account name (1 to 32 letters, digits, '-' or '_')");
        }
        if (!demoAccounts) {
            throw new IllegalArgumentException("demo accounts are disabled on this node (--no-demo-accounts);"
                    + " use an address and a signed transaction");
        }
        String key = name.toLowerCase(Locale.ROOT);
        Keys keys = keysByName.get(key);
        if (keys == null) {
            keys = Keys.demo(name);
            if (keysByName.size() < MAX_CACHED_KEYS) {
                keysByName.put(key, keys);
                names.putIfAbsent(keys.address(), name);
            }
        }
        return keys;
    }

    /** The demo name this node has seen for {@code address}, if any. */
    public Optional<String> nameOf(Address address) {
        return Optional.ofNullable(names.get(address));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 50 ? s.substring(0, 47) + "..." : s;
    }
}
