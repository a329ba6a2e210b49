package org.powchain.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.powchain.chain.ChainManager;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;
import org.powchain.p2p.PeerStore.PeerAddress;

/**
 * Headers-first sync with one peer, as Bitcoin does it. Send a block locator of our main chain;
 * the peer answers the headers after the last block we share. Check that they chain and that each
 * meets its proof of work (cheap: one hash each) before asking for any body, so a peer cannot make
 * us download junk. Then fetch the bodies we lack in batches, spread over several peers, and give
 * them to the chain in order, which validates everything else. Repeat until the peer has nothing
 * more. See docs/PROTOCOL.md.
 *
 * <p>Runs on {@link Network}'s sync thread; body requests run on its I/O workers.
 */
final class HeaderSync {
    static final int MAX_HEADERS = 2_000;
    /** Hashes per {@code /p2p/blocks} request: 64 x 65 characters keeps the URL under 5 kB. */
    static final int BLOCKS_PER_REQUEST = 64;
    private static final long BATCH_DEADLINE_SECONDS = 30;

    private final ChainManager chain;
    private final PeerStore peers;
    private final PeerClient client;
    private final ExecutorService io;
    private final AtomicBoolean downloading = new AtomicBoolean();

    /** A peer's misdeed: points toward a ban, and what it did. */
    record Problem(int points, String detail) {}

    /**
     * What one sync did.
     *
     * @param answered     the peer answered the headers request
     * @param accepted     blocks the chain accepted (main chain or side branch)
     * @param misbehaving  peers that sent invalid data, to be scored
     * @param unreachable  peers that did not answer
     */
    record Result(boolean answered, int accepted, Map<PeerAddress, Problem> misbehaving, Set<PeerAddress> unreachable) {
        static Result nothing() {
            return new Result(false, 0, Map.of(), Set.of());
        }
    }

    HeaderSync(ChainManager chain, PeerStore peers, PeerClient client, ExecutorService io) {
        this.chain = chain;
        this.peers = peers;
        this.client = client;
        this.io = io;
    }

    /** True while blocks are being downloaded and connected (not while merely asking for headers). */
    boolean isDownloading() {
        return downloading.get();
    }

    /** Syncs with {@code peer}; {@code helpers} (other healthy peers) may serve some of the bodies. */
    Result syncWith(PeerAddress peer, List<PeerAddress> helpers) {
        Run run = new Run(peer, helpers);
        run.go();
        return new Result(run.answered, run.accepted, Map.copyOf(run.misbehaving), Set.copyOf(run.unreachable));
    }

    /** One sync's state. */
    private final class Run {
        final PeerAddress peer;
        final List<PeerAddress> sources = new ArrayList<>();
        final Map<PeerAddress, Problem> misbehaving = Collections.synchronizedMap(new LinkedHashMap<>());
        final Set<PeerAddress> unreachable = Collections.synchronizedSet(new LinkedHashSet<>());
        boolean answered;
        int accepted;

        Run(PeerAddress peer, List<PeerAddress> helpers) {
            this.peer = peer;
            sources.add(peer);
            helpers.stream().filter(h -> !h.equals(peer) && !peers.isBanned(h)).limit(3).forEach(sources::add);
        }

        void go() {
            List<Hash> locator = chain.locator();
            Hash continueFrom = null;
            while (true) {
                List<BlockHeader> headers = fetchHeaders(locator);
                if (headers == null || headers.isEmpty() || !checkHeaders(headers)) {
                    return;
                }
                if (continueFrom != null && !headers.get(0).previousHash().equals(continueFrom)) {
                    return; // not where we asked it to go on: it reorganised meanwhile, or it is looping us
                }
                List<Hash> wanted = headers.stream().map(BlockHeader::hash).filter(h -> !chain.knows(h)).toList();
                downloading.set(!wanted.isEmpty());
                try {
                    if (!fetchAndConnect(wanted) || headers.size() < MAX_HEADERS) {
                        return;
                    }
                } finally {
                    downloading.set(false);
                }
                // Continue from the last header: it is on the peer's main chain even if not (yet) on ours.
                continueFrom = headers.get(headers.size() - 1).hash();
                List<Hash> next = new ArrayList<>();
                next.add(continueFrom);
                next.addAll(chain.locator());
                locator = next.subList(0, Math.min(next.size(), 64));
            }
        }

        private List<BlockHeader> fetchHeaders(List<Hash> locator) {
            JsonNode answer;
            try {
                answer = client.get(peer, "/p2p/headers?max=" + MAX_HEADERS + "&locator=" + WireFormat.hashList(locator));
            } catch (PeerException e) {
                failed(peer, e);
                return null;
            }
            answered = true;
            if (!answer.isArray() || answer.size() > MAX_HEADERS) {
                garbage(peer, "/p2p/headers must answer an array of at most " + MAX_HEADERS + " headers");
                return null;
            }
            List<BlockHeader> headers = new ArrayList<>(answer.size());
            try {
                for (JsonNode h : answer) {
                    headers.add(WireFormat.parseHeader(h));
                }
            } catch (MalformedMessage | IllegalArgumentException m) {
                garbage(peer, "bad header: " + m.getMessage());
                return null;
            }
            return headers;
        }

