package org.powchain.chain;

import java.util.Optional;
import org.powchain.consensus.BlockValidator;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.NetworkId;

/**
 * A block and the outcome of the checks that need no chain state: proof of work with the body
 * (Merkle root, sizes, coinbase), and signatures. Each runs once per arrival of a block, and the
 * outcome, passed or failed, is kept: {@link ChainManager} runs them before its writer's lock
 * when it can, and the locked stage asks for them in rule order, so a block that breaks two rules
 * is refused for the same one whichever stage ran the checks. One not run before the lock (the
 * block was an orphan then, or on a branch with less work) runs when the locked stage first asks.
 * An orphan waits with its value, so nothing is checked again when its parent comes.
 *
 * <p>Threads: made and checked by the thread that submits the block; an orphan's is handed to the
 * writer of a later block through the {@link OrphanPool}, which is synchronized.
 */
final class PreChecked {
    private final Block block;
    /** Null until run; empty when passed. */
    private Optional<RuleViolation> proofOfWorkAndBody;
    private Optional<RuleViolation> signatures;

    PreChecked(Block block) {
        this.block = block;
    }

    Block block() {
        return block;
    }

    void checkProofOfWorkAndBody(ConsensusParams params, NetworkId network) throws RuleViolation {
        if (proofOfWorkAndBody == null) {
            proofOfWorkAndBody = outcome(() -> {
                BlockValidator.checkProofOfWork(params, block.header());
                BlockValidator.checkBody(params, network, block);
            });
        }
        throwIfFailed(proofOfWorkAndBody);
    }

    void checkSignatures(SignatureVerifier verifier) throws RuleViolation {
        if (signatures == null) {
            signatures = outcome(() -> verifier.verifyAll(block.transactions()));
        }
        throwIfFailed(signatures);
    }

    private interface Check {
        void run() throws RuleViolation;
    }

    private static Optional<RuleViolation> outcome(Check check) {
        try {
            check.run();
            return Optional.empty();
        } catch (RuleViolation v) {
            return Optional.of(v);
        }
    }

    private static void throwIfFailed(Optional<RuleViolation> outcome) throws RuleViolation {
        if (outcome.isPresent()) {
            throw outcome.get();
        }
    }
}
