package org.powchain.chain;

import java.util.ArrayList;
import java.util.List;

/**
 * A block locator names a few blocks of a chain, dense near the tip and exponentially sparser
 * toward genesis (tip, tip-1, ... tip-9, tip-11, tip-15, tip-23, ..., genesis). A peer finds the
 * first one it has on its main chain: that is where the two chains fork, found in one round trip
 * with about 2·log2(height) hashes.
 */
public final class BlockLocator {
    private BlockLocator() {}

    /** The heights a locator from a tip at {@code tipHeight} names, tip first, genesis last. */
    public static List<Integer> heights(int tipHeight) {
        List<Integer> heights = new ArrayList<>();
        int step = 1;
        for (int h = tipHeight; h > 0; h -= step) {
            heights.add(h);
            if (heights.size() >= 10) {
                step *= 2;
            }
        }
        heights.add(0);
        return heights;
    }
}
