package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.Block;
import org.powchain.wire.BlockAnnouncement;
import org.powchain.wire.GetMempool;
import org.powchain.p2p.PeerException;
import org.powchain.wire.Request;

/** The simulated wire: each leg waits for the sender's uplink, then the link's latency; partitions and loss fail as HTTP would. */
@Tag("sim")
class SimNetworkTest {
    private final Simulation sim = new Simulation(Simulation.pinned(8), 5, 10_000);
    private final SimNode a = sim.addNode(8, 0);
    private final SimNode b = sim.addNode(8, 0);
    private final SimNetwork net = sim.network();

    /** When the answer to {@code request} from {@code from} to {@code to} arrives, in microseconds after now (or -1 if it failed). */
    private long roundTrip(SimNode from, SimNode to, Request<?> request) {
        long start = sim.scheduler().micros();
        long[] at = {Long.MIN_VALUE};
        CompletableFuture<?> answer = net.transport(from.index()).request(net.address(to.index()), request);
        answer.whenComplete((x, failure) -> at[0] = failure == null ? sim.scheduler().micros() - start : -1);
        sim.scheduler().runUntil(answer::isDone);
        return at[0];
    }

    @Test
    void aRoundTripTakesTheLatencyEachWay() {
        SimNode c = sim.addNode(8, 0);
        net.setLatency((from, to) -> from == a.index() ? 30_000 : to == a.index() ? 70_000 : 5_000);
        assertThat(roundTrip(a, b, new GetMempool(10))).isEqualTo(30_000 + 70_000);
        long messages = net.messages();
        assertThat(roundTrip(b, c, new GetMempool(10))).isEqualTo(5_000 + 5_000);
        assertThat(net.messages() - messages).as("a request and its answer").isEqualTo(2);
    }

    @Test
    void aBlockWaitsForTheSendersUplinkAndQueuesBehindTheOneBefore() {
        SimNode slow = sim.addNode(8, 1); // 1 Mbit/s: one bit a microsecond
        Block block = HashPowerTest.mineOne(sim, slow);
        BlockAnnouncement message = new BlockAnnouncement(block);
        long transfer = message.sizeBytes() * 8L;
        long start = sim.scheduler().micros();
        List<Long> arrivals = new ArrayList<>();
        for (SimNode to : List.of(a, b)) { // the uplink sends one message at a time
            net.transport(slow.index()).request(net.address(to.index()), message)
                    .whenComplete((x, f) -> arrivals.add(sim.scheduler().micros() - start));
        }
        sim.scheduler().runUntil(() -> arrivals.size() == 2);
        // the answers come back over the unlimited uplinks of a and b: Request.SMALL bytes in no time
        assertThat(arrivals).containsExactly(transfer, 2 * transfer);
        assertThat(net.bytes()).isGreaterThanOrEqualTo(2L * message.sizeBytes());
    }

    @Test
    void aPartitionCutsLinksBetweenGroupsUntilItHeals() {
        SimNode c = sim.addNode(8, 0);
        net.partition(new int[] {0, 0, 1});
        assertThat(roundTrip(a, b, new GetMempool(1))).as("same side").isZero();
        long start = sim.scheduler().micros();
        CompletableFuture<?> cut = net.transport(a.index()).request(net.address(c.index()), new GetMempool(1));
        sim.scheduler().runUntil(cut::isDone);
        assertThat(cut).isCompletedExceptionally();
        assertThat(sim.scheduler().micros() - start).as("a connect timeout").isEqualTo(SimNetwork.CONNECT_TIMEOUT_MICROS);
        assertThat(failure(cut).kind()).isEqualTo(PeerException.Kind.UNREACHABLE);
        net.heal();
        assertThat(roundTrip(a, c, new GetMempool(1))).isZero();
    }

    @Test
    void aLostMessageFailsAfterTheRequestTimeoutAndLossIsAsLikelyAsSet() {
        net.setLoss(1);
        long start = sim.scheduler().micros();
        CompletableFuture<?> lost = net.transport(a.index()).request(net.address(b.index()), new GetMempool(1));
        sim.scheduler().runUntil(lost::isDone);
        assertThat(failure(lost).kind()).isEqualTo(PeerException.Kind.UNREACHABLE);
        assertThat(sim.scheduler().micros() - start).isEqualTo(SimNetwork.TIMEOUT_MICROS);

        net.setLoss(0.2); // the request or its answer may be lost: 0.8 x 0.8 of round trips succeed
        int answered = 0;
        for (int i = 0; i < 1_000; i++) {
            answered += roundTrip(a, b, new GetMempool(1)) >= 0 ? 1 : 0;
        }
        assertThat(answered).isBetween(590, 690); // 640 expected; 3.8 standard deviations either side
    }

    private static PeerException failure(CompletableFuture<?> f) {
        return (PeerException) f.handle((x, e) -> e).join();
    }
}
