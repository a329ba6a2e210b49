package org.powchain.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bringing a devnet up: which topology links the devnet names to a node that does not keep them yet. */
@Tag("unit")
class NodeProcessesTest {
    @Test
    void aTopologyLinkOneEndKeepsIsNamedToTheOtherEndAndOnlyThere() {
        // a ring of four, 0-1-2-3-0: node 1 keeps 0 and 2, but 2 was full of gossip when 1 greeted it;
        // nobody knows 3 yet (it is still starting); 0 keeps 1
        List<Topology.Link> ring = List.of(new Topology.Link(0, 1), new Topology.Link(1, 2), new Topology.Link(2, 3),
                new Topology.Link(0, 3));
        List<List<String>> known = List.of(
                List.of("h:1"),
                List.of("h:0", "h:2"),
                List.of("h:5", "h:6", "h:7"),
                List.of());

        List<NodeProcesses.Naming> named = NodeProcesses.toName(ring, known, i -> "h:" + i);

        assertThat(named).containsExactly(new NodeProcesses.Naming(2, 1));
    }

    @Test
    void aDevnetWhoseLinksAreKeptAtBothEndsNamesNothing() {
        List<Topology.Link> pair = List.of(new Topology.Link(0, 1));

        assertThat(NodeProcesses.toName(pair, List.of(List.of("h:1"), List.of("h:0", "h:9")), i -> "h:" + i)).isEmpty();
        assertThat(NodeProcesses.toName(pair, List.of(List.of("h:1"), List.of()), i -> "h:" + i))
                .containsExactly(new NodeProcesses.Naming(1, 0));
        assertThat(NodeProcesses.toName(pair, List.of(List.of(), List.of("h:0")), i -> "h:" + i))
                .containsExactly(new NodeProcesses.Naming(0, 1));
    }
}
