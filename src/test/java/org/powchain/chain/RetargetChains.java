package org.powchain.chain;

import java.util.ArrayList;
import java.util.List;
import org.powchain.core.Block;

/**
 * Chains whose difficulty really moves, with the bits every retarget must give worked out by hand
 * below, not by {@code Difficulty.nextBits}, so the tests that use them check the code instead of
 * repeating it. Built with {@link ChainBuilder}'s test parameters: genesis bits {@code 0x207fffff}
 * (target 0x7fffff x 2^232, about 2^255: one leading zero bit, about 2 hashes a block), a retarget
 * every 10 blocks toward 5 s a block, at most x4 a step, never easier than genesis.
 *
 * <p>A compact target {@code 0x20mmmmmm} means mantissa {@code mmmmmm} x 2^232 (exponent 0x20 =
 * 32 bytes, so the mantissa is shifted left by 29 bytes). The retarget at height h compares how
 * long the window before it took with how long it should have taken: at h = 10 from genesis to
 * block 9 (9 intervals, 45 s expected), at h = 20 from block 9 to block 19 (10 intervals, 50 s).
 */
public final class RetargetChains {
    /** Genesis bits; also the easiest bits ever allowed. Work per block: 2^256 / (target + 1) = 2. */
    public static final int GENESIS_BITS = 0x207fffff;
    /**
     * Height 10 after nine blocks 2.5 s apart: 22.5 s where 45 s were expected, so the target
     * halves: 0x7fffff x 2^232 / 2 = 0x3fffff.8 x 2^232, and the compact form keeps three bytes
     * of mantissa: 0x3fffff. Work per block 4.
     */
    public static final int HALVED_BITS = 0x203fffff;
    /**
     * Height 20 after ten blocks 10 s apart: 100 s where 50 s were expected, so the target
     * doubles: 0x3fffff x 2 = 0x7ffffe. Not back to 0x7fffff: the bit the halving dropped is gone.
     */
    public static final int DOUBLED_BITS = 0x207ffffe;
    /**
     * Height 20 after block 10 came 2.5 s after block 9 and blocks 11 to 19 one second apart:
     * 11.5 s where 50 s were expected, more than x4 too fast, so the step is clamped to a quarter:
     * 0x3fffff / 4 = 0x0fffff (0x0fffff.c, the fraction dropped). Work per block 16.
     */
    public static final int QUARTERED_BITS = 0x200fffff;

    private RetargetChains() {}

    /**
     * Blocks 1 to 20: nine blocks 2.5 s apart, so block 10 carries {@link #HALVED_BITS}; then
     * ten blocks 10 s apart, so block 20 carries {@link #DOUBLED_BITS}. Oldest first.
     */
    public static List<Block> upThenDown(ChainBuilder builder) {
        List<Block> out = new ArrayList<>(builder.extend(builder.genesis(), 9, 2_500));
        out.addAll(builder.extend(out.get(8), 11, 10_000));
        return out;
    }

    /**
     * A common trunk of ten blocks 2.5 s apart (block 10 at {@link #HALVED_BITS}), then two
     * branches of blocks 11 to 19 at those bits. On the harder branch they come one second apart,
     * so its block 20 carries {@link #QUARTERED_BITS} (work 16). On the easier branch they come
     * 20 s apart: 182.5 s where 50 s were expected would make the target 3.65 times easier, past
     * genesis, so its blocks 20 to 26 carry {@link #GENESIS_BITS} (work 2 each, 14 in all). The
     * harder branch ends at height 20 with more work than the easier one at height 26.
     *
     * @param trunk  blocks 1 to 10
     * @param harder blocks 11 to 20 of the harder branch
     * @param easier blocks 11 to 26 of the easier branch
     */
    public record Split(List<Block> trunk, List<Block> harder, List<Block> easier) {
        public Block harderTip() {
            return harder.get(harder.size() - 1);
        }

        public Block easierTip() {
            return easier.get(easier.size() - 1);
        }
    }

    public static Split shorterButHarder(ChainBuilder builder) {
        List<Block> trunk = builder.extend(builder.genesis(), 10, 2_500);
        Block forkPoint = trunk.get(9);
        List<Block> harder = builder.extend(forkPoint, 10, 1_000);
        List<Block> easier = builder.extend(forkPoint, 16, 20_000);
        return new Split(trunk, harder, easier);
    }
}
