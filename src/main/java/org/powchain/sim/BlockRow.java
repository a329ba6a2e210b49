package org.powchain.sim;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One mined block, as {@code blocks.csv} in {@code --out} lists it: every block any miner found, in
 * the order found, stale ones included.
 *
 * @param height         its height (its parent's plus one)
 * @param miner          the index of the node that mined it (an attacker's two nodes share one)
 * @param minedAtSeconds virtual seconds from the run's start (the first hellos) to when it was found
 * @param mainChain      whether it is on the final main chain of node 0
 * @param reached50Ms    milliseconds until half the nodes had stored it; -1 if never, or not measured
 * @param reached90Ms    the same for 90% of the nodes
 */
@JsonPropertyOrder({"height", "miner", "minedAtSeconds", "mainChain", "reached50Ms", "reached90Ms"})
public record BlockRow(int height, int miner, double minedAtSeconds, boolean mainChain, double reached50Ms, double reached90Ms) {
    /** The CSV's columns, in order. */
    public static final java.util.List<String> COLUMNS =
            java.util.List.of("height", "miner", "minedAtSeconds", "mainChain", "reached50Ms", "reached90Ms");

    public java.util.List<Object> values() {
        return java.util.List.of(height, miner, minedAtSeconds, mainChain, reached50Ms, reached90Ms);
    }
}
