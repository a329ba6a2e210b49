package org.powchain.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.powchain.client.HttpClients;
import org.powchain.p2p.PeerException.Kind;
import org.powchain.wire.MalformedMessage;
import org.powchain.wire.PeerAddress;
import org.powchain.wire.WireFormat;

/**
 * Outbound requests to peers over the JDK's HttpClient. Every request has a deadline covering the
 * whole answer (a peer that trickles bytes is cut off), and every answer a size limit (read no
 * further than the limit), so one slow or hostile peer costs at most one worker for a few seconds.
 * Each request names this node in {@value Network#PEER_HEADER}, so the peer knows whom it talks to.
 *
 * <p>The JDK's client is built as every powchain program builds it ({@link HttpClients}: HTTP/1.1,
 * at the first request); the rest is what talking to a possibly hostile peer needs and a user's
 * {@code client.NodeClient} does not: asynchronous sends, the size limit, and answers sorted into
 * the {@link PeerException} kinds that peer scores follow.
 */
final class PeerClient {

    /** Built at the first request, not with the node ({@link HttpClients}: start-up time). */
    private final Supplier<HttpClient> http;
    private final Supplier<String> self;
    private final Duration timeout;
    private final long maxBodyBytes;
    private final Predicate<PeerAddress> mayDial;

    /** @param mayDial a test hook standing in for a firewall; real nodes dial everyone */
    PeerClient(Supplier<String> self, Duration timeout, long maxBodyBytes, Predicate<PeerAddress> mayDial) {
        this.mayDial = mayDial;
        this.http = HttpClients.lazy(Duration.ofMillis(Math.min(timeout.toMillis(), 3_000)));
        this.self = self;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    CompletableFuture<JsonNode> get(PeerAddress peer, String pathAndQuery) {
        try {
            return send(peer, request(peer, pathAndQuery).GET());
        } catch (PeerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    CompletableFuture<JsonNode> post(PeerAddress peer, String path, JsonNode body) {
        try {
            return send(peer, request(peer, path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        } catch (PeerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private HttpRequest.Builder request(PeerAddress peer, String pathAndQuery) throws PeerException {
        if (!mayDial.test(peer)) {
            throw new PeerException(Kind.UNREACHABLE, peer + " is filtered out");
        }
        try {
            return HttpRequest.newBuilder(URI.create("http://" + peer + pathAndQuery))
                    .timeout(timeout).header(Network.PEER_HEADER, self.get()).header("Accept", "application/json");
        } catch (IllegalArgumentException e) {
            throw new PeerException(Kind.UNREACHABLE, "not a dialable address: " + peer);
        }
    }

    /** The answer as JSON; fails with a {@link PeerException}. Never blocks the caller. */
    private CompletableFuture<JsonNode> send(PeerAddress peer, HttpRequest.Builder request) {
        CompletableFuture<HttpResponse<byte[]>> exchange = http.get().sendAsync(request.build(), info -> limited(maxBodyBytes));
        // the deadline covers the whole answer: a peer that trickles bytes is cut off
        return exchange.orTimeout(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true);
                        throw new CompletionException(classify(peer, unwrap(failure)));
                    }
                    try {
                        return answer(peer, response);
                    } catch (PeerException e) {
                        throw new CompletionException(e);
                    }
                });
    }

    private PeerException classify(PeerAddress peer, Throwable cause) {
        if (cause instanceof TooLarge) {
            return new PeerException(Kind.GARBAGE, peer + " answered more than " + maxBodyBytes + " bytes");
        }
        if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
            return new PeerException(Kind.UNREACHABLE, peer + " did not answer within " + timeout.toMillis() + " ms");
        }
        return new PeerException(Kind.UNREACHABLE, peer + ": " + describe(cause));
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private JsonNode answer(PeerAddress peer, HttpResponse<byte[]> response) throws PeerException {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 500) {
            throw new PeerException(Kind.UNREACHABLE, peer + " answered HTTP " + status);
        }
        JsonNode json;
        try {
            json = WireFormat.parseJson(body);
        } catch (MalformedMessage m) {
            throw new PeerException(Kind.GARBAGE, peer + " answered HTTP " + status + " that is not JSON");
        }
        if (status >= 400) {
            throw new PeerException(Kind.REFUSED, json.path("error").asText("http-" + status),
                    peer + " refused: " + json.path("detail").asText(body));
        }
        return json;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : " " + m);
    }

    /** Thrown into the response future when an answer runs past the limit. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Collects the body, cancelling the download as soon as it passes {@code max} bytes. */
    private static HttpResponse.BodySubscriber<byte[]> limited(long max) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private final List<ByteBuffer> parts = new ArrayList<>();
            private Flow.Subscription subscription;
            private long size;

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                for (ByteBuffer b : items) {
                    size += b.remaining();
                    parts.add(b);
                }
                if (size > max && !result.isDone()) {
                    subscription.cancel();
                    parts.clear();
                    result.completeExceptionally(new TooLarge());
                }
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                if (result.isDone()) {
                    return;
                }
                ByteBuffer all = ByteBuffer.allocate((int) size);
                parts.forEach(all::put);
                result.complete(all.array());
            }
        };
    }
}
