package org.powchain.sim;

import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.powchain.chain.ChainListener;
import org.powchain.chain.TipChange;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.Target;
import org.powchain.mining.NonceSearch;

/**
 * The one thing the simulator models instead of running: a miner's hashing. Finding a block is a
 * Poisson process, so the time to a miner's next block is exponentially distributed with rate
 * (its hashes per second) / (expected hashes per block at the template's difficulty). Because the
 * process is memoryless, the draw is simply made again whenever the tip moves (a new template) or
 * the hashrate changes (in lanes, only when the difficulty or the hashrate changes: see {@link #tipChanged}). When the time comes, the block is assembled for real by the node's
 * {@code BlockAssembler} and its nonce found for real by {@link NonceSearch} at the simulation's
 * low difficulty, so every simulated block is a valid block a real node accepts.
 */
public final class HashPower implements ChainListener {
    @Override
    public ChainListener.Phase phase() {
        return ChainListener.Phase.MINING;
    }

    private final SimNode node;
    private final EventScheduler scheduler;
    private final SplittableRandom random;
    private final DoubleSupplier hashesPerMicro;
    private final Consumer<Block> found;
    private double share;
    private long generation;
    private boolean paused;
    private long mined;
    private int workBits;
    private double work;

    /**
     * @param share          this miner's fraction of {@code hashesPerMicro}
     * @param hashesPerMicro the whole network's hashrate, which a scenario may change
     * @param found          what to do with a block once mined (an honest miner gives it to its chain)
     */
    public HashPower(SimNode node, EventScheduler scheduler, long seed, double share, DoubleSupplier hashesPerMicro,
                     Consumer<Block> found) {
        this.node = node;
        this.scheduler = scheduler;
        this.random = new SplittableRandom(seed);
        this.share = share;
        this.hashesPerMicro = hashesPerMicro;
        this.found = found;
        node.chain().addListener(this);
    }

    /** An honest miner: its block goes to its own chain, which relays it to its peers. */
    public static Consumer<Block> submitTo(SimNode node) {
        return block -> {
            try {
                node.chain().process(block);
            } catch (RuleViolation v) {
                throw new IllegalStateException("a simulated miner made an invalid block: " + v.getMessage(), v);
            }
        };
    }

    public double share() {
        return share;
    }

    public void setShare(double share) {
        this.share = share;
        reschedule();
    }

    public long mined() {
        return mined;
    }

    /** Draws the time to the next block again: the tip, the difficulty or the hashrate changed. */
    public void reschedule() {
        long g = ++generation;
        if (share <= 0 || paused) {
            return;
        }
        int bits = node.queries().templateContext().bits();
        if (bits != workBits) { // the expected hashes per block change only with the difficulty
            workBits = bits;
            work = Target.work(bits).doubleValue();
        }
        double perMicro = share * hashesPerMicro.getAsDouble() / work;
        double wait = -Math.log(1 - random.nextDouble()) / perMicro;
        scheduler.after((long) Math.ceil(wait), () -> {
            if (g == generation) {
                mine();
            }
        });
    }

    /** Stops mining until {@link #resume()}. */
    public void pause() {
        paused = true;
        generation++;
    }

    public void resume() {
        paused = false;
        reschedule();
    }

    private void mine() {
        Block template = node.assembler().template(node.keys().address(), scheduler.millis());
        OptionalLong nonce = new NonceSearch(template.header().encode(), template.header().bits()).search(0, 1, Long.MAX_VALUE);
        Block block = new Block(template.header().withNonce(nonce.orElseThrow()), template.transactions());
        mined++;
        found.accept(block);
        reschedule(); // if the block did not move the tip (a withheld block), mining goes on all the same
    }

    /**
     * A new tip means a new template, and the draw is made again. In lanes ({@link EventScheduler#inLanes}),
     * where a node's event may not schedule a global one within the lookahead, the draw is kept unless the
     * difficulty changed: a Poisson process forgets its past, so the time left is drawn from the same
     * distribution either way, and the block is assembled on the tip of the moment it is found.
     */
    @Override
    public void tipChanged(TipChange change) {
        if (!scheduler.inLanes() || node.queries().templateContext().bits() != workBits) {
            reschedule();
        }
    }
}
