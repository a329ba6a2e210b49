package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: what an operator's Prometheus would read after a short session. */
@Tag("http")
class MetricsTest {
    final TestNode node = TestNode.start("metered");
    final TestNode other = TestNode.start("other");

    @AfterEach
    void stop() {
        node.close();
        other.close();
    }

    @Test
    void metricsFollowWhatTheNodeDid() {
        node.get("/addtx?sender=A&to=B&amount=5");
        node.get("/addtx?sender=A&to=B&amount=6");
        assertThat(value(scrape(), "powchain_mempool_transactions")).isEqualTo(2);
        assertThat(value(scrape(), "powchain_mempool_size_bytes")).isEqualTo(2 * 148); // a transaction is 148 bytes

        node.get("/mine");
        node.get("/getbalance?account=A");

        // a block from another node with one amount changed: its Merkle root no longer matches
        ObjectNode tampered = (ObjectNode) other.get("/mine").json();
        ObjectNode coinbase = (ObjectNode) tampered.get("transactions").get(0);
        coinbase.put("amount", coinbase.get("amount").asLong() + 1);
        coinbase.remove("id"); // else refused as malformed: the id would not match the content
        assertThat(node.post("/addblock", tampered.toString()).status()).isEqualTo(422);

        String text = scrape();
        assertThat(value(text, "powchain_chain_height")).isEqualTo(1);
        assertThat(value(text, "powchain_chain_work")).isGreaterThan(0);
        assertThat(value(text, "powchain_mining_blocks_mined_total")).isEqualTo(1);
        assertThat(value(text, "powchain_mempool_transactions")).isZero();
        assertThat(value(text, "powchain_blocks_accepted_total{result=\"stored\"}")).isEqualTo(1);
        assertThat(value(text, "powchain_blocks_rejected_total{reason=\"bad-merkle-root\"}")).isEqualTo(1);
        assertThat(value(text, "powchain_chain_reorgs_total")).isZero();
        assertThat(value(text, "powchain_peers{state=\"banned\"}")).isZero();
        assertThat(value(text,
                "powchain_http_requests_seconds_count{method=\"GET\",route=\"/getbalance\",status=\"200\"}"))
                .isEqualTo(1);
        assertThat(value(text,
                "powchain_http_requests_seconds_count{method=\"POST\",route=\"/addblock\",status=\"422\"}"))
                .isEqualTo(1);
        assertThat(text).contains("jvm_memory_used_bytes");
    }

    @Test
    void unknownPathsShareOneSeries() {
        node.get("/no/such/route/1");
        node.get("/no/such/route/2");
        assertThat(value(scrape(),
                "powchain_http_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}"))
                .isEqualTo(2);
    }

    private String scrape() {
        TestNode.Reply r = node.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /** The value of the sample whose name and labels are exactly {@code series}. */
    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("series %s in%n%s", series, text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
