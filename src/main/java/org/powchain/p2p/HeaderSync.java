package org.powchain.p2p;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.powchain.chain.ChainManager;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Target;
import org.powchain.wire.GetBlocks;
import org.powchain.wire.GetHeaders;
import org.powchain.wire.PeerAddress;

/**
 * Headers-first sync with one peer, as Bitcoin does it. Send a block locator of our main chain;
 * the peer answers the headers after the last block we share. Check that they chain and that each
 * meets its proof of work (cheap: one hash each) before asking for any body, so a peer cannot make
 * us download junk. Then fetch the bodies we lack in batches, spread over several peers, and give
 * them to the chain in order, which validates everything else. Repeat until the peer has nothing
 * more. See docs/PROTOCOL.md.
 *
 * <p>Written as a chain of reactions to answers ({@link CompletableFuture}s from the
 * {@link PeerTransport}), so it never blocks a thread: the same code runs over HTTP and in the
 * simulator. Each step runs after the previous one completed.
 */
final class HeaderSync {
    static final int MAX_HEADERS = GetHeaders.MAX_HEADERS;
    static final int BLOCKS_PER_REQUEST = GetBlocks.MAX_BLOCKS;

    private final ChainManager chain;
    private final PeerStore peers;
    private final PeerTransport transport;
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

    HeaderSync(ChainManager chain, PeerStore peers, PeerTransport transport) {
        this.chain = chain;
        this.peers = peers;
        this.transport = transport;
    }

    /** True while blocks are being downloaded and connected (not while merely asking for headers). */
    boolean isDownloading() {
        return downloading.get();
    }

    /** Syncs with {@code peer}; {@code helpers} (other healthy peers) may serve some of the bodies. */
    CompletableFuture<Result> syncWith(PeerAddress peer, List<PeerAddress> helpers) {
        Run run = new Run(peer, helpers);
        return run.round(chain.queries().locator(), null)
                .handle((ignored, failure) -> new Result(run.answered, run.accepted, Map.copyOf(run.misbehaving),
                        Set.copyOf(run.unreachable)));
    }

    private static final CompletableFuture<Boolean> DONE = CompletableFuture.completedFuture(false);

    /** One sync's state. */
    private final class Run {
        final PeerAddress peer;
        final List<PeerAddress> sources = new ArrayList<>();
        final Map<PeerAddress, Problem> misbehaving = Collections.synchronizedMap(new LinkedHashMap<>());
        final Set<PeerAddress> unreachable = Collections.synchronizedSet(new LinkedHashSet<>());
        volatile boolean answered;
        volatile int accepted;

        Run(PeerAddress peer, List<PeerAddress> helpers) {
            this.peer = peer;
            sources.add(peer);
            helpers.stream().filter(h -> !h.equals(peer) && !peers.isBanned(h)).limit(3).forEach(sources::add);
        }

        /** Asks for headers after {@code locator}; fetches and connects their blocks; repeats while the peer has more. */
        CompletableFuture<Boolean> round(List<Hash> locator, Hash continueFrom) {
            return transport.request(peer, new GetHeaders(locator, MAX_HEADERS)).handle((answer, failure) -> {
                if (failure != null) {
                    failed(peer, failure);
                    return DONE;
                }
                answered = true;
                List<BlockHeader> headers = answer.headers();
                if (headers.isEmpty() || !checkHeaders(headers)) {
                    return DONE;
                }
                if (continueFrom != null && !headers.get(0).previousHash().equals(continueFrom)) {
                    return DONE; // not where we asked it to go on: it reorganised meanwhile, or it is looping us
                }
                if (headers.size() < MAX_HEADERS && !moreWorkThanOurs(headers)) {
                    return DONE; // its chain has no more work than ours: nothing worth downloading
                }
                List<Hash> wanted = headers.stream().map(BlockHeader::hash).filter(h -> !chain.queries().knows(h)).toList();
                downloading.set(!wanted.isEmpty());
                return fetchAndConnect(wanted).handle((ok, error) -> {
                    downloading.set(false);
                    return ok != null && ok;
                }).thenCompose(ok -> {
                    if (!ok || headers.size() < MAX_HEADERS) {
                        return DONE;
                    }
                    // Continue from the last header: it is on the peer's main chain even if not (yet) on ours.
                    Hash last = headers.get(headers.size() - 1).hash();
                    List<Hash> next = new ArrayList<>();
                    next.add(last);
                    next.addAll(chain.queries().locator());
                    return round(next.subList(0, Math.min(next.size(), GetHeaders.MAX_LOCATOR)), last);
                });
            }).thenCompose(f -> f);
        }

        /**
         * The headers chain onto a block we have, and each meets its proof of work and has the
         * difficulty and time the chain requires: all checked before a single body is fetched.
         */
        private boolean checkHeaders(List<BlockHeader> headers) {
            Hash previous = headers.get(0).previousHash();
            if (chain.queries().node(previous).isEmpty()) {
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

        /** The chain these headers end has more work than our main chain (a full answer may continue: not judged). */
        private boolean moreWorkThanOurs(List<BlockHeader> headers) {
            BigInteger work = chain.queries().node(headers.get(0).previousHash()).orElseThrow().chainWork();
            for (BlockHeader h : headers) {
                work = work.add(Target.work(h.bits()));
            }
            return work.compareTo(chain.queries().tipNode().chainWork()) > 0;
        }

        /** All batches are requested at once, from the sources in turn; they are connected in order. */
        private CompletableFuture<Boolean> fetchAndConnect(List<Hash> wanted) {
            CompletableFuture<Boolean> connected = CompletableFuture.completedFuture(true);
            for (int i = 0; i < wanted.size(); i += BLOCKS_PER_REQUEST) {
                List<Hash> batch = wanted.subList(i, Math.min(wanted.size(), i + BLOCKS_PER_REQUEST));
                PeerAddress source = sources.get((i / BLOCKS_PER_REQUEST) % sources.size());
                CompletableFuture<Map<Hash, Block>> fetched = fetchBlocks(source, batch);
                connected = connected.thenCompose(ok -> !ok ? DONE : fetched.thenCompose(blocks -> {
                    if (blocks != null && blocks.keySet().containsAll(batch)) {
                        return CompletableFuture.completedFuture(connectAll(batch, blocks, source));
                    }
                    if (source.equals(peer)) {
                        if (blocks != null) {
                            garbage(peer, "it announced headers whose blocks it does not send");
                        }
                        return DONE;
                    }
                    // a helper lacked some: ask the peer that sent the headers
                    return fetchBlocks(peer, batch).thenApply(again ->
                            again != null && again.keySet().containsAll(batch) && connectAll(batch, again, peer));
                }));
            }
            return connected;
        }

        private boolean connectAll(List<Hash> batch, Map<Hash, Block> blocks, PeerAddress source) {
            for (Hash h : batch) {
                if (!connect(blocks.get(h), source)) {
                    return false;
                }
            }
            return true;
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
        private CompletableFuture<Map<Hash, Block>> fetchBlocks(PeerAddress source, List<Hash> hashes) {
            return transport.request(source, new GetBlocks(hashes)).handle((blocks, failure) -> {
                if (failure != null) {
                    failed(source, failure);
                    return null;
                }
                Map<Hash, Block> out = new HashMap<>();
                blocks.forEach(b -> out.put(b.hash(), b));
                return out;
            });
        }

        private void failed(PeerAddress p, Throwable failure) {
            if (!(PeerClient.unwrap(failure) instanceof PeerException e)) {
                unreachable.add(p);
                return;
            }
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
