package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;

/** {@code /api/v1/events}: what happens on the node reaches a listener as it happens. */
@Tag("http")
class EventStreamTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    final TestNode n = TestNode.start("live");
    final List<Event> events = new CopyOnWriteArrayList<>();
    /** What broke the reader other than the stream closing: fails the next wait at once, not at its timeout. */
    final AtomicReference<RuntimeException> readerFailure = new AtomicReference<>();
    private Thread reader;

    record Event(String name, JsonNode data) {}

    @AfterEach
    void stop() {
        n.close();
        if (reader != null) {
            reader.interrupt();
        }
    }

    @Test
    void aListenerHearsTransactionsBlocksTipsAndReorgs() throws RuleViolation {
        listen();
        await().atMost(Duration.ofSeconds(10)).until(() -> has("hello"));
        assertThat(first("hello").get("height").asInt()).isZero();

        String txId = n.get("/addtx?sender=A&to=B&amount=7").json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> has("tx"));
        assertThat(first("tx").get("id").asText()).isEqualTo(txId);

        String mined = n.post("/api/v1/mine", "").json().get("hash").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> has("tip"));
        assertThat(first("block").get("hash").asText()).isEqualTo(mined);
        assertThat(first("tip").get("hash").asText()).isEqualTo(mined);
        assertThat(first("tip").get("height").asInt()).isEqualTo(1);

        ChainBuilder builder = new ChainBuilder();
        List<Block> fork = builder.extend(builder.genesis(), 2);
        fork.forEach(b -> {
            try {
                n.node().chain().process(b);
            } catch (RuleViolation e) {
                throw new AssertionError(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> has("reorg"));
        JsonNode reorg = first("reorg");
        assertThat(reorg.get("oldTip").asText()).isEqualTo(mined);
        assertThat(reorg.get("newTip").asText()).isEqualTo(fork.get(1).hash().toHex());
        assertThat(reorg.get("depth").asInt()).isEqualTo(1);
        assertThat(reorg.get("disconnected")).extracting(JsonNode::asText).containsExactly(mined);
    }

    @Test
    void aBrokenBlockIsReportedWithTheRuleItBroke() {
        listen();
        await().atMost(Duration.ofSeconds(10)).until(() -> has("hello"));
        ChainBuilder builder = new ChainBuilder();
        Block orphan = builder.extend(builder.genesis(), 2).get(1);
        assertThatThrownBy(() -> n.node().chain().process(orphan))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.rule().code()).isEqualTo("unknown-parent"));
        // reported on the stream too
        await().atMost(Duration.ofSeconds(10)).until(() -> has("rejected"));
        assertThat(first("rejected").get("rule").asText()).isEqualTo("unknown-parent");
    }

    private boolean has(String name) {
        if (readerFailure.get() != null) {
            throw new AssertionError("the event stream broke", readerFailure.get());
        }
        return events.stream().anyMatch(e -> e.name.equals(name));
    }

    private JsonNode first(String name) {
        return events.stream().filter(e -> e.name.equals(name)).findFirst().orElseThrow().data;
    }

    /** Reads the stream on its own thread, collecting events as they come. */
    private void listen() {
        reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(n.baseUrl() + "/api/v1/events"))
                                .header("Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.ofLines());
                String[] name = {null};
                r.body().forEach(line -> {
                    if (line.startsWith("event:")) {
                        name[0] = line.substring(6).trim();
                    } else if (line.startsWith("data:") && name[0] != null) {
                        try {
                            events.add(new Event(name[0], MAPPER.readTree(line.substring(5).trim())));
                        } catch (IOException e) {
                            throw new IllegalStateException("event data is not JSON: " + line, e);
                        }
                    }
                });
            } catch (IOException | InterruptedException | UncheckedIOException closed) {
                // the node stopped or the test ended
            } catch (RuntimeException malformed) {
                readerFailure.set(malformed);
            }
        }, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }
}
