package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.ConflictException;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.wire.ErrorJson;
import dev.rgrid.core.wire.WireJson;
import java.io.IOException;

/**
 * Turns a server's error answer into the exception the embedded engine would have thrown: 404
 * {@link dev.rgrid.core.NotFoundException}, 400 and 413 {@link InvalidInputException}, 409 {@link ConflictException}, 401 {@code unauthorized},
 * anything else an {@link RGridException}; code, message, value and hint kept as the server sent them.
 */
final class ServerErrors {
    static final String CHECK_KEY = "Check the API key (RGRID_API_KEY, or api_key set by `rgrid init`); "
            + "run `rgrid init` to set a valid one, or ask for a new key (rgrid-server keys create)";

    private ServerErrors() {}

    static RGridException of(int status, byte[] body, String url, String apiKey) {
        ErrorJson.Body error = parse(body);
        if (status == 401) {
            return new RGridException("unauthorized", error != null && error.message() != null ? error.message()
                    : "The RGrid server refused the API key", masked(apiKey), CHECK_KEY);
        }
        if (error == null || error.code() == null || error.message() == null) return notRGrid(status, url);
        String value = error.value() != null ? error.value() : error.field();
        return switch (status) {
            case 404 -> new RemoteNotFoundException(new ErrorJson.Body(error.code(), error.message(), error.field(),
                    value, error.hint()));
            case 400, 413, 422 -> new InvalidInputException(error.code(), error.message(), value, error.hint());
            case 409 -> new ConflictException(error.code(), error.message(), value, error.hint());
            default -> new RGridException(error.code(), error.message(), value, error.hint());
        };
    }

    /** The server's own error in this answer, or null when it has no RGrid error body. */
    static RGridException fromServer(int status, byte[] body) {
        ErrorJson.Body error = parse(body);
        return error == null || error.code() == null || error.message() == null ? null : of(status, body, null, "");
    }

    /** An answer without RGrid's error body: a proxy, another service, or a wrong path in the URL. */
    private static RGridException notRGrid(int status, String url) {
        if (status >= 300 && status < 400) {
            return new RGridException("server_redirect", "The RGrid server URL redirects elsewhere (HTTP " + status + ")",
                    url, "Use the URL it redirects to (often https://...) with `rgrid init` or RGRID_API_URL");
        }
        return new RGridException("server_error", "The RGrid server answered HTTP " + status + " without an error body", url,
                status == 404 || status == 405 ? "Check the URL: give the server's base URL, like http://rgrid.example.com:8080"
                        : "Check the server's log; a proxy in front of it may have answered instead");
    }

    private static ErrorJson.Body parse(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            ErrorJson error = WireJson.mapper().readValue(body, ErrorJson.class);
            return error == null ? null : error.error();
        } catch (IOException e) {
            return null;
        }
    }

    /** Enough of a key to tell which one it was, not enough to use it. */
    static String masked(String apiKey) {
        return apiKey.length() <= 10 ? "***" : apiKey.substring(0, 8) + "... (" + apiKey.length() + " characters)";
    }
}
