package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;

/** A broken rule is answered as the caller's mistake: 422 for a bad block or transaction, 409 for one the node already holds or has no room for. */
@Tag("unit")
class RuleStatusTest {
    @Test
    void everyRuleIsAnsweredWithAStatusForTheCallersMistake() {
        assertThat(ApiException.status(Rule.INSUFFICIENT_FUNDS)).isEqualTo(422);
        assertThat(ApiException.status(Rule.HIGH_HASH)).isEqualTo(422);
        assertThat(ApiException.status(Rule.ALREADY_KNOWN)).isEqualTo(409);
        assertThat(ApiException.status(Rule.MEMPOOL_FULL)).isEqualTo(409);
        assertThat(ApiException.status(Rule.MEMPOOL_CONFLICT)).isEqualTo(409);
        for (Rule r : Rule.values()) {
            assertThat(ApiException.status(r)).as(r.name()).isBetween(400, 499);
        }
    }

    @Test
    void aRefusalNamesItsRuleAndSaysHow() {
        ApiException e = ApiException.of(new RuleViolation(Rule.BAD_NONCE, "expected 3, got 5"));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.error()).isEqualTo("bad-nonce");
        assertThat(e.detail()).isEqualTo("expected 3, got 5");
    }
}
