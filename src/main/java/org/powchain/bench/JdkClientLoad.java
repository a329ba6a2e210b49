package org.powchain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.powchain.client.NodeClient;

/**
 * The JDK's HTTP client ({@link NodeClient}'s) on {@code clients} threads, each sending its next request as soon as
 * the last is answered, until {@code requests} have been sent. It runs in the node's JVM, so it
 * takes CPU from the node; {@link WrkLoad} is the lighter alternative.
 */
final class JdkClientLoad implements LoadGenerator {
    private final int requests;
    private final int clients;

    JdkClientLoad(int requests, int clients) {
        this.requests = requests;
        this.clients = clients;
    }

    @Override
    public String name() {
        return "JDK client";
    }

    @Override
    public String describe() {
        return "JDK HttpClient in this JVM, " + clients + " threads, " + String.format("%,d", requests)
                + " requests per measurement (after " + warmUpRounds() + " × " + String.format("%,d", requests / 2)
                + " warming up)";
    }

    @Override
    public boolean inThisJvm() {
        return true;
    }

    @Override
    public int warmUpRounds() {
        return 2;
    }

    @Override
    public void warmUp(String baseUrl, String pathTemplate, PrintStream log) throws Exception {
        send(baseUrl, pathTemplate, requests / 2);
    }

    @Override
    public Result measure(String baseUrl, String pathTemplate, PrintStream log) throws Exception {
        return send(baseUrl, pathTemplate, requests);
    }

    private Result send(String baseUrl, String pathTemplate, int count) throws Exception {
        // Split the template once: String.format on every request would be load-generator work the node is blamed for.
        String head = pathTemplate.substring(0, pathTemplate.indexOf("%d"));
        String tail = pathTemplate.substring(pathTemplate.indexOf("%d") + 2);
        return send(new NodeClient(baseUrl), clients, i -> head + (i % HttpBenchmark.ACCOUNTS) + tail, i -> i < count);
    }

    /**
     * Requests to {@code node} from {@code clients} threads, each sending its next as soon as the last is
     * answered: request i is a GET of {@code path.apply(i)}, for as long as {@code more.test(i)}.
     */
    static Result send(NodeClient node, int clients, IntFunction<String> path, IntPredicate more) throws Exception {
        NodeClient http = node.withTimeout(Duration.ofSeconds(10));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); more.test(i); i = next.getAndIncrement()) {
                    sent.incrementAndGet();
                    try {
                        if (http.status(path.apply(i)) != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(sent.get(), secs, failures.get(), clients + " clients");
    }
}
