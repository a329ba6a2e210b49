package org.powchain.mempool;

import org.powchain.chain.ChainQueries;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Transaction;

/**
 * What every model's {@link MempoolPolicy} does the same way, through the {@link Ledger} seam: a
 * transaction alone is checked by the model's form rules and its signatures, and it involves the
 * addresses the model says it touches. A model's policy adds what it claims and provides, and how
 * it is checked against the tip and the pool.
 */
abstract class LedgerPolicy implements MempoolPolicy {
    protected final ChainQueries chain;
    private final SignatureVerifier signatures;

    LedgerPolicy(ChainQueries chain, SignatureVerifier signatures) {
        this.chain = chain;
        this.signatures = signatures;
    }

    @Override
    public final void checkAlone(Transaction tx) throws RuleViolation {
        Ledger ledger = chain.params().ledger();
        ledger.checkWellFormed(tx, chain.networkId());
        signatures.verify(ledger, tx);
    }

    @Override
    public final boolean involves(Transaction tx, Address address) {
        return chain.params().ledger().parties(tx).touches(address);
    }
}
