package org.powchain.p2p;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.powchain.wire.PeerAddress;
import org.powchain.wire.WireFormat;

/**
 * A hostile peer: a bare HTTP server on loopback answering each protocol path with whatever the
 * test scripts, counting the requests it gets, and able to push messages to a node as a peer does.
 */
final class FakePeer implements AutoCloseable {
    /** The JSON peers of the default network (account model) write and read. */
    static final WireFormat WIRE = WireFormat.of(org.powchain.consensus.ConsensusParams.defaults());

    private final HttpServer server;
    private final Map<String, Function<URI, byte[]>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, AtomicInteger> blocksPosted = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> blockSenders = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-peer");
        t.setDaemon(true);
        return t;
    });

    FakePeer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (path.equals("/addblock")) {
                String hash = new ObjectMapper().readTree(request).path("hash").asText();
                blocksPosted.computeIfAbsent(hash, h -> new AtomicInteger()).incrementAndGet();
                blockSenders.computeIfAbsent(hash, h -> ConcurrentHashMap.newKeySet())
                        .add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Powchain-Peer")));
            }
            Function<URI, byte[]> answer = answers.get(path);
            byte[] body = answer == null ? "[]".getBytes(StandardCharsets.UTF_8) : answer.apply(exchange.getRequestURI());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException cutOff) {
                // the node stopped reading: that is what a size limit does
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** Makes {@code path} hang until the fake peer is closed (at most a minute), like a peer that died mid-answer. */
    void hang(String path) {
        answers.put(path, uri -> {
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new byte[0];
        });
    }

    /** Who posted block {@code hash} to this peer, by their {@code X-Powchain-Peer} header. */
    java.util.Set<String> blockSenders(String hash) {
        return blockSenders.getOrDefault(hash, java.util.Set.of());
    }

    /** How many times each block (by hash) was posted to this peer's {@code /addblock}. */
    Map<String, Integer> blocksPosted() {
        Map<String, Integer> out = new java.util.HashMap<>();
        blocksPosted.forEach((h, n) -> out.put(h, n.get()));
        return out;
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    PeerAddress peerAddress() {
        return PeerAddress.parse(address()).orElseThrow();
    }

    /**
     * Answers hellos as a node on {@code like}'s network with nothing to offer (no work, no peers),
     * so a node that greets this peer, as it greets every peer it hears from, finds it healthy
     * instead of holding a malformed hello against it.
     */
    void answerHellosAsAPeerOf(org.powchain.api.TestNode like) {
        com.fasterxml.jackson.databind.node.ObjectNode hello = like.node().network().hello();
        hello.put("node", address());
        hello.put("instance", "fake-peer " + address());
        hello.put("chainWork", "0");
        hello.putArray("peers");
        answer("/p2p/hello", hello.toString());
    }

    void answer(String path, String json) {
        answers.put(path, uri -> json.getBytes(StandardCharsets.UTF_8));
    }

    void answer(String path, Function<URI, byte[]> answer) {
        answers.put(path, answer);
    }

    int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    /** Sends {@code body} to {@code url} as this peer; answers status and body. */
    HttpResponse<String> push(String url, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Powchain-Peer", address())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
