package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.core.Block;
import org.powchain.wire.BlockAnnouncement;
import org.powchain.wire.GetBlocks;

/** A flood of relays to a dead peer never holds up or drops the downloads a sync waits on (issue 11, item 5). */
@Tag("network")
class HttpTransportTest {
    final FakePeer dead = new FakePeer();
    final FakePeer source = new FakePeer();

    @AfterEach
    void stop() {
        dead.close();
        source.close();
    }

    @Test
    void downloadsGoOutWhileTheRelayQueueIsFullAndOnlyRelaysAreDropped() throws Exception {
        dead.hang("/addblock");
        ChainBuilder builder = new ChainBuilder();
        Block block = builder.child(builder.genesis());
        source.answer("/p2p/blocks", "[" + FakePeer.WIRE.block(block) + "]");
        HttpTransport http = new HttpTransport(() -> "127.0.0.1:1", Duration.ofSeconds(30), 8_000_000, FakePeer.WIRE, p -> true);

        List<CompletableFuture<?>> relays = new ArrayList<>();
        int flood = HttpTransport.MAX_IN_FLIGHT + HttpTransport.MAX_QUEUED + 100;
        for (int i = 0; i < flood; i++) {
            relays.add(http.request(dead.peerAddress(), new BlockAnnouncement(block)));
        }
        // the oldest queued relays were dropped to keep memory bounded ...
        long dropped = relays.stream().filter(f -> f.isCompletedExceptionally()
                && f.handle((ok, e) -> PeerClient.unwrap(e) instanceof CancellationException).join()).count();
        assertThat(dropped).isEqualTo(100);
        // ... but a download is never queued behind them, nor dropped
        List<Block> got = http.request(source.peerAddress(), new GetBlocks(List.of(block.hash()))).get(10, TimeUnit.SECONDS);
        assertThat(got).extracting(Block::hash).containsExactly(block.hash());
        assertThat(source.requests("/p2p/blocks")).isEqualTo(1);
    }
}
