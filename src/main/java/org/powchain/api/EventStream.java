package org.powchain.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.powchain.core.Transaction;
import org.powchain.chain.BlockNode;
import org.powchain.chain.ChainListener;
import org.powchain.chain.TipChange;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;

/**
 * The live stream at {@code /api/v1/events} (Server-Sent Events): what the chain and the mempool
 * do, as it happens. Events: {@code hello} (the node summary, on connect), {@code tip} (the main
 * chain moved), {@code block} (a valid block was stored, on any branch), {@code reorg} (the tip
 * moved to another branch), {@code rejected} (a block broke a rule or waits as an orphan), and
 * {@code tx} (a transaction entered the mempool).
 *
 * <p>Threads: listeners build the event's JSON on the caller's thread and hand it to one sender
 * thread, which writes it to every client; a slow browser never holds up the miner or the chain
 * (it can delay the other browsers; past {@link #MAX_BACKLOG} queued events, tx events are skipped).
 */
final class EventStream implements ChainListener, AutoCloseable {
    static final int MAX_CLIENTS = 64;
    static final String EVENT_STREAM = "text/event-stream";
    static final int MAX_BACKLOG = 1_000;
    private static final long PING_SECONDS = 15;

    private final ObjectMapper mapper;
    private final JsonCodec json;
    private final Supplier<Map<String, Object>> summary;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicInteger joining = new AtomicInteger();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-sender");
        t.setDaemon(true);
        return t;
    });

    EventStream(ObjectMapper mapper, JsonCodec json, Supplier<Map<String, Object>> summary) {
        this.mapper = mapper;
        this.json = json;
        this.summary = summary;
        // A comment now and then keeps idle connections (and proxies) from timing out.
        sender.scheduleAtFixedRate(() -> clients.forEach(c -> send(c, null, null)), PING_SECONDS, PING_SECONDS,
                TimeUnit.SECONDS);
    }

    void register(Javalin app, String path) {
        app.before(path, ctx -> {
            // Javalin streams only to a request that asks for exactly this type (as EventSource does)
            if (!EVENT_STREAM.equals(ctx.header("Accept"))) {
                throw new ApiException(406, "not-acceptable", "this is a Server-Sent Events stream: send the header"
                        + " 'Accept: " + EVENT_STREAM + "' (a browser's EventSource does; with curl: curl -N -H 'Accept: "
                        + EVENT_STREAM + "' ...)");
            }
            if (clients.size() >= MAX_CLIENTS) {
                throw new ApiException(503, "too-many-clients", "at most " + MAX_CLIENTS
                        + " event streams at once; close one or poll the REST API");
            }
        });
        app.sse(path, client -> {
            client.keepAlive();
            client.onClose(() -> clients.remove(client));
            joining.incrementAndGet(); // from now on events are queued even if nobody has joined yet
            String hello = toJson(summary.get());
            // Joining on the sender thread, just before hello: every event queued after it reaches this client.
            submit(() -> {
                clients.add(client);
                joining.decrementAndGet();
                send(client, "hello", hello);
            });
        });
    }

    @Override
    public void tipChanged(TipChange change) {
        Map<String, Object> tip = new LinkedHashMap<>();
        tip.put("hash", change.newTip().hash().toHex());
        tip.put("height", change.newTip().height());
        tip.put("chainWork", change.newTip().chainWork().toString());
        tip.put("oldTip", change.oldTip().hash().toHex());
        tip.put("oldHeight", change.oldTip().height());
        tip.put("reorg", change.isReorg());
        broadcast("tip", tip);
        if (change.isReorg()) {
            Map<String, Object> reorg = new LinkedHashMap<>();
            reorg.put("oldTip", change.oldTip().hash().toHex());
            reorg.put("newTip", change.newTip().hash().toHex());
            reorg.put("depth", change.disconnected().size());
            reorg.put("disconnected", hashes(change.disconnected()));
            reorg.put("connected", hashes(change.connected()));
            broadcast("reorg", reorg);
        }
    }

    @Override
    public void blockStored(Block block, BlockNode node) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("hash", block.hash().toHex());
        b.put("height", node.height());
        b.put("previousHash", block.previousHash().toHex());
        b.put("txs", block.transactions().size());
        b.put("timestamp", block.header().timestamp());
        broadcast("block", b);
    }

    @Override
    public void blockRejected(Block block, RuleViolation violation) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("hash", block.hash().toHex());
        r.put("rule", violation.rule().code());
        r.put("detail", violation.detail());
        broadcast("rejected", r);
    }

    /** A transaction entered the mempool (a {@link org.powchain.mempool.Mempool} admitted-listener). */
    void txAdmitted(Transaction tx) {
        broadcast("tx", json.tx(tx));
    }

    private static List<String> hashes(List<Block> blocks) {
        return blocks.stream().map(b -> b.hash().toHex()).toList();
    }

    private void broadcast(String event, Object data) {
        if (clients.isEmpty() && joining.get() == 0) {
            return; // nobody listens: not even the JSON is worth making
        }
        // Under a flood of transactions (thousands a second) a slow browser must not make the queue
        // grow without bound: tx events are dropped while the backlog is long; chain events never are.
        if (event.equals("tx") && backlog.get() >= MAX_BACKLOG) {
            return;
        }
        String payload = toJson(data);
        backlog.incrementAndGet();
        submit(() -> {
            backlog.decrementAndGet();
            clients.forEach(c -> send(c, event, payload));
        });
    }

    private void submit(Runnable r) {
        try {
            sender.execute(r);
        } catch (RejectedExecutionException closed) {
            // shutting down: nobody is listening any more
        }
    }

    /** Sends one event (or a keep-alive comment when {@code event} is null); drops a client that is gone. */
    private void send(SseClient c, String event, String payload) {
        if (c.terminated()) {
            clients.remove(c);
            return;
        }
        try {
            if (event == null) {
                c.sendComment("ping");
            } else {
                c.sendEvent(event, payload);
            }
        } catch (RuntimeException gone) {
            clients.remove(c);
        }
    }

    private String toJson(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event JSON", e);
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        clients.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        });
        clients.clear();
    }
}
