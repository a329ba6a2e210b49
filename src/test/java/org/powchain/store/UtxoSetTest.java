package org.powchain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.powchain.consensus.UtxoChain.A;
import static org.powchain.consensus.UtxoChain.B;
import static org.powchain.consensus.UtxoChain.C;
import static org.powchain.consensus.UtxoChain.MINER;
import static org.powchain.consensus.UtxoChain.to;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.UtxoChain;
import org.powchain.core.Hash;
import org.powchain.core.OutPoint;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoChange;
import org.powchain.core.UtxoTransaction;

@Tag("unit")
class UtxoSetTest {
    final UtxoChain chain = new UtxoChain();
    final OutPoint aCoin = chain.genesis().outpoint(0);
    final OutPoint bCoin = chain.genesis().outpoint(1);

    /** Without undo data (blockchain_go keeps none), stepping back means rebuilding the set from the whole chain. */
    @Test
    void disconnectingBlocksRestoresTheSetByteForByte() throws RuleViolation {
        Hash atGenesis = chain.set().hash();
        UtxoTransaction t1 = chain.pay(A, aCoin, to(B, 300), to(A, 700));
        chain.mine(t1);
        Hash atOne = chain.set().hash();
        UtxoTransaction t2 = chain.pay(B, List.of(bCoin, t1.outpoint(0)), to(C, 1250), to(B, 40));
        UtxoTransaction t3 = UtxoChain.payHolding(C, t2.outpoint(0), 1250, to(A, 1250)); // spent in its own block
        chain.mine(t2, t3);
        chain.mine(chain.pay(A, t1.outpoint(1), to(C, 690)));
        Hash atThree = chain.set().hash();
        assertThat(List.of(atGenesis, atOne, atThree)).doesNotHaveDuplicates();

        chain.disconnect();
        chain.disconnect();
        assertThat(chain.set().hash()).isEqualTo(atOne);
        assertThat(chain.find(bCoin)).contains(new UnspentOutput(to(B, 1000), 0, false));
        assertThat(chain.find(t2.outpoint(1))).isEmpty();

        // a competing branch spends the same coin elsewhere, then the first branch comes back
        chain.mine(chain.pay(B, bCoin, to(MINER, 1000)));
        chain.mine();
        chain.disconnect();
        chain.disconnect();
        assertThat(chain.set().hash()).isEqualTo(atOne);
        chain.connect(List.of(UtxoTransaction.coinbase(2, List.of(to(MINER, 50 + 10))), t2, t3));
        chain.mine(chain.pay(A, t1.outpoint(1), to(C, 690)));
        assertThat(chain.set().hash()).isEqualTo(atThree);

        chain.disconnect();
        chain.disconnect();
        chain.disconnect();
        assertThat(chain.set().hash()).isEqualTo(atGenesis);
        assertThat(chain.set().all()).containsOnlyKeys(aCoin, bCoin);
    }

    @Test
    void theHashSeesEveryFieldOfEveryOutput() {
        UnspentOutput coin = new UnspentOutput(to(A, 5), 3, false);
        OutPoint at = new OutPoint(Hash.fromHex("11".repeat(32)), 0);
        Hash one = with(at, coin).hash();
        assertThat(List.of(one, UtxoSet.empty().hash(),
                with(new OutPoint(at.txid(), 1), coin).hash(),
                with(at, new UnspentOutput(to(A, 6), 3, false)).hash(),
                with(at, new UnspentOutput(to(B, 5), 3, false)).hash(),
                with(at, new UnspentOutput(to(A, 5), 4, false)).hash(),
                with(at, new UnspentOutput(to(A, 5), 3, true)).hash())).doesNotHaveDuplicates();
        assertThat(with(at, coin).hash()).isEqualTo(one);
    }

    @Test
    void aSetKeptByAReaderDoesNotChangeWhenTheChainMovesOn() throws RuleViolation {
        UtxoSet before = chain.set();
        chain.mine(chain.pay(A, aCoin, to(C, 1000)));
        assertThat(before.find(aCoin)).isPresent();
        assertThat(before.balance(C.address())).isZero();
        assertThat(chain.set().find(aCoin)).isEmpty();
        assertThat(chain.set().balance(C.address())).isEqualTo(1000);
    }

    @Test
    void theOwnerIndexFollowsSpendsAndChange() throws RuleViolation {
        UtxoTransaction t = chain.pay(A, aCoin, to(B, 100), to(A, 900));
        chain.mine(t);
        assertThat(chain.set().ownedBy(A.address())).containsOnlyKeys(t.outpoint(1));
        assertThat(chain.set().ownedBy(B.address())).containsOnlyKeys(bCoin, t.outpoint(0));
        assertThat(chain.set().balance(B.address())).isEqualTo(1100);
        chain.disconnect();
        assertThat(chain.set().ownedBy(A.address())).containsOnlyKeys(aCoin);
        assertThat(chain.set().ownedBy(B.address())).containsOnlyKeys(bCoin);
        assertThat(chain.set().ownedBy(C.address())).isEmpty();
        assertThat(chain.set().size()).isEqualTo(2);
    }

    @Test
    void aChangeThatDoesNotFitTheSetIsABugNamingTheOutput() {
        OutPoint at = new OutPoint(Hash.fromHex("22".repeat(32)), 0);
        UnspentOutput coin = new UnspentOutput(to(A, 5), 1, false);
        UtxoSet set = with(at, coin);
        UtxoChange spendsWhatIsNotThere = new UtxoChange(Map.of(new OutPoint(at.txid(), 1), coin), Map.of());
        UtxoChange spendsADifferentCoin = new UtxoChange(Map.of(at, new UnspentOutput(to(A, 6), 1, false)), Map.of());
        UtxoChange createsWhatIsThere = new UtxoChange(Map.of(), Map.of(at, coin));
        assertThatThrownBy(() -> set.connect(spendsWhatIsNotThere)).isInstanceOf(IllegalStateException.class)
                .hasMessage("connect: " + at.txid() + ":1 is not in the set as the change says");
        assertThatThrownBy(() -> set.connect(spendsADifferentCoin)).isInstanceOf(IllegalStateException.class)
                .hasMessage("connect: " + at + " is not in the set as the change says");
        assertThatThrownBy(() -> set.connect(createsWhatIsThere)).isInstanceOf(IllegalStateException.class)
                .hasMessage("connect: " + at + " is already in the set");
        assertThatThrownBy(() -> set.disconnect(new UtxoChange(Map.of(), Map.of(new OutPoint(at.txid(), 1), coin))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("disconnect: " + at.txid() + ":1 is not in the set as the change says");
        // the change that fits goes through
        assertThat(set.connect(new UtxoChange(Map.of(at, coin), Map.of())).all()).isEmpty();
    }

    private static UtxoSet with(OutPoint at, UnspentOutput coin) {
        return UtxoSet.empty().connect(new UtxoChange(Map.of(), Map.of(at, coin)));
    }
}
