package org.powchain.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.powchain.core.Block;

/**
 * What every scenario's result has, whatever it measured: the blocks mined, the wall time the
 * run took, and one node's final main chain (for {@code --export-chain}, never in the JSON). A
 * result is a record written to JSON by Jackson, its fields in the order its
 * {@code @JsonPropertyOrder} gives.
 */
public interface ScenarioResult {
    /** A JSON object read as an ordered map, as {@link #toJson()} gives it. */
    TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    long blocksMined();

    /** Measures the machine, not the simulation: on stderr, never in the JSON, which is the same on every machine. */
    @JsonIgnore
    double wallSeconds();

    @JsonIgnore
    List<Block> finalChain();

    /** What every Wilson interval's JSON says of its method. */
    String WILSON = "Wilson score, 99% (z = 2.5758)";

    /** The 99% Wilson score interval of {@code k} in {@code n}, rounded as results are, low and high. */
    static List<Double> wilson99(long k, long n) {
        double[] ci = n == 0 ? new double[] {0, 1} : Literature.wilson(k, n, Literature.Z99);
        return List.of(NetworkScenario.round(ci[0]), NetworkScenario.round(ci[1]));
    }

    /** This result as the JSON object {@code --json} prints, as an ordered map. */
    default Map<String, Object> toJson() {
        return Scenario.JSON.convertValue(this, MAP);
    }
}
