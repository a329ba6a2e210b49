package org.powchain.api;

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
        return new ApiException(v.rule().httpStatus(), v.rule().code(), v.detail());
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
