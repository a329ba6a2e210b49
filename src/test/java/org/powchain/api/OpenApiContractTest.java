package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.UtxoLedger;
import org.powchain.node.NodeConfig;

/**
 * The OpenAPI document at {@code /api/v1/openapi.json} tells the truth: every documented operation,
 * called with the document's own examples, answers with the documented success status, content type
 * and required fields; every error response documented with an {@code x-example-request} answers
 * that status as a JSON error. Walked in document order on one fresh node.
 */
@Tag("http")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    TestNode n;
    /** Operations marked {@code x-ledger: utxo} are walked on a node of that model. */
    TestNode utxo;
    JsonNode doc;

    @BeforeAll
    void start() {
        // the document's signed example is for the default network, the one a reader's node is on
        n = new TestNode(NodeConfig.forTests("contract").withParams(ConsensusParams.defaults()));
        utxo = new TestNode(NodeConfig.forTests("contract-utxo").withParams(ConsensusParams.defaults().withLedger(UtxoLedger.INSTANCE)));
        TestNode.Reply reply = n.get("/api/v1/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        doc = reply.json();
    }

    @AfterAll
    void stop() {
        n.close();
        utxo.close();
    }

    @Test
    void documentsEveryResourceTheIssueAsksFor() {
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/node", "/blocks", "/blocks/{id}", "/blocks/{id}/header", "/transactions",
                "/transactions/{id}", "/transactions/{id}/proof", "/accounts/{id}", "/mempool", "/peers", "/mine", "/chain/tips",
                "/events", "/utxos", "/outpoints/{outpoint}");
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() throws Exception {
        String server = doc.at("/servers/0/url").asText();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                String what = method + " " + path.getKey();
                TestNode on = "utxo".equals(op.getValue().path("x-ledger").asText()) ? utxo : n;
                JsonNode responses = op.getValue().get("responses");
                String success = firstSuccess(responses);
                JsonNode content = responses.get(success).get("content");
                String type = content.fieldNames().next();
                String url = server + example(path.getKey(), op.getValue());
                JsonNode body = op.getValue().at("/requestBody/content/application~1json/example");
                if (type.equals("text/event-stream")) {
                    checkStream(url, what);
                } else {
                    Answer a = send(on, method, url, body.isMissingNode() ? null : body.toString(), Map.of("Accept", type));
                    assertThat(a.status).as(what + " " + a.body).isEqualTo(Integer.parseInt(success));
                    assertThat(a.contentType).as(what).startsWith(type);
                    assertMatches(MAPPER.readTree(a.body), content.get(type).get("schema"), what);
                    for (Iterator<String> hs = responses.get(success).path("headers").fieldNames(); hs.hasNext(); ) {
                        String header = hs.next();
                        assertThat(a.headers.firstValue(header)).as(what + " header " + header).isPresent();
                    }
                }
                checked++;
                for (Iterator<Map.Entry<String, JsonNode>> rs = responses.fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    JsonNode ex = r.getValue().get("x-example-request");
                    if (ex == null) {
                        continue;
                    }
                    String errWhat = what + " -> " + r.getKey() + " via " + ex;
                    Map<String, String> headers = ex.has("headers")
                            ? MAPPER.convertValue(ex.get("headers"), MAPPER.getTypeFactory().constructMapType(Map.class, String.class, String.class))
                            : Map.of("Accept", "application/json");
                    Answer a = send(on, method, ex.get("path").asText(), ex.has("body") ? ex.get("body").toString() : null, headers);
                    assertThat(a.status).as(errWhat + " " + a.body).isEqualTo(Integer.parseInt(r.getKey()));
                    assertThat(a.contentType).as(errWhat).startsWith("application/json");
                    assertMatches(MAPPER.readTree(a.body), r.getValue().at("/content/application~1json/schema"), errWhat);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(25);
    }

    /** A node of the account model keeps no outputs: the UTXO model's routes say so, naming the model. */
    @Test
    void theUtxoRoutesOfAnAccountNodeSayWhichModelItRuns() throws Exception {
        for (String path : List.of("/api/v1/utxos?address=A", "/api/v1/outpoints/" + "0".repeat(64) + ":0")) {
            Answer a = send(n, "GET", path, null, Map.of("Accept", "application/json"));
            assertThat(a.status).as(path).isEqualTo(409);
            assertThat(MAPPER.readTree(a.body).path("error").asText()).isEqualTo("wrong-ledger-model");
            assertThat(MAPPER.readTree(a.body).path("detail").asText()).contains("the account ledger model", "--ledger utxo");
        }
    }

    private static String firstSuccess(JsonNode responses) {
        List<String> codes = new ArrayList<>();
        responses.fieldNames().forEachRemaining(codes::add);
        return codes.stream().filter(c -> c.startsWith("2")).findFirst().orElseThrow();
    }

    /** The operation's path with each path parameter replaced by its example, plus query parameters that have one. */
    private static String example(String path, JsonNode op) {
        StringBuilder query = new StringBuilder();
        for (JsonNode p : op.path("parameters")) {
            if (p.get("in").asText().equals("path")) {
                path = path.replace("{" + p.get("name").asText() + "}", p.get("example").asText());
            } else if (p.has("example")) {
                query.append(query.length() == 0 ? '?' : '&').append(p.get("name").asText()).append('=')
                        .append(p.get("example").asText());
            }
        }
        return path + query;
    }

    /**
     * Each value has its documented type (string, integer, number, boolean, array, object), enum
     * and pattern, and required properties are present, recursively through $ref, allOf, arrays
     * (every item) and objects.
     */
    private void assertMatches(JsonNode value, JsonNode schema, String what) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            assertMatches(value, doc.at("/components/schemas/" + name), what);
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            assertMatches(value, part, what);
        }
        if (value.isNull()) {
            return;
        }
        String type = schema.path("type").isTextual() ? schema.path("type").asText() : "";
        List<String> types = new ArrayList<>();
        if (schema.path("type").isArray()) {
            schema.get("type").forEach(t -> types.add(t.asText()));
        } else if (!type.isEmpty()) {
            types.add(type);
        }
        if (!types.isEmpty()) {
            assertThat(types).as(what + ": " + value + " is of a documented type").anyMatch(t -> hasType(value, t));
        }
        if (schema.has("enum")) {
            List<JsonNode> allowed = new ArrayList<>();
            schema.get("enum").forEach(allowed::add);
            assertThat(allowed).as(what + ": one of the documented values").contains(value);
        }
        if (schema.has("pattern") && value.isTextual()) {
            assertThat(value.asText()).as(what + ": matches " + schema.get("pattern").asText())
                    .containsPattern(schema.get("pattern").asText());
        }
        if (type.equals("array")) {
            assertThat(value.isArray()).as(what + ": an array").isTrue();
            for (int i = 0; i < value.size(); i++) {
                assertMatches(value.get(i), schema.get("items"), what + "[" + i + "]");
            }
        } else if (type.equals("object") || schema.has("required")) {
            assertThat(value.isObject()).as(what + ": an object").isTrue();
            for (JsonNode req : schema.path("required")) {
                assertThat(value.has(req.asText())).as(what + ": has '" + req.asText() + "' in " + value).isTrue();
            }
            for (Iterator<Map.Entry<String, JsonNode>> ps = schema.path("properties").fields(); ps.hasNext(); ) {
                Map.Entry<String, JsonNode> p = ps.next();
                if (value.has(p.getKey())) {
                    assertMatches(value.get(p.getKey()), p.getValue(), what + "." + p.getKey());
                }
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "null" -> value.isNull();
            default -> throw new AssertionError("a type OpenAPI does not have: " + type);
        };
    }

    /** The stream answers 200 text/event-stream at once and starts with a hello event. */
    private void checkStream(String path, String what) {
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(n.baseUrl() + path))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).as(what).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("text/event-stream");
            try (Stream<String> lines = r.body()) {
                assertThat(lines.filter(l -> l.startsWith("event:")).findFirst()).as(what).hasValue("event: hello");
            }
        }, what);
    }

    private record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {}

    private Answer send(TestNode on, String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(on.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
    }
}
