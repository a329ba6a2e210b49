package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.api.TestNode;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.core.Block;

/** Headers-first sync spreads body downloads over several peers, and copes with a helper that lacks them. */
@Tag("network")
class NetHeaderSyncTest {
    final Cluster cluster = new Cluster();
    final ChainBuilder builder = new ChainBuilder();
    final FakePeer helper = new FakePeer();
    /** Stands in front of the source, passing every request on, to count what the sync asks it. */
    final FakePeer sourceDoor = new FakePeer();
    TestNode source;
    List<Block> blocks;

    @AfterEach
    void stop() {
        helper.close();
        sourceDoor.close();
        cluster.close();
    }

    private HeaderSync.Result syncFreshChainFromSourceWithHelper(ChainManager fresh) throws Exception {
        source = cluster.start("source");
        blocks = builder.extend(builder.genesis(), 300);
        NetSyncTest.feed(source, blocks);
        for (String path : List.of("/p2p/headers", "/p2p/blocks")) {
            sourceDoor.answer(path, uri -> source.get(path + "?" + uri.getRawQuery()).body().getBytes(StandardCharsets.UTF_8));
        }
        PeerStore peers = new PeerStore(32, "127.0.0.1:1");
        HttpTransport http = new HttpTransport(() -> "127.0.0.1:1", Duration.ofSeconds(10), 8_000_000, 10_000, p -> true);
        HeaderSync sync = new HeaderSync(fresh, peers, http);
        return sync.syncWith(sourceDoor.peerAddress(), List.of(helper.peerAddress())).get(60, TimeUnit.SECONDS);
    }

    @Test
    void bodiesComeFromTheHelperTooAndEveryBlockIsConnected() throws Exception {
        // the helper serves what the source has, as another node on the same chain would
        helper.answer("/p2p/blocks", uri -> source.get("/p2p/blocks?" + uri.getRawQuery()).body()
                .getBytes(StandardCharsets.UTF_8));
        ChainManager fresh = builder.newChain();
        HeaderSync.Result r = syncFreshChainFromSourceWithHelper(fresh);

        assertThat(r.accepted()).isEqualTo(300);
        assertThat(r.misbehaving()).isEmpty();
        assertThat(fresh.queries().tipNode().hash()).isEqualTo(blocks.get(299).hash());
        // 300 blocks in batches of 64: 5 batches, alternating between the source and the helper
        assertThat(helper.requests("/p2p/blocks")).isEqualTo(2);
        assertThat(sourceDoor.requests("/p2p/blocks")).isEqualTo(3);
    }

    @Test
    void aHelperThatLacksTheBlocksCostsARetryFromTheSourceNotTheSync() throws Exception {
        helper.answer("/p2p/blocks", "[]");
        ChainManager fresh = builder.newChain();
        HeaderSync.Result r = syncFreshChainFromSourceWithHelper(fresh);

        assertThat(r.accepted()).isEqualTo(300);
        assertThat(r.misbehaving()).isEmpty();
        assertThat(fresh.queries().tipNode().hash()).isEqualTo(blocks.get(299).hash());
        // the helper's two batches came back empty, and each was asked of the source again
        assertThat(helper.requests("/p2p/blocks")).isEqualTo(2);
        assertThat(sourceDoor.requests("/p2p/blocks")).isEqualTo(3 + 2);
    }
}
