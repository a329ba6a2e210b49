package org.powchain.consensus;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalInt;
import org.powchain.core.Target;

/**
 * Every number the consensus rules use, in one place. Nodes agree only if these agree.
 *
 * @param genesisBits        target of the genesis block, and the easiest target ever allowed
 * @param pinnedBits         when present ({@code --difficulty N}), every block after genesis uses
 *                           exactly these bits and no retarget happens
 * @param targetBlockMillis  the block interval difficulty steers toward
 * @param retargetInterval   difficulty changes every this many blocks
 * @param maxAdjustFactor    one retarget moves the target by at most this factor either way
 * @param blockReward        new coins in every coinbase, on top of the fees
 * @param maxBlockBytes      size limit of a block's encoding
 * @param maxFutureMillis    how far ahead of our clock a block's timestamp may be
 * @param medianTimeSpan     how many past blocks the median-time-past rule looks at
 * @param genesisTimestamp   fixed, so genesis is the same block on every node
 * @param genesisAllocations who genesis funds, and how much (the demo accounts A and B)
 * @param ledger             the ledger model: what a transaction is and does (see {@link Ledger});
 *                           {@code --ledger} chooses one of {@link Ledgers} by name
 * @param coinbaseMaturity   a coinbase's outputs may be spent only in a block this many blocks above
 *                           the one that created them, in a model that reads it (one that keeps
 *                           outputs, whose reward can be held back)
 */
