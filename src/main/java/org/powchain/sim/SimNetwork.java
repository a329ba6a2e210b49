package org.powchain.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.powchain.consensus.RuleViolation;
import org.powchain.p2p.Network;
import org.powchain.p2p.PeerException;
import org.powchain.wire.PeerAddress;
import org.powchain.p2p.PeerTransport;
import org.powchain.wire.Refused;
import org.powchain.wire.Request;

/**
 * The simulated wire between nodes: the other adapter of the p2p protocol (the real one is
 * {@code p2p.HttpTransport}). A request is delivered to the receiving node's {@link Network#serve},
 * the same handler an HTTP route mounts, and its answer comes back the same way, each leg after:
 * <ul>
 *   <li>waiting for the sender's uplink, which sends one message at a time at its bandwidth
 *       (a block takes its size / bandwidth), then</li>
 *   <li>the link's latency (one way, per pair of nodes, possibly different each way).</li>
 * </ul>
 * A message may be lost (the sender hears nothing until its request times out, as with HTTP), and
 * a partition cuts the links between groups (a connection attempt fails after a connect timeout).
 * Messages are objects: blocks and transactions are shared between nodes, never copied or encoded.
 */
public final class SimNetwork {
    /** A lost request fails after this long, as an HTTP request's deadline (10 s) would. */
    static final long TIMEOUT_MICROS = 10_000_000;
    /** Across a partition a connection fails after this long, as the HTTP client's connect timeout (3 s). */
    static final long CONNECT_TIMEOUT_MICROS = 3_000_000;

    /** One-way latency between two nodes, by index. */
    public interface Latency {
        long micros(int from, int to);

        /** No link is faster than this: the lookahead that lets nodes' events run side by side ({@link EventScheduler}). */
        default long minMicros() {
            return 0;
        }
    }

    /** Sees every message that goes on the wire, request or answer, as it is sent (tests count what a node reveals); in lanes, from the sender's thread. */
    public interface Tap {
        void sent(int from, int to, Object message);
    }

    private final EventScheduler scheduler;
    private final SplittableRandom random;
    /** Each sender draws its losses from its own stream, so that who sends first does not change who loses what. */
    private final List<SplittableRandom> losses = new ArrayList<>();
    private final List<Network> nodes = new ArrayList<>();
    private final List<PeerAddress> addresses = new ArrayList<>();
    private final Map<PeerAddress, Integer> index = new HashMap<>();
    private final List<Double> bitsPerMicro = new ArrayList<>();
    private long[] uplinkFreeAt = new long[16];
    /** Per sender, since senders may run on different threads (see {@link EventScheduler}). */
    private long[] messagesFrom = new long[16];
    private long[] bytesFrom = new long[16];
    private Latency latency = (a, b) -> 0;
    private Tap tap = (from, to, message) -> { };
    private double loss;
    private int[] groups;

    public SimNetwork(EventScheduler scheduler, long seed) {
        this.scheduler = scheduler;
        this.random = new SplittableRandom(seed);
    }

    public Latency latency() {
        return latency;
    }

    public void setLatency(Latency latency) {
        this.latency = latency;
        scheduler.setLookahead(latency.minMicros());
    }

    public void setTap(Tap tap) {
        this.tap = tap;
    }

    public double loss() {
        return loss;
    }

    /** The chance that any one message is lost. */
    public void setLoss(double loss) {
        this.loss = loss;
    }

