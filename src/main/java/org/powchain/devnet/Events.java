package org.powchain.devnet;

import org.powchain.core.WallClock;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What happened on the devnet, newest last, for the page's timeline: blocks found and by whom,
 * reorgs and their depth, splits and heals, nodes stopped and started, attack steps. Bounded: the
 * oldest entries go first.
 */
final class Events {
    static final int KEEP = 500;

    record Event(long seq, long timeMillis, String kind, String text) {}

    private final Deque<Event> events = new ArrayDeque<>();
    private long seq;

    synchronized void add(String kind, String text) {
        events.addLast(new Event(++seq, WallClock.millis(), kind, text));
        while (events.size() > KEEP) {
            events.removeFirst();
        }
    }

    /** Every event after {@code since} (a sequence number; 0 for all kept). */
    synchronized ArrayNode after(long since) {
        ArrayNode out = LocalHttp.JSON.createArrayNode();
        for (Event e : events) {
            if (e.seq() > since) {
                ObjectNode o = out.addObject();
                o.put("seq", e.seq()).put("time", e.timeMillis()).put("kind", e.kind()).put("text", e.text());
            }
        }
        return out;
    }

    static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
