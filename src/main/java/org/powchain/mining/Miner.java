package org.powchain.mining;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.powchain.chain.BlockOutcome;
import org.powchain.chain.ChainListener;
import org.powchain.chain.ChainManager;
import org.powchain.chain.TipChange;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mines blocks: on request ({@link #mineOne()}, the {@code mine} route) or one after another
 * ({@link #setContinuous}, the {@code --mine} flag).
 *
 * <p>Threads: one coordinator thread builds templates and hands each of {@code threads} search
 * threads its own slice of the nonce space (thread i tries i, i+N, i+2N, ...). A new tip from
 * anywhere abandons the search at once, so no work is wasted on a stale parent. The template is
 * also rebuilt every few seconds so new transactions get in.
 */
public final class Miner implements ChainListener, AutoCloseable {
    @Override
    public ChainListener.Phase phase() {
        return ChainListener.Phase.MINING;
    }

    private static final Logger log = LoggerFactory.getLogger(Miner.class);
    private static final long CHUNK = 1 << 14;
    private static final long TEMPLATE_REFRESH_MILLIS = 5_000;

    private final ChainManager chain;
    private final BlockAssembler assembler;
    private final Address minerAddress;
    private final int threads;
    private final LongSupplier clock;
    private final ExecutorService workers;
    private final Thread coordinator;
    private final AtomicLong tipGeneration = new AtomicLong();
    private final LongAdder attempts = new LongAdder();
    private final List<CompletableFuture<Block>> waiters = new CopyOnWriteArrayList<>();
    private final AtomicLong blocksMined = new AtomicLong();
    private final AtomicLong templatesBuilt = new AtomicLong();
    private volatile boolean continuous;
    /** The coordinator is searching or connecting a block it found. */
    private volatile boolean working;
    private volatile boolean running = true;
    private final HashrateMeter meter = new HashrateMeter();

    public Miner(ChainManager chain, BlockAssembler assembler, Address minerAddress, int threads, LongSupplier clock) {
        this.chain = chain;
        this.assembler = assembler;
        this.minerAddress = minerAddress;
        this.threads = threads;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "miner-search");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // the HTTP server and validation come first
            return t;
        });
        this.coordinator = new Thread(this::coordinate, "miner");
        this.coordinator.setDaemon(true);
    }

    public void start() {
        coordinator.start();
    }

    /** The next block this node mines and connects; completes exceptionally if the miner stops. */
    public CompletableFuture<Block> mineOne() {
        CompletableFuture<Block> f = new CompletableFuture<>();
        waiters.add(f);
        wake();
        return f;
    }

    public void setContinuous(boolean on) {
        continuous = on;
        wake();
    }

    public boolean isContinuous() {
        return continuous;
    }

    /**
     * Whether a block is wanted or still being worked on: after {@link #setContinuous}(false) the
     * search under way stops, and a block it found just before is connected; only then is the
     * miner idle, and the chain will not grow by its hand.
     */
    public boolean isBusy() {
        return continuous || !waiters.isEmpty() || working;
    }

    public int threads() {
        return threads;
    }

    public long blocksMined() {
        return blocksMined.get();
    }

    /** Templates built so far: one per new tip, per refresh, per mined block. */
    public long templatesBuilt() {
        return templatesBuilt.get();
    }

    public long totalAttempts() {
        return attempts.sum();
    }

    /** Hashes per second over the last second or so. */
    public double hashrate() {
        return meter.rate(attempts.sum(), clock.getAsLong());
    }

    @Override
    public void tipChanged(TipChange change) {
        tipGeneration.incrementAndGet();
    }

    private synchronized void wake() {
        notifyAll();
    }

    private void coordinate() {
        while (running) {
            synchronized (this) {
                while (running && !continuous && waiters.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (!running) {
                break;
            }
            working = true;
            try {
                Block block = mineBlock();
                if (block != null) {
                    for (CompletableFuture<Block> w : waiters) {
                        waiters.remove(w);
                        w.complete(block);
                    }
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                log.error("mining failed; retrying", e);
            } finally {
                working = false;
            }
        }
        waiters.forEach(w -> w.completeExceptionally(new IllegalStateException("the miner stopped")));
    }

    /** Mines until a block is connected, or returns null when nobody wants one any more. */
    private Block mineBlock() throws InterruptedException {
        while (running && (continuous || !waiters.isEmpty())) {
            long generation = tipGeneration.get();
            Block template = assembler.template(minerAddress, clock.getAsLong());
            templatesBuilt.incrementAndGet();
            OptionalLong nonce = search(template.header(), generation);
            if (nonce.isEmpty()) {
                continue; // new tip or refresh time: build a new template
            }
            Block block = new Block(template.header().withNonce(nonce.getAsLong()), template.transactions());
            try {
                BlockOutcome outcome = chain.process(block);
                if (outcome.status() == BlockOutcome.Status.MAIN_CHAIN) {
                    blocksMined.incrementAndGet();
                    log.info("mined block {} at height {} with {} txs", block.hash(), outcome.height(),
                            block.transactions().size());
                    return block;
                }
            } catch (RuleViolation v) {
                // The tip moved between template and solution, or the mempool held a tx that was
                // just mined elsewhere: try again on a fresh template.
                log.debug("mined block rejected: {}", v.getMessage());
            }
        }
        return null;
    }

    private OptionalLong search(BlockHeader header, long generation) throws InterruptedException {
        byte[] encoded = header.encode();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong found = new AtomicLong(-1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            long first = i;
            workers.execute(() -> {
                try {
                    NonceSearch ns = new NonceSearch(encoded, header.bits());
                    long next = first;
                    while (!stop.get() && tipGeneration.get() == generation && next >= 0) {
                        OptionalLong hit = ns.search(next, threads, CHUNK);
                        attempts.add(CHUNK);
                        if (hit.isPresent()) {
                            found.compareAndSet(-1, hit.getAsLong());
                            stop.set(true);
                        }
                        next += threads * CHUNK;
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        long deadline = clock.getAsLong() + TEMPLATE_REFRESH_MILLIS;
        while (!done.await(50, TimeUnit.MILLISECONDS)) {
            if (!running || clock.getAsLong() > deadline || (!continuous && waiters.isEmpty())) {
                stop.set(true);
            }
        }
        long n = found.get();
        return n >= 0 ? OptionalLong.of(n) : OptionalLong.empty();
    }

    @Override
    public void close() {
        running = false;
        wake();
        coordinator.interrupt();
        workers.shutdownNow();
        try {
            coordinator.join(2_000);
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiters.forEach(w -> w.completeExceptionally(new IllegalStateException("the miner stopped")));
    }

    /** Turns a running count of attempts into attempts per second, sampled at most once a second. */
    private static final class HashrateMeter {
        private long lastTime;
        private long lastCount;
        private double rate;

        synchronized double rate(long count, long now) {
            if (lastTime == 0) {
                lastTime = now;
                lastCount = count;
            } else if (now - lastTime >= 1_000) {
                rate = (count - lastCount) * 1000.0 / (now - lastTime);
                lastTime = now;
                lastCount = count;
            }
            return rate;
        }
    }
}