public record ConsensusParams(
        int genesisBits,
        OptionalInt pinnedBits,
        long targetBlockMillis,
        int retargetInterval,
        int maxAdjustFactor,
        long blockReward,
        int maxBlockBytes,
        long maxFutureMillis,
        int medianTimeSpan,
        long genesisTimestamp,
        List<Allocation> genesisAllocations,
        Ledger ledger,
        int coinbaseMaturity) {

    /** A genesis credit to a demo account name. */
    public record Allocation(String demoName, long amount) {}

    public static final int BLOCK_VERSION = 1;

    public ConsensusParams {
        genesisAllocations = List.copyOf(genesisAllocations);
        if (coinbaseMaturity < 0) {
            throw new IllegalArgumentException("coinbase maturity is 0 blocks or more, got " + coinbaseMaturity);
        }
    }

    /**
     * The defaults every node uses: 16 leading zero bits to start (a {@code mine} call takes a few
     * tens of milliseconds), retarget every 10 blocks toward 5 seconds, 50 coins a block, the
     * {@link Ledgers#DEFAULT default ledger model}; where the model reads it, a coinbase matures in
     * 10 blocks (Bitcoin's 100 would keep a classroom miner's reward locked for over 8 minutes at
     * 5 s a block).
     */
    public static ConsensusParams defaults() {
        return new ConsensusParams(
                Target.bitsForLeadingZeros(16),
                OptionalInt.empty(),
                5_000,
                10,
                4,
                50,
                1_000_000,
                120_000,
                11,
                1_795_564_800_000L, // 2026-11-25T00:00:00Z
                List.of(new Allocation("A", 1000), new Allocation("B", 1000)),
                Ledgers.DEFAULT,
                10);
    }

    /**
     * As a record prints itself, but of the parameters one model reads only what the chosen model
     * writes ({@link Ledger#describeParams}). The data dir stores this text and refuses to open
     * under other parameters ({@code StartupAudit}), so a number a model ignores must not make a
     * data dir of that model "another network".
     */
    @Override
    public String toString() {
        return "ConsensusParams[genesisBits=" + genesisBits + ", pinnedBits=" + pinnedBits
                + ", targetBlockMillis=" + targetBlockMillis + ", retargetInterval=" + retargetInterval
                + ", maxAdjustFactor=" + maxAdjustFactor + ", blockReward=" + blockReward
                + ", maxBlockBytes=" + maxBlockBytes + ", maxFutureMillis=" + maxFutureMillis
                + ", medianTimeSpan=" + medianTimeSpan + ", genesisTimestamp=" + genesisTimestamp
                + ", genesisAllocations=" + genesisAllocations + ", ledger=" + ledger.name()
                + ledger.describeParams(this) + "]";
    }

    /**
     * Every field in declaration order, big-endian ({@code pinnedBits} as 0 when absent, each
     * allocation as its name in modified UTF-8 and its amount), then what the ledger model writes
     * ({@link Ledger#encodeParams}: its name and the parameters only it reads, or nothing for the
     * model every network had before there was a choice, so that those keep their id and their
     * signed transactions): the bytes a network id is made of.
     */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(genesisBits);
            out.writeInt(pinnedBits.orElse(0));
            out.writeLong(targetBlockMillis);
            out.writeInt(retargetInterval);
            out.writeInt(maxAdjustFactor);
            out.writeLong(blockReward);
            out.writeInt(maxBlockBytes);
            out.writeLong(maxFutureMillis);
            out.writeInt(medianTimeSpan);
            out.writeLong(genesisTimestamp);
            out.writeInt(genesisAllocations.size());
            for (Allocation a : genesisAllocations) {
                out.writeUTF(a.demoName());
                out.writeLong(a.amount());
            }
            ledger.encodeParams(this, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** Nearly free proof of work (1 leading zero bit), for tests that mine many blocks. */
    public static ConsensusParams forTests() {
        return defaults().withGenesisBits(Target.bitsForLeadingZeros(1));
    }

    public ConsensusParams withGenesisBits(int bits) {
        return new ConsensusParams(bits, pinnedBits, targetBlockMillis, retargetInterval, maxAdjustFactor,
                blockReward, maxBlockBytes, maxFutureMillis, medianTimeSpan, genesisTimestamp, genesisAllocations, ledger, coinbaseMaturity);
    }

    /** Pins difficulty to {@code zeroBits} leading zero bits after genesis ({@code --difficulty}). */
    public ConsensusParams withPinnedDifficulty(int zeroBits) {
        return new ConsensusParams(genesisBits, OptionalInt.of(Target.bitsForLeadingZeros(zeroBits)),
                targetBlockMillis, retargetInterval, maxAdjustFactor, blockReward, maxBlockBytes,
                maxFutureMillis, medianTimeSpan, genesisTimestamp, genesisAllocations, ledger, coinbaseMaturity);
    }

    public ConsensusParams withGenesisAllocations(List<Allocation> allocations) {
        return new ConsensusParams(genesisBits, pinnedBits, targetBlockMillis, retargetInterval, maxAdjustFactor,
                blockReward, maxBlockBytes, maxFutureMillis, medianTimeSpan, genesisTimestamp, allocations, ledger, coinbaseMaturity);
    }

    /** Blocks of up to {@code bytes} bytes (the benchmarks' 5,000-transfer UTXO block is over the default 1 MB). */
    public ConsensusParams withMaxBlockBytes(int bytes) {
        return new ConsensusParams(genesisBits, pinnedBits, targetBlockMillis, retargetInterval, maxAdjustFactor,
                blockReward, bytes, maxFutureMillis, medianTimeSpan, genesisTimestamp, genesisAllocations, ledger, coinbaseMaturity);
    }

    public ConsensusParams withLedger(Ledger model) {
        return new ConsensusParams(genesisBits, pinnedBits, targetBlockMillis, retargetInterval, maxAdjustFactor,
                blockReward, maxBlockBytes, maxFutureMillis, medianTimeSpan, genesisTimestamp, genesisAllocations, model, coinbaseMaturity);
    }

    /** A coinbase's outputs mature {@code blocks} blocks after the block that made them (in a model that reads it). */
    public ConsensusParams withCoinbaseMaturity(int blocks) {
        return new ConsensusParams(genesisBits, pinnedBits, targetBlockMillis, retargetInterval, maxAdjustFactor,
                blockReward, maxBlockBytes, maxFutureMillis, medianTimeSpan, genesisTimestamp, genesisAllocations, ledger, blocks);
    }

    public ConsensusParams withTargetBlockMillis(long millis) {
        return new ConsensusParams(genesisBits, pinnedBits, millis, retargetInterval, maxAdjustFactor,
                blockReward, maxBlockBytes, maxFutureMillis, medianTimeSpan, genesisTimestamp, genesisAllocations, ledger, coinbaseMaturity);
    }
}
