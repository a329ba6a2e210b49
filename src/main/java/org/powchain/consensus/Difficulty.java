package org.powchain.consensus;

import java.math.BigInteger;
import java.util.function.IntFunction;
import org.powchain.core.BlockHeader;
import org.powchain.core.Target;

/**
 * Difficulty retargeting: every {@code retargetInterval} blocks, scale the target by how long the
 * last window actually took versus how long it should have taken. Blocks came twice as fast? Halve
 * the target (twice the work). One step moves at most {@code maxAdjustFactor}, and the target
 * never gets easier than genesis. See docs/concepts/difficulty.md.
 */
public final class Difficulty {
    private Difficulty() {}

    /**
     * The bits a block at {@code height} must carry.
     *
     * @param parent   the header at {@code height - 1}
     * @param ancestor the header at a given height on the same branch (only heights below
     *                 {@code height} are asked for)
     */
    public static int nextBits(ConsensusParams params, int height, BlockHeader parent, IntFunction<BlockHeader> ancestor) {
        if (params.pinnedBits().isPresent()) {
            return params.pinnedBits().getAsInt();
        }
        if (height % params.retargetInterval() != 0 || height == 0) {
            return height == 1 ? params.genesisBits() : parent.bits();
        }
        int firstHeight = Math.max(0, height - params.retargetInterval() - 1);
        BlockHeader first = ancestor.apply(firstHeight);
        long expected = (long) (height - 1 - firstHeight) * params.targetBlockMillis();
        long actual = parent.timestamp() - first.timestamp();
        return retarget(params, parent.bits(), actual, expected);
    }

    /** The pure arithmetic of one retarget step. */
    static int retarget(ConsensusParams params, int oldBits, long actualMillis, long expectedMillis) {
        long factor = params.maxAdjustFactor();
        long clamped = Math.max(expectedMillis / factor, Math.min(expectedMillis * factor, Math.max(actualMillis, 1)));
        BigInteger target = Target.fromCompact(oldBits)
                .multiply(BigInteger.valueOf(clamped))
                .divide(BigInteger.valueOf(expectedMillis));
        BigInteger limit = Target.fromCompact(params.genesisBits());
        return Target.toCompact(target.min(limit));
    }
}
