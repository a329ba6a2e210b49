package org.powchain.chain;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;

/**
 * Tells the {@link ChainListener}s what the chain did (btcd's notifications.go). The writer queues
 * events under its lock and {@link #publish}es them after letting go of it, so a listener may call
 * back into the chain; events are told in the order they happened, and each to the listeners
 * {@linkplain ChainListener.Phase phase by phase}, so no listener depends on the order it was added in.
 * Only {@link #beforeDisconnect} is told at once, under the lock.
 */
final class ChainEvents {
    private final List<ChainListener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    /** One publisher at a time, so listeners hear events in the order the writer queued them. */
    private final ReentrantLock dispatch = new ReentrantLock();

    /** Adds {@code listener} after the others of its {@link ChainListener.Phase}, before those of later phases. */
    synchronized void add(ChainListener listener) {
        int at = listeners.size();
        while (at > 0 && listeners.get(at - 1).phase().compareTo(listener.phase()) > 0) {
            at--;
        }
        listeners.add(at, listener);
    }

    /** Queued; told only if {@code stillStored} when published (connecting may yet find the block invalid). */
    void blockStored(Block block, BlockNode node, BooleanSupplier stillStored) {
        pending.add(() -> {
            if (stillStored.getAsBoolean()) {
                listeners.forEach(l -> l.blockStored(block, node));
            }
        });
    }

    void tipChanged(TipChange change) {
        pending.add(() -> listeners.forEach(l -> l.tipChanged(change)));
    }

    void blockRejected(Block block, RuleViolation violation) {
        pending.add(() -> listeners.forEach(l -> l.blockRejected(block, violation)));
    }

    /** Told now, under the writer's lock: see {@link ChainListener#beforeDisconnect}. */
    void beforeDisconnect(Block block) {
        listeners.forEach(l -> l.beforeDisconnect(block));
    }

    /** Tells the listeners what was queued; called after the writer's lock is released. */
    void publish() {
        dispatch.lock();
        try {
            Runnable event;
            while ((event = pending.poll()) != null) {
                event.run();
            }
        } finally {
            dispatch.unlock();
        }
    }
}
