package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.AccountTransaction;

/** Listeners hear events in phases whatever order they were added in, and never "stored" for a block then refused. */
@Tag("unit")
class ListenerPhasesTest {
    final ChainBuilder builder = new ChainBuilder();
    final ChainManager chain = builder.newChain();
    final List<String> heard = new ArrayList<>();

    ChainListener recorder(String name, ChainListener.Phase phase) {
        return new ChainListener() {
            @Override
            public Phase phase() {
                return phase;
            }

            @Override
            public void tipChanged(TipChange change) {
                heard.add(name + ":tip");
            }

            @Override
            public void blockStored(Block block, BlockNode node) {
                heard.add(name + ":stored");
            }

            @Override
            public void blockRejected(Block block, RuleViolation violation) {
                heard.add(name + ":rejected:" + violation.rule().code());
            }
        };
    }

    @Test
    void listenersAreToldPhaseByPhaseWhateverTheOrderTheyWereAddedIn() throws Exception {
        chain.addListener(recorder("views", ChainListener.Phase.VIEWS));
        chain.addListener(recorder("network", ChainListener.Phase.NETWORK));
        chain.addListener(recorder("miner", ChainListener.Phase.MINING));
        chain.addListener(recorder("mempool", ChainListener.Phase.STATE));
        chain.addListener(recorder("index", ChainListener.Phase.STATE));
        chain.process(builder.child(builder.genesis()));
        assertThat(heard).containsExactly("mempool:stored", "index:stored", "miner:stored", "network:stored", "views:stored",
                "mempool:tip", "index:tip", "miner:tip", "network:tip", "views:tip");
    }

    @Test
    void aBlockFoundInvalidWhileConnectingIsOnlyRejected() throws Exception {
        chain.addListener(recorder("views", ChainListener.Phase.VIEWS));
        // A has 1000: the header and signatures are fine, the ledger refuses it when it is connected
        AccountTransaction overspend = AccountTransaction.signed(builder.network(), Keys.demo("A"), Keys.demo("B").address(), 5_000, 0, 0);
        Block bad = builder.child(builder.genesis(), overspend);
        assertThatThrownBy(() -> chain.process(bad)).isInstanceOfSatisfying(RuleViolation.class,
                v -> assertThat(v.rule()).isEqualTo(Rule.INSUFFICIENT_FUNDS));
        assertThat(heard).containsExactly("views:rejected:insufficient-funds");
    }
}
