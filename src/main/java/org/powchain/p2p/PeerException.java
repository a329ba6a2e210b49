package org.powchain.p2p;

/** A request to a peer went wrong: it could not be reached, it answered garbage, or it refused us. */
public final class PeerException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Connection refused, timed out, or a 5xx: a health problem, not misbehaviour. */
        UNREACHABLE,
        /** Not JSON, not the shape the protocol says, or over the size limit: misbehaviour. */
        GARBAGE,
        /** A 4xx JSON error: the peer refused what we sent (a duplicate, a ban, a rule). */
        REFUSED
    }

    private final Kind kind;
    private final String errorCode;

    public PeerException(Kind kind, String detail) {
        this(kind, null, detail);
    }

    public PeerException(Kind kind, String errorCode, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errorCode = errorCode;
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#REFUSED}: the peer's {@code error} code, e.g. {@code already-known}. */
    public String errorCode() {
        return errorCode;
    }
}
