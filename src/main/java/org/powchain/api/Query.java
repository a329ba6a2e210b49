package org.powchain.api;

import io.javalin.http.Context;
import java.util.Optional;

/** Reads query parameters strictly: anything missing, malformed or out of range is a 400 that says so. */
final class Query {
    static final int MAX_LENGTH = 200;

    private Query() {}

    static String required(Context ctx, String name) {
        return optional(ctx, name).orElseThrow(() ->
                ApiException.badRequest("missing-parameter", "query parameter '" + name + "' is required"));
    }

    static Optional<String> optional(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        if (v.length() > MAX_LENGTH) {
            throw ApiException.badRequest("bad-parameter", "query parameter '" + name + "' is longer than "
                    + MAX_LENGTH + " characters");
        }
        return Optional.of(v);
    }

    /** A whole number in [min, max]. */
    static long requiredLong(Context ctx, String name, long min, long max) {
        return parseLong(name, required(ctx, name), min, max);
    }

    static long optionalLong(Context ctx, String name, long min, long max, long fallback) {
        return optional(ctx, name).map(v -> parseLong(name, v, min, max)).orElse(fallback);
    }

    static long parseLong(String name, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("bad-parameter", "'" + name + "' must be a whole number from " + min
                    + " to " + max + ", got '" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'");
        }
        if (n < min || n > max) {
            throw ApiException.badRequest("bad-parameter", "'" + name + "' must be from " + min + " to " + max
                    + ", got " + n);
        }
        return n;
    }
}
