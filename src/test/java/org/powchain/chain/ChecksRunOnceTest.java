package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.Rule;
import org.powchain.consensus.TransactionRules;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;
import org.powchain.store.MemoryStore;

/**
 * A block's signatures, the costliest check, are verified once however the block travels through
 * the chain: before the writer's lock or under it, as an orphan waiting for its parent, or when it
 * comes again after it was refused.
 */
@Tag("unit")
class ChecksRunOnceTest {
    final ChainBuilder builder = new ChainBuilder();
    /** The transactions whose signature was verified, once per verification. */
    final List<Hash> verified = Collections.synchronizedList(new ArrayList<>());
    final ChainManager chain = ChainManager.open(builder.params(), new MemoryStore(), new SignatureVerifier(1000, tx -> {
        verified.add(tx.id());
        TransactionRules.checkSignature(tx);
    }), builder::now);
    final Transaction aToB = Transaction.signed(builder.network(), Keys.demo("A"), Keys.demo("B").address(), 10, 0, 0);
    final Transaction bToA = Transaction.signed(builder.network(), Keys.demo("B"), Keys.demo("A").address(), 3, 0, 0);

    @Test
    void aValidBlocksSignaturesAreVerifiedOnce() throws Exception {
        Block block = builder.child(builder.genesis(), aToB, bToA);
        chain.process(block);
        chain.process(block); // again: a duplicate

        assertThat(verified).containsExactlyInAnyOrder(aToB.id(), bToA.id());
        assertThat(chain.queries().height()).isEqualTo(1);
    }

    @Test
    void aForgedSignatureIsVerifiedOnceAndTheBlockRefusedForItWhenItComesAgain() {
        byte[] sig = aToB.signature();
        sig[5] ^= 1;
        Transaction forged = Transaction.of(builder.network(), aToB.senderPublicKey(), aToB.to(), 10, 0, 0, sig);
        Block bad = builder.child(builder.genesis(), forged);

        assertThat(ChainManagerTest.violation(chain, bad).rule()).isEqualTo(Rule.BAD_SIGNATURE);
        assertThat(ChainManagerTest.violation(chain, bad).rule()).isEqualTo(Rule.BAD_SIGNATURE);
        assertThat(verified).containsExactly(forged.id());
    }

    @Test
    void anOrphansSignaturesAreVerifiedOnceWhenItsParentComes() throws Exception {
        Block parent = builder.child(builder.genesis());
        Block orphan = builder.child(parent, aToB);

        assertThat(ChainManagerTest.violation(chain, orphan).rule()).isEqualTo(Rule.UNKNOWN_PARENT);
        assertThat(verified).as("not while its parent is unknown").isEmpty();
        chain.process(parent);

        assertThat(chain.queries().tipNode().hash()).isEqualTo(orphan.hash());
        assertThat(verified).containsExactly(aToB.id());
    }

    @Test
    void aBlockOnAWeakerBranchNobodyAskedForIsNotVerified() throws Exception {
        for (Block b : builder.extend(builder.genesis(), 2)) {
            chain.process(b);
        }
        Block weak = builder.child(builder.genesis(), aToB);

        assertThat(chain.processUnrequested(weak).status()).isEqualTo(BlockOutcome.Status.NOT_STORED);
        assertThat(verified).isEmpty();
    }
}
