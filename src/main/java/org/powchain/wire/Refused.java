package org.powchain.wire;

/**
 * The receiving node refuses a message for who sent it, not for what it says: a banned peer, a
 * hello from another network or from the node itself. {@link #code()} names why, as a rule's code does.
 */
public final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public Refused(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
