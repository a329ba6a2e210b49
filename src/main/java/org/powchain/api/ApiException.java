package org.powchain.api;

import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;

/** A caller's mistake, answered as {@code {"error": ..., "detail": ...}} with a 4xx status. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;

    public ApiException(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String error, String detail) {
        return new ApiException(400, error, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", detail);
    }

    public static ApiException of(RuleViolation v) {
        return new ApiException(status(v.rule()), v.rule().code(), v.detail());
    }

    /**
     * 422 for a block or transaction that breaks a rule; 409 for one the node turns away for what it
     * already holds (the same transaction, one spending the same output, or a full mempool), which may be accepted elsewhere or later.
     */
    public static int status(Rule rule) {
        return switch (rule) {
            case ALREADY_KNOWN, MEMPOOL_CONFLICT, MEMPOOL_FULL -> 409;
            default -> 422;
        };
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return getMessage();
    }
}