        /**
         * The headers chain onto a block we have, and each meets its proof of work and has the
         * difficulty and time the chain requires: all checked before a single body is fetched.
         */
        private boolean checkHeaders(List<BlockHeader> headers) {
            Hash previous = headers.get(0).previousHash();
            if (chain.node(previous).isEmpty()) {
                garbage(peer, "the first header's parent " + previous + " is none of the blocks of our locator");
                return false;
            }
            for (BlockHeader h : headers) {
                if (!h.previousHash().equals(previous)) {
                    garbage(peer, "header " + h.hash() + " does not follow " + previous);
                    return false;
                }
                previous = h.hash();
            }
            try {
                chain.checkHeaderChain(headers);
                return true;
            } catch (RuleViolation v) {
                misbehaving.merge(peer, new Problem(Misbehavior.forBlock(v.rule()), "header: " + v.getMessage()),
                        HeaderSync::worse);
                return false;
            }
        }

        private boolean fetchAndConnect(List<Hash> wanted) {
            List<List<Hash>> batches = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i += BLOCKS_PER_REQUEST) {
                batches.add(wanted.subList(i, Math.min(wanted.size(), i + BLOCKS_PER_REQUEST)));
            }
            List<PeerAddress> from = new ArrayList<>();
            List<Future<Map<Hash, Block>>> pending = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                PeerAddress source = sources.get(i % sources.size());
                List<Hash> batch = batches.get(i);
                from.add(source);
                pending.add(io.submit(() -> fetchBlocks(source, batch)));
            }
            try {
                for (int i = 0; i < batches.size(); i++) {
                    Map<Hash, Block> blocks = await(pending.get(i), from.get(i));
                    PeerAddress source = from.get(i);
                    if (blocks == null || !blocks.keySet().containsAll(batches.get(i))) {
                        if (source.equals(peer)) {
                            if (blocks != null) {
                                garbage(peer, "it announced headers whose blocks it does not send");
                            }
                            return false;
                        }
                        source = peer; // a helper lacked some: ask the peer that sent the headers
                        blocks = fetchBlocks(peer, batches.get(i));
                        if (blocks == null || !blocks.keySet().containsAll(batches.get(i))) {
                            return false;
                        }
                    }
                    for (Hash h : batches.get(i)) {
                        if (!connect(blocks.get(h), source)) {
                            return false;
                        }
                    }
                }
                return true;
            } finally {
                pending.forEach(f -> f.cancel(true));
            }
        }

        private Map<Hash, Block> await(Future<Map<Hash, Block>> f, PeerAddress source) {
            try {
                return f.get(BATCH_DEADLINE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (Exception e) {
                unreachable.add(source);
                return null;
            }
        }

        private boolean connect(Block block, PeerAddress source) {
            try {
                chain.process(block);
                accepted++;
                return true;
            } catch (RuleViolation v) {
                if (v.rule() == Rule.UNKNOWN_PARENT) {
                    return true; // cannot happen in order; harmless if it does
                }
                misbehaving.merge(source, new Problem(Misbehavior.forBlock(v.rule()),
                        "block " + block.hash() + ": " + v.getMessage()), HeaderSync::worse);
                return false;
            }
        }

        /** The blocks {@code source} sent for {@code hashes}, by hash; null if it failed or sent garbage. */
        private Map<Hash, Block> fetchBlocks(PeerAddress source, List<Hash> hashes) {
            JsonNode answer;
            try {
                answer = client.get(source, "/p2p/blocks?hashes=" + WireFormat.hashList(hashes));
            } catch (PeerException e) {
                failed(source, e);
                return null;
            }
            if (!answer.isArray() || answer.size() > hashes.size()) {
                garbage(source, "/p2p/blocks must answer an array of at most the blocks asked for");
                return null;
            }
            int maxTxs = chain.params().maxBlockBytes() / Transaction.SIZE + 1;
            Map<Hash, Block> out = new HashMap<>();
            try {
                for (JsonNode b : answer) {
                    Block block = WireFormat.parseBlock(b, maxTxs);
                    if (!hashes.contains(block.hash())) {
                        garbage(source, "it sent block " + block.hash() + ", which was not asked for");
                        return null;
                    }
                    out.put(block.hash(), block);
                }
            } catch (MalformedMessage m) {
                garbage(source, "bad block: " + m.getMessage());
                return null;
            }
            return out;
        }

        private void failed(PeerAddress p, PeerException e) {
            switch (e.kind()) {
                case UNREACHABLE -> unreachable.add(p);
                case GARBAGE -> garbage(p, e.getMessage());
                case REFUSED -> { } // e.g. it banned us: nothing to hold against it
            }
        }

        private void garbage(PeerAddress p, String detail) {
            misbehaving.merge(p, new Problem(Misbehavior.GARBAGE, "garbage: " + detail), HeaderSync::worse);
        }
    }

    private static Problem worse(Problem a, Problem b) {
        return a.points() >= b.points() ? a : b;
    }
}
