package dev.rgrid.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rgrid.core.wire.ErrorJson;
import dev.rgrid.core.wire.WireJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own refusals — a request it cannot parse (bad URI encoding, a NUL in the path, a URI or headers too long)
 * never reaches Javalin — answered with the one JSON error body instead of Jetty's HTML page, so a client can read
 * every error the same way.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(json(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(json(code, message));
    }

    static byte[] json(int status, String reason) {
        ErrorJson body = switch (status) {
            case 414 -> ErrorJson.of("uri_too_long", "The request's URI is longer than the server accepts", null, null,
                    "Send shorter paths and query strings; put large values in the request body");
            case 431 -> ErrorJson.of("headers_too_large", "The request's headers are larger than the server accepts", null,
                    null, "Send fewer or shorter headers");
            case 413 -> ErrorMapping.tooLarge();
            default -> ErrorJson.of(status >= 500 ? "internal_error" : "bad_request",
                    status >= 500 ? "The server failed to handle this request" : "The request is not valid HTTP",
                    null, reason, status >= 500 ? "Try again; if it keeps failing, tell the server's operator"
                            : "Check the request line, its URI encoding (no %00, valid %XX escapes) and its headers");
        };
        try {
            return WireJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body always serialises", e);
        }
    }
}
