package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.ConsensusParams;
import org.powchain.mining.Miner;
import org.powchain.node.Node;
import org.powchain.node.NodeAssembly;
import org.powchain.node.NodeConfig;
import org.powchain.store.ChainStore;

/**
 * The simulator runs the real node, not a copy kept in step by hand: a simulated node and a real
 * one are wired by the one {@link NodeAssembly}, hold its parts and no others of their own making,
 * and those parts are the same classes. Only what drives a node differs (threads and metrics in
 * the real one, the event queue and modelled hash power in the simulator).
 */
@Tag("unit")
class SameNodeTest {
    /** The node's own packages: a field typed from one of these is a part of the node. */
    private static final Set<String> NODE_PACKAGES = Set.of("org.powchain.chain", "org.powchain.mempool",
            "org.powchain.mining", "org.powchain.p2p", "org.powchain.store");

    @Test
    void aSimulatedNodeIsWiredFromTheSamePartsAsARealOne() throws Exception {
        Simulation sim = new Simulation(ConsensusParams.forTests(), 1, 1_000);
        SimNode simulated = sim.addNode(8, 100);
        try (Node real = new Node(NodeConfig.forTests("real"))) {
            assertThat(partClasses(simulated.assembly())).isEqualTo(partClasses(real.assembly()))
                    .containsKeys("chain", "journal", "mempool", "assembler", "peers", "network");
            assertHandsOutTheAssemblysParts(simulated, simulated.assembly());
            assertHandsOutTheAssemblysParts(real, real.assembly());
        }
    }

    @Test
    void aSimulatedNodeWiresNoPartOfItsOwn() {
        assertThat(nodeParts(SimNode.class)).isEmpty();
    }

    @Test
    void aRealNodeAddsOnlyItsDrivers() {
        // the store and the signature cache are handed to the assembly; the miner's threads drive it
        assertThat(nodeParts(Node.class)).containsOnly(Miner.class, ChainStore.class, SignatureVerifier.class);
    }

    /** Accessor name to the class of what it returns. */
    private static Map<String, Class<?>> partClasses(NodeAssembly assembly) throws Exception {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (Method m : parts()) {
            Object part = m.invoke(assembly);
            out.put(m.getName(), part == null ? null : part.getClass());
        }
        return out;
    }

    /** Every accessor of {@code node} that returns a part's type returns the assembly's very part. */
    private static void assertHandsOutTheAssemblysParts(Object node, NodeAssembly assembly) throws Exception {
        int matched = 0;
        for (Method accessor : node.getClass().getMethods()) {
            if (accessor.getParameterCount() != 0 || accessor.getDeclaringClass() != node.getClass()) {
                continue;
            }
            for (Method part : parts()) {
                if (accessor.getReturnType() == part.getReturnType()) {
                    assertThat(accessor.invoke(node)).as(node.getClass().getSimpleName() + "." + accessor.getName())
                            .isSameAs(part.invoke(assembly));
                    matched++;
                }
            }
        }
        assertThat(matched).isGreaterThanOrEqualTo(4);
    }

    private static Method[] parts() {
        return Arrays.stream(NodeAssembly.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == 0)
                .sorted(Comparator.comparing(Method::getName))
                .toArray(Method[]::new);
    }

    /** The types of {@code type}'s fields that are parts of the node, not of the assembly. */
    private static Set<Class<?>> nodeParts(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .map(Field::getType)
                .filter(t -> NODE_PACKAGES.contains(t.getPackageName()))
                .collect(Collectors.toSet());
    }
}
