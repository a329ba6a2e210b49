package org.powchain.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A result that counts stale blocks: those mined but not on the final main chain. Its JSON adds the stale rate's interval. */
public interface StaleBlocks extends ScenarioResult {
    long mainChainBlocks();

    /** Stale blocks as a proportion of blocks mined; the interval takes blocks as independent trials. */
    @JsonProperty("staleRateCi99")
    default List<Double> staleRateCi99() {
        return ScenarioResult.wilson99(blocksMined() - mainChainBlocks(), blocksMined());
    }

    @JsonProperty("staleRateCi99Method")
    default String staleRateCi99Method() {
        return WILSON + ", each block a trial";
    }
}
