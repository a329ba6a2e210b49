package org.powchain.store;

import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.core.Hashing;
import org.powchain.core.OutPoint;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoChange;
import org.powchain.core.UtxoView;

/**
 * Every unspent output of one chain state, in memory, with an index by owner. Immutable and
 * persistent: {@link #connect} and {@link #disconnect} make a new set in O(outputs changed x log
 * size) and leave this one as it was, so a reader keeps a set as long as it likes without a lock
 * while the chain moves on. A block connects with the {@link UtxoChange} the rules gave it and
 * disconnects with the same record, so a reorg brings back exactly the set before it
 * ({@link #hash()} says so).
 */
public final class UtxoSet implements UtxoView {
    private static final UtxoSet EMPTY = new UtxoSet(TreePMap.empty(), HashTreePMap.empty());

    private final TreePMap<OutPoint, UnspentOutput> outputs;
    private final PMap<Address, TreePSet<OutPoint>> byOwner;

    private UtxoSet(TreePMap<OutPoint, UnspentOutput> outputs, PMap<Address, TreePSet<OutPoint>> byOwner) {
        this.outputs = outputs;
        this.byOwner = byOwner;
    }

    public static UtxoSet empty() {
        return EMPTY;
    }

    /**
     * The set after the block whose change this is: its spent outputs gone, its new ones added.
     * A change that does not fit (an output to spend is missing or differs, one to create is
     * already there) is a bug in the caller, never a rule a block broke: the rules gave the change
     * from this very set.
     */
    public UtxoSet connect(UtxoChange change) {
        return step(change.spent(), change.created(), "connect");
    }

    /** The set before the block whose change this is: its new outputs gone, the ones it spent back. */
    public UtxoSet disconnect(UtxoChange change) {
        return step(change.created(), change.spent(), "disconnect");
    }

    private UtxoSet step(Map<OutPoint, UnspentOutput> remove, Map<OutPoint, UnspentOutput> add, String what) {
        TreePMap<OutPoint, UnspentOutput> next = outputs;
        PMap<Address, TreePSet<OutPoint>> owners = byOwner;
        for (Map.Entry<OutPoint, UnspentOutput> e : remove.entrySet()) {
            if (!e.getValue().equals(next.get(e.getKey()))) {
                throw new IllegalStateException(what + ": " + e.getKey() + " is not in the set as the change says");
            }
            next = next.minus(e.getKey());
            Address owner = e.getValue().owner();
            TreePSet<OutPoint> left = owners.get(owner).minus(e.getKey());
            owners = left.isEmpty() ? owners.minus(owner) : owners.plus(owner, left);
        }
        for (Map.Entry<OutPoint, UnspentOutput> e : add.entrySet()) {
            if (next.containsKey(e.getKey())) {
                throw new IllegalStateException(what + ": " + e.getKey() + " is already in the set");
            }
            next = next.plus(e.getKey(), e.getValue());
            Address owner = e.getValue().owner();
            owners = owners.plus(owner, owners.getOrDefault(owner, TreePSet.empty()).plus(e.getKey()));
        }
        return new UtxoSet(next, owners);
    }

    @Override
    public Optional<UnspentOutput> find(OutPoint outpoint) {
        return Optional.ofNullable(outputs.get(outpoint));
    }

    /** What {@code owner} may spend, by outpoint: an immutable map, in outpoint order. */
    public Map<OutPoint, UnspentOutput> ownedBy(Address owner) {
        TreePMap<OutPoint, UnspentOutput> owned = TreePMap.empty();
        for (OutPoint o : byOwner.getOrDefault(owner, TreePSet.empty())) {
            owned = owned.plus(o, outputs.get(o));
        }
        return owned;
    }

    /**
     * The sum of what {@code owner} may spend. Each output fits in 64 bits but their sum need not;
     * past {@code Long.MAX_VALUE} this throws ArithmeticException rather than show a wrong balance.
     */
    public long balance(Address owner) {
        long sum = 0;
        for (OutPoint o : byOwner.getOrDefault(owner, TreePSet.empty())) {
            sum = Math.addExact(sum, outputs.get(o).amount());
        }
        return sum;
    }

    /** Every unspent output, in outpoint order: an immutable map. */
    public Map<OutPoint, UnspentOutput> all() {
        return outputs;
    }

    public int size() {
        return outputs.size();
    }

    /**
     * SHA-256 of the whole set in outpoint order, each output as its outpoint and its encoding in
     * the undo record (amount, owner, height, coinbase flag). Two sets are equal exactly when their
     * hashes are: what a test compares before and after a reorg.
     */
    public Hash hash() {
        MessageDigest sha = Hashing.newSha256();
        for (Map.Entry<OutPoint, UnspentOutput> e : outputs.entrySet()) {
            sha.update(e.getKey().encode());
            sha.update(e.getValue().encode());
        }
        return Hash.of(sha.digest());
    }

    @Override
    public String toString() {
        return "UtxoSet[" + outputs.size() + " outputs]";
    }
}
