package org.powchain.core;

import java.util.Locale;

/**
 * How an enum constant is named to users and peers: lower case, dashes for underscores
 * ({@code INSUFFICIENT_FUNDS} is {@code insufficient-funds}). One spelling for rule codes, peer
 * states and block outcomes alike, in JSON, metrics and errors.
 */
public final class Codes {
    private Codes() {}

    /** The code of {@code constant}, e.g. {@code backing-off} for {@code BACKING_OFF}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} whose code is {@code code}.
     *
     * @throws IllegalArgumentException if none is
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String code) {
        return Enum.valueOf(type, code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
