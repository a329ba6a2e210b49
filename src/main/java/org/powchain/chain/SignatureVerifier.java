package org.powchain.chain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.TransactionRules;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;

/**
 * Verifies transaction signatures, remembering which ones it has verified: a transaction checked
 * on mempool admission is not checked again when a block carrying it arrives. A block's
 * unverified signatures are checked in parallel (the common fork-join pool), since Ed25519
 * verification is the most expensive part of validating a block. Thread-safe.
 */
public final class SignatureVerifier {
    private static final int PARALLEL_THRESHOLD = 8;
    private final Set<Hash> verified;
    private final Check check;

    /** How one signature is checked; tests count the calls. */
    interface Check {
        void verify(Transaction tx) throws RuleViolation;
    }

    public SignatureVerifier(int cacheSize) {
        this(cacheSize, TransactionRules::checkSignature);
    }

    SignatureVerifier(int cacheSize, Check check) {
        this.check = check;
        this.verified = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
                return size() > cacheSize;
            }
        }));
    }

    public void verify(Transaction tx) throws RuleViolation {
        if (verified.contains(tx.id())) {
            return;
        }
        check.verify(tx);
        verified.add(tx.id());
    }

    /** Verifies every non-coinbase transaction; throws for the first (in block order) that fails. */
    public void verifyAll(List<Transaction> txs) throws RuleViolation {
        List<Transaction> todo = txs.stream().filter(t -> !t.isCoinbase() && !verified.contains(t.id())).toList();
        var stream = todo.size() >= PARALLEL_THRESHOLD ? todo.parallelStream() : todo.stream();
        Optional<RuleViolation> failure = stream.map(this::failure).flatMap(Optional::stream).findFirst();
        if (failure.isPresent()) {
            throw failure.get();
        }
        todo.forEach(t -> verified.add(t.id()));
    }

    public boolean isVerified(Hash txId) {
        return verified.contains(txId);
    }

    private Optional<RuleViolation> failure(Transaction tx) {
        try {
            check.verify(tx);
            return Optional.empty();
        } catch (RuleViolation v) {
            return Optional.of(v);
        }
    }
}
