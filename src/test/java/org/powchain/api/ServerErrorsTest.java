package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Errors the HTTP server produces itself, before any route runs, have the same JSON shape as the
 * routes' own: {@code {"error": ..., "detail": ...}}, never an HTML page. Sent over a raw socket,
 * so the requests are exactly as broken as a careless client makes them.
 */
@Tag("unit")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerErrorsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    TestNode n;

    @BeforeAll
    void start() {
        n = TestNode.start("errors");
    }

    @AfterAll
    void stop() {
        n.close();
    }

    record Raw(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return MAPPER.readTree(body);
        }
    }

    /** Sends {@code request} as is and reads the whole answer (the server closes after an error). */
    Raw send(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port()), 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            int status = Integer.parseInt(head.split(" ")[1]);
            String type = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            return new Raw(status, type, body);
        }
    }

    int port() {
        return Integer.parseInt(n.baseUrl().substring(n.baseUrl().lastIndexOf(':') + 1));
    }

    void assertJsonError(Raw r, int status, String error) throws IOException {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).as(r.body()).startsWith("application/json");
        assertThat(r.json().path("error").asText()).as(r.body()).isEqualTo(error);
        assertThat(r.json().path("detail").asText()).as(r.body()).isNotBlank();
    }

    @Test
    void aUriTooLongIsAJsonError() throws IOException {
        Raw r = send("GET /getbalance?account=" + "A".repeat(9_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertJsonError(r, 414, "uri-too-long");
        assertThat(r.json().path("detail").asText()).contains("8 KB");
        Raw under = send("GET /getbalance?account=" + "A".repeat(7_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertJsonError(under, 400, "bad-parameter"); // under the limit: the route itself answers
    }

    @Test
    void headersTooLargeAreAJsonError() throws IOException {
        Raw r = send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertJsonError(r, 431, "headers-too-large");
    }

    @Test
    void aBadRequestLineIsAJsonError() throws IOException {
        Raw r = send("THIS IS NOT HTTP\r\n\r\n");
        assertJsonError(r, 400, "bad-request");
    }

    @Test
    void aBodyOverTheLimitIsAJsonError() throws IOException {
        long tooLarge = n.node().queries().params().maxBlockBytes() * 4L + 1;
        Raw r = send("POST /addblock HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + tooLarge
                + "\r\nConnection: close\r\n\r\n{");
        assertJsonError(r, 413, "too-large");
    }

    @Test
    void aWrongMethodOnAKnownRouteIsAJsonError() throws IOException {
        Raw r = send("DELETE /getbalance?account=A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertJsonError(r, 405, "method-not-allowed");
        assertThat(r.json().path("detail").asText()).contains("DELETE", "/getbalance", "GET");
        Raw post = send("POST /api/v1/blocks HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertJsonError(post, 405, "method-not-allowed");
    }

    @Test
    void anUnknownRouteStaysA404() throws IOException {
        assertJsonError(send("GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "not-found");
    }
}
