package org.powchain.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.powchain.chain.BlockNode;
import org.powchain.chain.ChainQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.powchain.wire.Hello;
import org.powchain.wire.PeerAddress;
import org.powchain.wire.Refused;
import org.powchain.wire.WireFormat;

/**
 * Hellos and peer lists (docs/PROTOCOL.md, "Hello"). Each peer is greeted when it is new, every
 * hello interval ({@link Timings}) after, and on its backoff schedule while it fails; a hello
 * carries our tip and the peers we have dialled successfully, and the answer tells us whether the
 * peer is reachable, its height and its peers. A peer that greets us is dialled back at once: only
 * a peer we can reach is ever passed on.
 */
final class PeerGossip {
    private static final Logger log = LoggerFactory.getLogger(PeerGossip.class);
    /** Peers are greeted again this often: peer lists and heights travel with the hello. */
    private final long helloEveryMillis;
    /** At most this many addresses are taken from one hello. */
    static final int MAX_ADDRESSES = 64;

    private final ChainQueries chain;
    private final PeerStore peers;
    private final PeerTransport transport;
    private final LongSupplier clock;
    private final String nodeId;
    /** Called with a peer whose hello shows more work than our tip. */
    private final Consumer<PeerAddress> syncWith;
    /**
     * Nodes with different consensus parameters are on different networks, even when they share
     * genesis (say only {@code --difficulty} differs): they cannot peer.
     */
    private final String network;
    /** The ledger model's name: in the network id already, and said in the hello so a refusal can name both models. */
    private final String ledger;
    /** A random number that tells us when a hello reached ourselves under another name. */
    private final String instance;
    private final Map<PeerAddress, Long> lastHello = new ConcurrentHashMap<>();
    /** Hellos queued or under way, and since when: a hello dropped from a full queue is retried after a while. */
    private final Map<PeerAddress, Long> greeting = new ConcurrentHashMap<>();
    /** Our tip's chain work as a hello writes it, kept until the tip moves: every hello needs it. */
    private volatile TipWork tipWork;
    /** The peers our hellos name, and that list as JSON: built again only when the list changes (most hellos name the same peers). */
    private volatile PeerList peerList = new PeerList(List.of(), WireFormat.mapper().createArrayNode());
    /** Addresses as peers' hellos spell them, parsed: the same few come in every hello. A pure function, so a cache. */
    private final Map<String, Optional<PeerAddress>> parsed = new ConcurrentHashMap<>();

    private record TipWork(BlockNode tip, String text) {}

    /** {@code json} is never changed once built: every hello holding it may be read by another thread. */
    private record PeerList(List<PeerAddress> peers, ArrayNode json) {}

    /** Parsed addresses kept at most: more than any honest peer list names, fewer than a flood would fill. */
    private static final int PARSED_KEPT = 4_096;

    PeerGossip(ChainQueries chain, PeerStore peers, PeerTransport transport, LongSupplier clock, long helloEveryMillis, String nodeId,
               RandomGenerator random, Consumer<PeerAddress> syncWith) {
        this.chain = chain;
        this.peers = peers;
        this.transport = transport;
        this.helloEveryMillis = helloEveryMillis;
        this.instance = HexFormat.of().toHexDigits(random.nextLong());
        this.clock = clock;
        this.nodeId = nodeId;
        this.syncWith = syncWith;
        this.network = chain.networkId().toString();
        this.ledger = chain.params().ledger().name();
    }

    /** Greets every peer that is due. */
    void tick() {
        long now = clock.getAsLong();
        lastHello.keySet().removeIf(p -> !peers.contains(p));
        for (PeerAddress p : peers.due()) {
            Long last = lastHello.get(p);
            if (last == null || now - last >= helloEveryMillis || peers.isBackingOff(p)) {
                greetSoon(p);
            }
        }
    }

    void greetSoon(PeerAddress p) {
        long now = clock.getAsLong();
        boolean[] ours = {false};
        greeting.compute(p, (k, since) -> {
            if (since != null && now - since < helloEveryMillis) {
                return since; // one hello at a time per peer
            }
            ours[0] = true;
            return now;
        });
        if (ours[0]) {
            greet(p).whenComplete((done, error) -> greeting.remove(p));
        }
    }

    /** Says hello to {@code peer}: learns whether it is reachable, its height and its peers. */
    private CompletableFuture<Void> greet(PeerAddress peer) {
        lastHello.put(peer, clock.getAsLong());
        return transport.request(peer, new Hello(hello())).handle((reply, failure) -> {
            if (failure != null) {
                failed(peer, PeerClient.unwrap(failure));
            } else {
                greeted(peer, reply);
            }
            return null;
        });
    }

    private void failed(PeerAddress peer, Throwable failure) {
        if (!(failure instanceof PeerException e)) {
            return; // dropped before it was sent
        }
        if (e.kind() == PeerException.Kind.REFUSED && "self".equals(e.errorCode())) {
            forgetSelf(peer);
            return;
        }
        if (e.kind() == PeerException.Kind.REFUSED && "wrong-network".equals(e.errorCode())) {
            log.warn("p2p: dropped {}, which refused this node's hello on another network, saying: {}", peer, e.getMessage());
            peers.drop(peer); // it told us we are on another network: retrying cannot help
            return;
        }
        if (e.kind() == PeerException.Kind.GARBAGE) {
            peers.penalize(peer, Misbehavior.GARBAGE, e.getMessage());
        }
        if (peers.failed(peer, e.getMessage())) {
            log.info("p2p: dropped {} after repeated failures ({})", peer, e.getMessage());
        }
    }

