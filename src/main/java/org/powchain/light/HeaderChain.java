package org.powchain.light;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.chain.BlockLocator;
import org.powchain.consensus.BlockValidator;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Genesis;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Target;

/**
 * A light client's chain: headers only, genesis first, the one with the most work it has seen.
 * Every header it takes is held to the rules full nodes apply to headers (proof of work, the
 * difficulty the retarget requires at its height, median time past, not too far ahead), by the
 * same functions in {@code consensus}; what it cannot check without bodies (transactions, balances)
 * it takes on trust in the most work. See docs/concepts/light-clients.md.
 *
 * <p>A run of headers from a node becomes a {@link Branch}: where it leaves this chain, its
 * headers checked, and the work of the chain it makes. {@link #adopt} switches to a branch with
 * more work, as a full node's fork choice does. Not thread-safe: one light client owns it.
 */
public final class HeaderChain {
    private final ConsensusParams params;
    private final List<BlockHeader> headers = new ArrayList<>();
    private final List<Hash> hashes = new ArrayList<>();
    private final List<BigInteger> chainWork = new ArrayList<>();
    private final Map<Hash, Integer> heightOf = new HashMap<>();

    /** Headers after {@code forkHeight} that checked out, and the total work of the chain they end. */
    public record Branch(int forkHeight, Hash forkHash, List<BlockHeader> headers, List<Hash> hashes, BigInteger work) {
        public int tipHeight() {
            return forkHeight + headers.size();
        }

        public Hash tipHash() {
            return hashes.isEmpty() ? forkHash : hashes.get(hashes.size() - 1);
        }
    }

    /** A header that broke a rule, and its height. */
    public static final class BadHeader extends Exception {
        private static final long serialVersionUID = 1L;
        private final int height;
        private final transient RuleViolation violation;

        BadHeader(int height, RuleViolation violation) {
            super("header at height " + height + " breaks " + violation.getMessage(), null, false, false);
            this.height = height;
            this.violation = violation;
        }

        public int height() {
            return height;
        }

        public Rule rule() {
            return violation.rule();
        }
    }

    public HeaderChain(ConsensusParams params) {
        this.params = params;
        BlockHeader genesis = Genesis.block(params).header();
        append(genesis, genesis.hash(), Target.work(genesis.bits()));
    }

    public ConsensusParams params() {
        return params;
    }

    public int height() {
        return headers.size() - 1;
    }

    public Hash tipHash() {
        return hashes.get(height());
    }

    public BigInteger tipWork() {
        return chainWork.get(height());
    }

    public BlockHeader headerAt(int height) {
        return headers.get(height);
    }

    /** The height of {@code hash} on this chain. */
    public Optional<Integer> heightOf(Hash hash) {
        return Optional.ofNullable(heightOf.get(hash));
    }

    /** Headers from {@code from} on, for the headers file. */
    public List<BlockHeader> headersFrom(int from) {
        return List.copyOf(headers.subList(from, headers.size()));
    }

    /** A block locator of this chain (see {@link BlockLocator}), extended by {@code beyond}'s last header if any. */
    public List<Hash> locator(Optional<Hash> beyond) {
        List<Hash> out = new ArrayList<>();
        beyond.ifPresent(out::add);
        for (int h : BlockLocator.heights(height())) {
            out.add(hashes.get(h));
        }
        return out;
    }

    /** An empty branch at {@code forkHeight}: the start of a node's answer. */
    public Branch at(int forkHeight) {
        return new Branch(forkHeight, hashes.get(forkHeight), List.of(), List.of(), chainWork.get(forkHeight));
    }

    /**
     * {@code more} appended to {@code branch}, each header checked against the chain below it
     * (this chain up to the fork, then the branch). The first must follow the branch's last header.
     */
    public Branch extend(Branch branch, List<BlockHeader> more, long nowMillis) throws BadHeader {
        List<BlockHeader> all = new ArrayList<>(branch.headers());
        List<Hash> allHashes = new ArrayList<>(branch.hashes());
        BigInteger work = branch.work();
        int fork = branch.forkHeight();
        if (!hashes.get(fork).equals(branch.forkHash())) {
            throw new IllegalStateException("the chain moved under the branch at height " + fork);
        }
        for (BlockHeader h : more) {
            int height = fork + all.size() + 1;
            Hash previous = all.isEmpty() ? hashes.get(fork) : allHashes.get(allHashes.size() - 1);
            try {
                if (!h.previousHash().equals(previous)) {
                    throw new RuleViolation(Rule.UNKNOWN_PARENT, "header " + h.hash() + " does not follow " + previous);
                }
                BlockValidator.checkProofOfWork(params, h);
                BlockValidator.checkHeaderInChain(params, h, height,
                        k -> k <= fork ? headers.get(k) : all.get(k - fork - 1), nowMillis);
            } catch (RuleViolation v) {
                throw new BadHeader(height, v);
            }
            all.add(h);
            allHashes.add(h.hash());
            work = work.add(Target.work(h.bits()));
        }
        return new Branch(fork, branch.forkHash(), all, allHashes, work);
    }

    /**
     * Switches to {@code branch} if its chain has more work than this one (on a tie the chain held
     * first stays, as in a full node). Answers the number of headers taken off the old tip.
     */
    public Optional<Integer> adopt(Branch branch) {
        if (branch.work().compareTo(tipWork()) <= 0 || branch.forkHeight() > height()
                || !hashes.get(branch.forkHeight()).equals(branch.forkHash())) {
            return Optional.empty();
        }
        int removed = height() - branch.forkHeight();
        while (height() > branch.forkHeight()) {
            int last = height();
            heightOf.remove(hashes.remove(last));
            headers.remove(last);
            chainWork.remove(last);
        }
        for (int i = 0; i < branch.headers().size(); i++) {
            BlockHeader h = branch.headers().get(i);
            append(h, branch.hashes().get(i), tipWork().add(Target.work(h.bits())));
        }
        return Optional.of(removed);
    }

    private void append(BlockHeader h, Hash hash, BigInteger work) {
        headers.add(h);
        hashes.add(hash);
        chainWork.add(work);
        heightOf.put(hash, headers.size() - 1);
    }
}
