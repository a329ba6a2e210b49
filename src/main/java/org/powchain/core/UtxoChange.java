package org.powchain.core;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What connecting one block does to the UTXO set: the outputs it spends, as they were, and the
 * outputs it creates. Connecting removes {@code spent} and adds {@code created}; disconnecting
 * removes {@code created} and puts {@code spent} back, so it is also the block's undo record, and a
 * reorg restores the set exactly. (blockchain_go deletes what a block spends and keeps nothing to
 * put it back: its set can only be rebuilt by reading the whole chain again.)
 * An output created and spent inside the same block is in neither: the set never held it.
 * Both maps keep the order the block made them in.
 */
public record UtxoChange(Map<OutPoint, UnspentOutput> spent, Map<OutPoint, UnspentOutput> created) {
    private static final int ENTRY = OutPoint.SIZE + UnspentOutput.SIZE;

    public UtxoChange {
        spent = Collections.unmodifiableMap(new LinkedHashMap<>(spent));
        created = Collections.unmodifiableMap(new LinkedHashMap<>(created));
    }

    /** The bytes a store keeps: the spent entries then the created ones, each list after its count. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(2 * Integer.BYTES + (spent.size() + created.size()) * ENTRY);
        put(out, spent);
        put(out, created);
        return out.array();
    }

    /**
     * The change {@link #encode} wrote; IllegalArgumentException for anything else, an outpoint
     * listed twice included, so that each change has exactly one encoding.
     */
    public static UtxoChange decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            Map<OutPoint, UnspentOutput> spent = get(in);
            Map<OutPoint, UnspentOutput> created = get(in);
            for (OutPoint o : created.keySet()) {
                if (spent.containsKey(o)) { // an outpoint names one output for ever: spent before, never made again
                    throw new IllegalArgumentException("undo data has " + o + " both spent and created");
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("undo data has " + in.remaining() + " trailing bytes");
            }
            return new UtxoChange(spent, created);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("undo data cut short at " + bytes.length + " bytes", e);
        }
    }

    private static void put(ByteBuffer out, Map<OutPoint, UnspentOutput> entries) {
        out.putInt(entries.size());
        entries.forEach((o, u) -> {
            o.writeTo(out);
            u.writeTo(out);
        });
    }

    private static Map<OutPoint, UnspentOutput> get(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || (long) n * ENTRY > in.remaining()) {
            throw new IllegalArgumentException("undo data claims " + Integer.toUnsignedString(n) + " outputs");
        }
        Map<OutPoint, UnspentOutput> entries = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            OutPoint o = OutPoint.readFrom(in);
            if (entries.put(o, UnspentOutput.readFrom(in)) != null) {
                throw new IllegalArgumentException("undo data lists " + o + " twice");
            }
        }
        return entries;
    }
}