    private void greeted(PeerAddress peer, JsonNode reply) {
        if (instance.equals(reply.path("instance").asText())) {
            forgetSelf(peer);
            return;
        }
        if (!network.equals(reply.path("network").asText())) {
            log.warn("p2p: dropped {}: {}", peer, otherNetwork(reply, "that node"));
            peers.drop(peer); // another network: not misbehaviour, just not ours
            return;
        }
        boolean news = peers.succeeded(peer, reply.path("nodeId").asText(null), reply.path("height").asInt(-1));
        learnPeers(reply.path("peers"));
        if (news) { // a new reachable peer: tell the others now rather than at their next hello
            log.info("p2p: peer {} ({}) is reachable, at height {}", peer, reply.path("nodeId").asText("?"),
                    reply.path("height").asInt(-1));
            peers.healthy().stream().filter(p -> !p.equals(peer)).forEach(this::greetSoon);
        }
        if (hasMoreWork(reply)) {
            syncWith.accept(peer);
        }
    }

    private void forgetSelf(PeerAddress peer) {
        peers.forgetAsSelf(peer);
        lastHello.remove(peer);
    }

    private void learnPeers(JsonNode list) {
        if (!list.isArray()) {
            return;
        }
        int n = 0;
        for (JsonNode a : list) {
            if (n++ >= MAX_ADDRESSES) {
                break;
            }
            parse(a.asText()).ifPresent(peers::learn);
        }
    }

    private Optional<PeerAddress> parse(String text) {
        Optional<PeerAddress> p = parsed.get(text);
        if (p == null) {
            if (parsed.size() >= PARSED_KEPT) {
                parsed.clear();
            }
            p = PeerAddress.parse(text);
            parsed.put(text, p);
        }
        return p;
    }

    private boolean hasMoreWork(JsonNode hello) {
        String theirs = hello.path("chainWork").asText("0");
        TipWork ours = tipWork(chain.tipNode());
        if (theirs.equals(ours.text())) {
            return false; // the same work as ours, most often the same tip: no number to parse
        }
        try {
            return new BigInteger(theirs).compareTo(ours.tip().chainWork()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private TipWork tipWork(BlockNode tip) {
        TipWork w = tipWork;
        if (w == null || w.tip() != tip) {
            w = new TipWork(tip, tip.chainWork().toString());
            tipWork = w;
        }
        return w;
    }

    /**
     * Why the node whose hello is {@code hello} is not on our network, in one line: another ledger
     * model if its hello names one (a chain of one model means nothing to a node of the other),
     * else other consensus parameters.
     */
    private String otherNetwork(JsonNode hello, String who) {
        String theirs = hello.path("network").asText("nothing");
        String theirLedger = hello.path("ledger").asText("");
        if (!theirLedger.isEmpty() && !theirLedger.equals(ledger)) {
            return "this node runs the " + ledger + " ledger model (network " + network + "); " + who + " runs the "
                    + theirLedger + " ledger model (network " + theirs + "): nodes of different ledger models are on"
                    + " different networks and cannot peer (see --ledger)";
        }
        return "this node is on network " + network + "; " + who + " is on network " + theirs + ": nodes with different"
                + " consensus parameters (genesis, --difficulty, --ledger, ...) are on different networks and cannot peer";
    }

    /** What this node says about itself in a hello, asked or answered. */
    ObjectNode hello() {
        BlockNode tip = chain.tipNode();
        ObjectNode n = WireFormat.mapper().createObjectNode();
        n.put("node", peers.self());
        n.put("nodeId", nodeId);
        n.put("instance", instance);
        n.put("network", network);
        n.put("ledger", ledger);
        n.put("height", tip.height());
        n.put("tip", tip.hash().toHex());
        n.put("chainWork", tipWork(tip).text());
        n.set("peers", peerList(peers.gossipable()));
        return n;
    }

    private ArrayNode peerList(List<PeerAddress> now) {
        PeerList cached = peerList;
        if (cached.peers().equals(now)) {
            return cached.json();
        }
        ArrayNode json = WireFormat.mapper().createArrayNode();
        now.forEach(p -> json.add(p.toString()));
        peerList = new PeerList(now, json);
        return json;
    }

    /**
     * A peer said hello: remember it (it is gossiped only after we dial it back successfully, which
     * tells us it is reachable), learn its peers, and answer our own hello.
     */
    ObjectNode receiveHello(JsonNode hello, Optional<PeerAddress> from) throws Refused {
        if (instance.equals(hello.path("instance").asText())) {
            throw new Refused("self", "this is the node itself");
        }
        if (!network.equals(hello.path("network").asText())) {
            throw new Refused("wrong-network", otherNetwork(hello, "the node saying hello"));
        }
        from.ifPresent(p -> {
            peers.heardFrom(p);
            if (peers.greetedBy(p)) {
                greetSoon(p); // dial back at once: is it reachable?
            }
        });
        learnPeers(hello.path("peers"));
        if (from.isPresent() && hasMoreWork(hello)) {
            syncWith.accept(from.get());
        }
        return hello();
    }
}
