package dev.rgrid.sdk.remote.internal;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One HTTP request as {@link Transport} sends it, built like {@code java.net.http.HttpRequest}. */
record Request(String method, URI uri, Map<String, String> headers, Body body, Duration timeout) {

    static Builder builder(URI uri, Duration timeout) {
        return new Builder(uri, timeout);
    }

    static final class Builder {
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration timeout;
        private String method = "GET";
        private Body body;

        private Builder(URI uri, Duration timeout) {
            this.uri = Objects.requireNonNull(uri, "uri");
            this.timeout = Objects.requireNonNull(timeout, "timeout");
        }

        /** Sets a header, replacing one of the same name. */
        Builder header(String name, String value) { headers.put(name, value); return this; }
        Builder timeout(Duration value) { timeout = Objects.requireNonNull(value); return this; }
        Builder GET() { return method("GET", null); }
        Builder HEAD() { return method("HEAD", null); }
        Builder DELETE() { return method("DELETE", null); }
        Builder POST(Body content) { return method("POST", content); }
        Builder PUT(Body content) { return method("PUT", content); }

        private Builder method(String name, Body content) {
            method = name;
            body = content;
            return this;
        }

        Request build() { return new Request(method, uri, Map.copyOf(headers), body, timeout); }
    }
}
