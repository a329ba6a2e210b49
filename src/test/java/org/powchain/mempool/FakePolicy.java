package org.powchain.mempool;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.powchain.chain.ChainSnapshot;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.core.Hashing;
import org.powchain.core.Transaction;

/**
 * A ledger model small enough to see through, to test the generic {@link Mempool} without either
 * real model: coins are names, a transaction spends some and makes others, and {@link #chain} is
 * the set of coins unspent at the tip (the test moves it as a chain would). What a {@link Tx}
 * spends is what it claims; what it makes is what it provides.
 */
final class FakePolicy implements MempoolPolicy {
    /** Coins unspent at the tip. */
    final Set<Object> chain = new HashSet<>();
    /** Every transaction {@link #check} was asked about, in order. */
    final List<String> checked = new ArrayList<>();

    /** A fake transaction: {@code spends} coins, {@code makes} coins, pays {@code fee}, is {@code size} bytes. */
    record Tx(String name, long fee, int size, List<Object> spends, List<Object> makes, boolean forged)
            implements Transaction {
        static Tx of(String name, long fee, List<Object> spends, List<Object> makes) {
            return new Tx(name, fee, 100, spends, makes, false);
        }

        Tx sized(int bytes) {
            return new Tx(name, fee, bytes, spends, makes, forged);
        }

        Tx forgedCopy() {
            return new Tx(name, fee, size, spends, makes, true);
        }

        @Override
        public Hash id() {
            return Hashing.doubleSha256(encode());
        }

        @Override
        public byte[] encode() {
            byte[] out = Arrays.copyOf((name + (forged ? "!" : "")).getBytes(StandardCharsets.UTF_8), Math.max(size, 16));
            return out;
        }

        @Override
        public boolean isCoinbase() {
            return false;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Tx tx(Transaction t) {
        return (Tx) t;
    }

    @Override
    public void checkAlone(Transaction t) throws RuleViolation {
        if (tx(t).forged()) {
            throw new RuleViolation(Rule.BAD_SIGNATURE, tx(t).name() + " is forged");
        }
    }

    @Override
    public List<Object> claims(Transaction t) {
        return tx(t).spends();
    }

    @Override
    public List<Object> provides(Transaction t) {
        return tx(t).makes();
    }

    @Override
    public long check(Transaction t, PoolView pool, ChainSnapshot tip) throws RuleViolation {
        checked.add(tx(t).name());
        for (Object coin : tx(t).spends()) {
            if (!available(coin, pool)) {
                throw new RuleViolation(Rule.INPUT_MISSING_OR_SPENT, tx(t).name() + " spends " + coin + ", which nothing holds");
            }
        }
        return tx(t).fee();
    }

    private boolean available(Object coin, PoolView pool) {
        return chain.contains(coin) || pool.provider(coin).isPresent();
    }

    @Override
    public RuleViolation conflict(Transaction t, Object claim, Transaction holder, PoolView pool, ChainSnapshot tip) {
        return new RuleViolation(Rule.MEMPOOL_CONFLICT, tx(t).name() + " spends " + claim + ", which pending "
                + tx(holder).name() + " spends");
    }

    @Override
    public boolean stillPending(Transaction t, PoolView pool, ChainSnapshot tip) {
        return tx(t).spends().stream().allMatch(c -> available(c, pool));
    }

    @Override
    public boolean involves(Transaction t, Address address) {
        return false;
    }

    /** A fake coin has no owner to pay from: the generic pool's tests never build a transfer. */
    @Override
    public Transaction transfer(Mempool mempool, org.powchain.core.Keys payer, Address to, long amount) {
        throw new UnsupportedOperationException("fake coins have no owner");
    }
}
