package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.AccountTransaction;
import org.powchain.store.MemoryStore;

/**
 * Balances, the tip and the chain are read from a snapshot, never behind the writer: while a
 * block's connect is stalled in the store (a slow disk, a long reorg), every query answers at once,
 * with the chain as it was before that block, and a reorg is seen whole or not at all.
 */
@Tag("unit")
class ReadersNeverWaitTest {
    static final Duration AT_ONCE = Duration.ofSeconds(2);
    final ChainBuilder builder = new ChainBuilder();
    final AtomicBoolean stall = new AtomicBoolean();
    final CountDownLatch stalled = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final SignatureVerifier signatures = new SignatureVerifier(1000);
    final ChainManager chain = ChainManager.open(builder.params(), InterceptedStore.around(new MemoryStore(), write -> {
        if (write.equals("connect") && stall.get()) {
            stalled.countDown();
            release.await(30, TimeUnit.SECONDS);
        }
    }), signatures, builder::now);
    final ChainQueries queries = chain.queries();
    final Address a = Keys.demo("A").address();
    final Address b = Keys.demo("B").address();

    @AfterEach
    void letGo() {
        release.countDown();
    }

    @Test
    void everyQueryAnswersWhileABlockIsBeingConnectedAndShowsTheChainBeforeIt() throws Exception {
        Block tip = queries.tipBlock();
        Block next = builder.child(tip, AccountTransaction.signed(builder.network(), Keys.demo("A"), b, 100, 0, 0));

        CompletableFuture<BlockOutcome> writing = stallWhileProcessing(next);

        assertTimeoutPreemptively(AT_ONCE, () -> {
            assertThat(queries.height()).isEqualTo(builder.height(tip));
            assertThat(queries.tipNode().hash()).isEqualTo(tip.hash());
            assertThat(queries.balance(a)).isEqualTo(1000);
            assertThat(queries.tipBlock()).isEqualTo(tip);
            assertThat(queries.blocks(0, 10)).last().isEqualTo(tip);
            assertThat(queries.isOnMainChain(next.hash())).isFalse();
            assertThat(queries.locator().get(0)).isEqualTo(tip.hash());
            assertThat(queries.templateContext().parent()).isEqualTo(tip.hash());
            assertThat(queries.branchTips()).isNotEmpty();
            assertThat(queries.knows(next.hash())).isTrue(); // stored, being connected
        });

        release.countDown();
        assertThat(writing.get(10, TimeUnit.SECONDS).status()).isEqualTo(BlockOutcome.Status.MAIN_CHAIN);
        assertThat(queries.tipNode().hash()).isEqualTo(next.hash());
        assertThat(queries.balance(a)).isEqualTo(900);
        assertThat(queries.balance(b)).isEqualTo(1100);
    }

    @Test
    void aReorgIsSeenWholeOrNotAtAll() throws Exception {
        Block fork = queries.tipBlock();
        Block a1 = builder.child(fork, AccountTransaction.signed(builder.network(), Keys.demo("A"), b, 100, 0, 0));
        chain.process(a1);
        List<Block> rival = builder.extend(fork, 2); // more work, without the payment

        chain.process(rival.get(0)); // a tie: stored on a side branch, the tip stays
        CompletableFuture<BlockOutcome> writing = stallWhileProcessing(rival.get(1)); // a1 disconnected, then stalled

        assertTimeoutPreemptively(AT_ONCE, () -> {
            assertThat(queries.tipNode().hash()).isEqualTo(a1.hash()); // not the fork point half way
            assertThat(queries.balance(b)).isEqualTo(1100); // the payment still counted
            assertThat(queries.isOnMainChain(a1.hash())).isTrue();
        });

        release.countDown();
        writing.get(10, TimeUnit.SECONDS);
        assertThat(queries.tipNode().hash()).isEqualTo(rival.get(1).hash());
        assertThat(queries.balance(b)).isEqualTo(1000);
        assertThat(queries.reorgCount()).isEqualTo(1);
    }

    @Test
    void aBlocksSignaturesAreVerifiedWhileAnotherIsStillBeingConnected() throws Exception {
        Block tip = queries.tipBlock();
        AccountTransaction pay = AccountTransaction.signed(builder.network(), Keys.demo("B"), a, 10, 0, 0);
        Block rival = builder.child(tip, pay); // as much work as the block being connected: stored for the race
        CompletableFuture<BlockOutcome> writing = stallWhileProcessing(builder.child(tip));

        CompletableFuture<BlockOutcome> second = CompletableFuture.supplyAsync(() -> {
            try {
                return chain.process(rival);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(AT_ONCE).until(() -> signatures.isVerified(pay.id()));
        assertThat(second).isNotDone(); // only the verifying went ahead: storing it waits for the writer

        release.countDown();
        writing.get(10, TimeUnit.SECONDS);
        assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(BlockOutcome.Status.SIDE_BRANCH);
    }

    /** Processes {@code block} on another thread and returns once its first connect is stalled in the store. */
    private CompletableFuture<BlockOutcome> stallWhileProcessing(Block block) throws InterruptedException {
        stall.set(true);
        CompletableFuture<BlockOutcome> writing = CompletableFuture.supplyAsync(() -> {
            try {
                return chain.process(block);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(stalled.await(10, TimeUnit.SECONDS)).as("the connect reached the store").isTrue();
        await().atMost(AT_ONCE).until(() -> !writing.isDone());
        return writing;
    }
}
