package org.powchain.wire;

/**
 * A message that is not what the protocol says it should be: not JSON, a field missing or out of
 * range, a hash that does not match the content, or over the size limit. Garbage, as opposed to
 * well-formed data that breaks a consensus rule (a {@link org.powchain.consensus.RuleViolation}).
 */
public final class MalformedMessage extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean tooLarge;

    public MalformedMessage(String detail) {
        this(detail, false);
    }

    private MalformedMessage(String detail, boolean tooLarge) {
        super(detail, null, false, false);
        this.tooLarge = tooLarge;
    }

    public static MalformedMessage tooLarge(String detail) {
        return new MalformedMessage(detail, true);
    }

    /** Over a size limit (HTTP 413), rather than malformed (HTTP 400). */
    public boolean isTooLarge() {
        return tooLarge;
    }
}