    /** An address for a new node, with its uplink bandwidth (Mbit/s; 0 for unlimited). */
    public int reserve(double uplinkMbps) {
        int i = addresses.size();
        PeerAddress a = new PeerAddress("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 8333);
        addresses.add(a);
        index.put(a, i);
        nodes.add(null);
        bitsPerMicro.add(uplinkMbps); // 1 Mbit/s is 1 bit per microsecond
        losses.add(random.split());
        if (i >= uplinkFreeAt.length) {
            uplinkFreeAt = Arrays.copyOf(uplinkFreeAt, uplinkFreeAt.length * 2);
            messagesFrom = Arrays.copyOf(messagesFrom, uplinkFreeAt.length);
            bytesFrom = Arrays.copyOf(bytesFrom, uplinkFreeAt.length);
        }
        scheduler.register(i);
        return i;
    }

    public void attach(int node, Network network) {
        nodes.set(node, network);
    }

    public PeerAddress address(int node) {
        return addresses.get(node);
    }

    public int indexOf(PeerAddress address) {
        Integer i = index.get(address);
        return i == null ? -1 : i;
    }

    public int size() {
        return addresses.size();
    }

    /** Node {@code node}'s side of the wire. */
    public PeerTransport transport(int node) {
        return new PeerTransport() {
            @Override
            public <A> CompletableFuture<A> request(PeerAddress peer, Request<A> request) {
                return send(node, peer, request);
            }
        };
    }

    /** Splits the network: nodes talk only within their group ({@code groups[i]} for node i). */
    public void partition(int[] groups) {
        this.groups = groups.clone();
    }

    public void heal() {
        this.groups = null;
    }

    public boolean cut(int a, int b) {
        return groups != null && groups[a] != groups[b];
    }

    public long messages() {
        return Arrays.stream(messagesFrom).sum();
    }

    public long bytes() {
        return Arrays.stream(bytesFrom).sum();
    }

    private <A> CompletableFuture<A> send(int from, PeerAddress to, Request<A> request) {
        CompletableFuture<A> answer = new CompletableFuture<>();
        int target = indexOf(to);
        if (target < 0 || nodes.get(target) == null || cut(from, target)) {
            fail(from, answer, CONNECT_TIMEOUT_MICROS, to + " cannot be reached");
            return answer;
        }
        if (lost(from)) {
            fail(from, answer, TIMEOUT_MICROS, to + " did not answer");
            return answer;
        }
        long sentAt = scheduler.micros();
        tap.sent(from, target, request);
        scheduler.at(target, transmit(from, target, request.sizeBytes()), () -> {
            A reply;
            try {
                reply = nodes.get(target).serve(request, Optional.of(addresses.get(from)));
            } catch (RuleViolation v) {
                answerLater(target, from, answer, null, Request.SMALL, new PeerException(PeerException.Kind.REFUSED,
                        v.rule().code(), to + " refused: " + v.getMessage()), sentAt);
                return;
            } catch (Refused r) {
                answerLater(target, from, answer, null, Request.SMALL, new PeerException(PeerException.Kind.REFUSED,
                        r.code(), to + " refused: " + r.getMessage()), sentAt);
                return;
            }
            tap.sent(target, from, reply);
            answerLater(target, from, answer, reply, request.answerSizeBytes(reply), null, sentAt);
        });
        return answer;
    }

    private <A> void answerLater(int from, int to, CompletableFuture<A> answer, A reply, int size, PeerException refused,
                                 long sentAt) {
        if (cut(from, to) || lost(from)) { // the partition came, or the answer was lost, while the request was on its way
            // the asker hears of it no sooner than the lookahead: it is another node, maybe on another thread
            fail(to, answer, Math.max(latency.minMicros(), sentAt + TIMEOUT_MICROS - scheduler.micros()),
                    addresses.get(from) + " did not answer");
            return;
        }
        scheduler.at(to, transmit(from, to, size), () -> {
            if (refused != null) {
                answer.completeExceptionally(refused);
            } else {
                answer.complete(reply);
            }
        });
    }

    /** When {@code size} bytes sent now by {@code from} arrive at {@code to}: after the uplink queue, the transfer and the latency. */
    private long transmit(int from, int to, int size) {
        messagesFrom[from]++;
        bytesFrom[from] += size;
        double bw = bitsPerMicro.get(from);
        long start = Math.max(scheduler.micros(), uplinkFreeAt[from]);
        long done = bw <= 0 ? start : start + (long) Math.ceil(size * 8.0 / bw);
        uplinkFreeAt[from] = done;
        return done + latency.micros(from, to);
    }

    private boolean lost(int sender) {
        return loss > 0 && losses.get(sender).nextDouble() < loss;
    }

    /** {@code asker}'s request fails after {@code afterMicros}. */
    private void fail(int asker, CompletableFuture<?> answer, long afterMicros, String why) {
        scheduler.after(asker, afterMicros, () -> answer.completeExceptionally(new PeerException(PeerException.Kind.UNREACHABLE, why)));
    }
}
