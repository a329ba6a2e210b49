package org.powchain.consensus;

/**
 * A block or transaction broke {@link #rule()}; {@link #detail()} says how, with the numbers.
 * Thrown by the pure rule functions and caught at the edges, which map it to a 4xx answer or a
 * peer's misbehaviour score.
 */
public final class RuleViolation extends Exception {
    private static final long serialVersionUID = 1L;
    private final Rule rule;
    private final String detail;

    public RuleViolation(Rule rule, String detail) {
        super(rule.code() + ": " + detail, null, false, false);
        this.rule = rule;
        this.detail = detail;
    }

    public Rule rule() {
        return rule;
    }

    public String detail() {
        return detail;
    }
}
