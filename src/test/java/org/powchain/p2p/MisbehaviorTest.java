package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.Rule;

/** A peer is scored by what the rule it broke says of itself, whatever the ledger model. */
@Tag("unit")
class MisbehaviorTest {
    /** A transaction breaking these may be valid against another tip, another mempool, or later. */
    static final Set<Rule> STATE_DEPENDENT = EnumSet.of(Rule.BAD_NONCE, Rule.INSUFFICIENT_FUNDS, Rule.BALANCE_OVERFLOW,
            Rule.INPUT_MISSING_OR_SPENT, Rule.IMMATURE_COINBASE, Rule.ALREADY_KNOWN, Rule.MEMPOOL_CONFLICT, Rule.MEMPOOL_FULL);

    @Test
    void aTransactionBreakingAStateDependentRuleCostsItsRelayerNothing() {
        for (Rule r : Rule.values()) {
            assertThat(r.dependsOnState()).as(r.code()).isEqualTo(STATE_DEPENDENT.contains(r));
            assertThat(Misbehavior.forTransaction(r)).as(r.code()).isEqualTo(r.dependsOnState() ? 0 : PeerStore.BAN_SCORE);
        }
    }

    /** After a reorg, the input of a relayed transaction may have just been spent: the relayer is honest. */
    @Test
    void aSpentInputOrAnImmatureRewardIsNotProofOfMisbehaviour() {
        assertThat(Misbehavior.forTransaction(Rule.INPUT_MISSING_OR_SPENT)).isZero();
        assertThat(Misbehavior.forTransaction(Rule.IMMATURE_COINBASE)).isZero();
        assertThat(Misbehavior.forTransaction(Rule.KEY_NOT_OWNER)).isEqualTo(PeerStore.BAN_SCORE);
        assertThat(Misbehavior.forTransaction(Rule.WRONG_INPUT_AMOUNT)).isEqualTo(PeerStore.BAN_SCORE);
    }
}
