package org.powchain.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own errors, the ones it answers before any route runs (a URI or headers too long, a
 * request line that is not HTTP), as the same {@code {"error": ..., "detail": ...}} JSON the
 * routes answer, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final Map<Integer, String> CODES = Map.of(
            400, "bad-request",
            404, "not-found",
            405, "method-not-allowed",
            413, "too-large",
            414, "uri-too-long",
            431, "headers-too-large",
            500, "internal");

    /** What to do about it, where there is something to say. Jetty's limit is 8 KB of request line and headers. */
    private static final Map<Integer, String> HINTS = Map.of(
            400, "the request is not well-formed HTTP/1.1",
            414, "the request line is longer than the 8 KB this server reads; send long input in a POST body",
            431, "the headers are longer than the 8 KB this server reads");

    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A request Jetty could not parse: answered straight from the parser, so no servlet involved. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status, reason));
    }

    /** Any other error Jetty itself sends (none expected: Javalin answers its routes' errors). */
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(body(code, message));
    }

    private byte[] body(int status, String reason) {
        ObjectNode n = mapper.createObjectNode();
        n.put("error", CODES.getOrDefault(status, "http-" + status));
        String message = HttpStatus.getMessage(status);
        String what = reason == null || reason.isBlank() || reason.equals(message) ? message : message + ": " + reason;
        n.put("detail", HINTS.containsKey(status) ? what + "; " + HINTS.get(status) : what);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
