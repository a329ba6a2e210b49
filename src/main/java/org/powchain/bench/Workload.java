package org.powchain.bench;

import org.powchain.core.WallClock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.powchain.core.Transaction;
import org.powchain.chain.ChainManager;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Genesis;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.Ledgers;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Keys;
import org.powchain.core.MerkleTree;
import org.powchain.core.NetworkId;
import org.powchain.core.AccountTransaction;
import org.powchain.mining.NonceSearch;
import org.powchain.store.ChainStore;
import org.powchain.store.MemoryStore;

/**
 * What the benchmarks measure against: a network whose genesis funds {@code senders} demo
 * accounts ({@code u0}, {@code u1}, ...) and whose difficulty is pinned to 1 bit, so blocks cost
 * nothing to mine and every figure is about validation, storage and HTTP, not hashing.
 */
final class Workload {
    static final long FUNDS = 1_000_000_000L;
    final ConsensusParams params;
    final NetworkId network;
    final List<Keys> senders;
    final Address recipient = Keys.demo("B").address();
    /** Whom every block's coinbase pays. */
    static final Keys MINER = Keys.demo("miner");

    Workload(int senders) {
        this(senders, Ledgers.DEFAULT, ConsensusParams.defaults().maxBlockBytes());
    }

    /** The same network in the ledger model {@code model}, with blocks of up to {@code maxBlockBytes}. */
    Workload(int senders, Ledger model, int maxBlockBytes) {
        List<ConsensusParams.Allocation> allocations = new ArrayList<>();
        IntStream.range(0, senders).forEach(i -> allocations.add(new ConsensusParams.Allocation("u" + i, FUNDS)));
        allocations.add(new ConsensusParams.Allocation("A", 1000));
        allocations.add(new ConsensusParams.Allocation("B", 1000));
        this.params = ConsensusParams.forTests().withPinnedDifficulty(1).withGenesisAllocations(allocations)
                .withLedger(model).withMaxBlockBytes(maxBlockBytes);
        this.network = Genesis.networkId(params);
        this.senders = IntStream.range(0, senders).parallel().mapToObj(i -> Keys.demo("u" + i)).toList();
    }

    ChainManager newChain(ChainStore store) {
        return newChain(store, new SignatureVerifier(1_000_000));
    }

    ChainManager newChain(ChainStore store, SignatureVerifier sigs) {
        return ChainManager.open(params, store, sigs, () -> Long.MAX_VALUE / 4);
    }

    ChainManager newChain() {
        return newChain(new MemoryStore());
    }

    /** {@code count} signed transfers, spread over the senders, with nonces from {@code firstNonce}. */
    List<AccountTransaction> transfers(int count, long firstNonce) {
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> AccountTransaction.signed(network, senders.get(i % senders.size()), recipient, 1, 1,
                        firstNonce + i / senders.size()))
                .toList();
    }

    /**
     * A chain of {@code count} blocks of {@code txs} transfers each, built in memory; their
     * signatures end up in {@code sigs} (verified, as mempool admission would have). Transfer n of
     * the run (block i's k-th is n = i * txs + k) comes from sender n mod senders with nonce
     * n / senders, so each sender's nonces follow on for any block size. Timestamps are now, then
     * the earliest each block may have: none is in a node's future.
     */
    List<Block> blocks(int count, int txs, SignatureVerifier sigs) throws RuleViolation {
        ChainManager chain = newChain(new MemoryStore(), sigs);
        List<Block> blocks = new ArrayList<>(count);
        int n = senders.size();
        long time = WallClock.millis();
        for (int i = 0; i < count; i++) {
            long first = (long) i * txs;
            List<AccountTransaction> list = IntStream.range(0, txs).parallel()
                    .mapToObj(k -> AccountTransaction.signed(network, senders.get((int) ((first + k) % n)), recipient, 1, 1, (first + k) / n))
                    .toList();
            Block b = blockOn(chain, list, time);
            chain.process(b);
            blocks.add(b);
        }
        return blocks;
    }

    /** A valid block on the chain's tip carrying {@code txs}, mined at 1 bit. */
    static Block blockOn(ChainManager chain, List<AccountTransaction> txs, long timestamp) {
        return blockOn(chain, txs, txs.stream().mapToLong(AccountTransaction::fee).sum(), timestamp);
    }

    /** A valid block on the chain's tip carrying {@code txs} of its ledger model, which pay {@code fees}, mined at 1 bit. */
    static Block blockOn(ChainManager chain, List<? extends Transaction> txs, long fees, long timestamp) {
        ChainQueries.TemplateContext ctx = chain.queries().templateContext();
        ConsensusParams params = chain.queries().params();
        List<Transaction> all = new ArrayList<>(txs.size() + 1);
        all.add(params.ledger().coinbase(MINER.address(), params.blockReward() + fees, ctx.height()));
        all.addAll(txs);
        BlockHeader h = new BlockHeader(ConsensusParams.BLOCK_VERSION, ctx.parent(), MerkleTree.rootOf(all),
                Math.max(timestamp, ctx.minTimestamp()), ctx.bits(), 0);
        long nonce = new NonceSearch(h.encode(), h.bits()).search(0, 1, Long.MAX_VALUE).orElseThrow();
        return new Block(h.withNonce(nonce), all);
    }
}
