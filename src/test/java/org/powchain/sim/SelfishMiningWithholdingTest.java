package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.wire.BlockAnnouncement;
import org.powchain.wire.GetBlocks;
import org.powchain.wire.GetHeaders;
import org.powchain.wire.GetMempool;
import org.powchain.wire.Hello;
import org.powchain.wire.PeerAddress;
import org.powchain.p2p.PeerTransport;

/**
 * A selfish pool withholds for real: every message that leaves it, whatever the protocol path
 * (announcements, headers and blocks served to a sync, hellos), names only blocks its strategy
 * had published by then, even when a peer asks it outright for the blocks it withholds.
 */
@Tag("sim")
class SelfishMiningWithholdingTest {
    @Test
    void noWithheldBlockLeavesThePool() {
        Set<Hash> byPool = new HashSet<>();
        List<String> leaks = new ArrayList<>();
        long[] blocksSent = new long[1];
        long[] syncAnswers = new long[1];
        int[] seen = new int[1];
        long[] probes = new long[1];
        SelfishMiningScenario.Result r = SelfishMiningScenario.run(
                new SelfishMiningScenario.Options(0.4, 0, 1500, 20, 600, 100, 8, 31), n -> { }, (sim, pool) -> {
                    int face = pool.face().index();
                    // a stranger asks the pool, every 5 minutes, for everything a peer can ask for
                    int stranger = sim.network().reserve(0);
                    PeerTransport ask = sim.network().transport(stranger);
                    PeerAddress at = sim.network().address(face);
                    sim.scheduler().after(1_000_000, new Runnable() {
                        @Override
                        public void run() {
                            List<Hash> withheld = sim.mined().stream().filter(m -> m.miner() == face && !pool.isPublished(m.hash()))
                                    .map(Simulation.Mined::hash).toList();
                            probes[0] += withheld.isEmpty() ? 0 : 1;
                            ask.request(at, new GetHeaders(sim.nodes().get(0).queries().locator(), GetHeaders.MAX_HEADERS));
                            ask.request(at, new GetBlocks(withheld.subList(Math.max(0, withheld.size() - GetBlocks.MAX_BLOCKS),
                                    withheld.size())));
                            ask.request(at, new GetMempool(GetMempool.MAX));
                            sim.scheduler().after(300_000_000, this);
                        }
                    });
                    sim.network().setTap((from, to, message) -> {
                        if (from != face) {
                            return;
                        }
                        if (message instanceof GetHeaders.Headers || message instanceof List<?>) {
                            syncAnswers[0]++;
                        }
                        sim.mined().stream().skip(seen[0]).filter(m -> m.miner() == face).forEach(m -> byPool.add(m.hash()));
                        seen[0] = sim.mined().size();
                        for (Hash h : blocksIn(message)) {
                            blocksSent[0]++;
                            if (byPool.contains(h) && !pool.isPublished(h)) {
                                leaks.add(h + " in a " + message.getClass().getSimpleName() + " to node " + to);
                            }
                        }
                    });
                });
        assertThat(leaks).isEmpty();
        assertThat(blocksSent[0]).as("the pool did publish").isGreaterThan(100);
        assertThat(probes[0]).as("asked while the pool withheld blocks").isGreaterThan(50);
        assertThat(syncAnswers[0]).as("headers and blocks served").isGreaterThan(2 * probes[0]);
        assertThat(r.blocksMined()).as("the run mined what it was asked to, and stopped").isEqualTo(1500);
    }

    private static List<Hash> blocksIn(Object message) {
        List<Hash> out = new ArrayList<>();
        if (message instanceof BlockAnnouncement a) {
            out.add(a.block().hash());
        } else if (message instanceof GetHeaders.Headers h) {
            h.headers().stream().map(BlockHeader::hash).forEach(out::add);
        } else if (message instanceof List<?> list) {
            list.stream().filter(Block.class::isInstance).map(b -> ((Block) b).hash()).forEach(out::add);
        } else if (message instanceof Hello h && h.hello().has("tip")) {
            out.add(Hash.fromHex(h.hello().get("tip").asText()));
        } else if (message instanceof JsonNode hello && hello.has("tip")) {
            out.add(Hash.fromHex(hello.get("tip").asText()));
        } else if (message instanceof GetBlocks g) {
            out.addAll(g.hashes());
        }
        return out;
    }
}
