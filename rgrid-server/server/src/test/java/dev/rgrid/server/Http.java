package dev.rgrid.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rgrid.core.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for tests against a real server: each call returns the status and the body. */
final class Http {
    static final ObjectMapper JSON = WireJson.mapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        /** The error body's {@code error.code}. */
        String code() { return json().path("error").path("code").asText(null); }

        String field() { return json().path("error").path("field").asText(null); }

        String header(String name) { return raw.headers().firstValue(name).orElse(null); }

        @Override
        public String toString() { return status + " " + body; }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    HttpRequest.Builder request(String path, String key) {
        return request(path).header("Authorization", "Bearer " + key);
    }

    Response get(String path, String key) {
        return send(key == null ? request(path).GET() : request(path, key).GET());
    }

    Response post(String path, String key) {
        return send(request(path, key).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Response submit(String key, Multipart body) {
        return send(body.into(request("/api/v1/executions", key)));
    }

    Response submit(String key, Multipart body, String idempotencyKey) {
        return send(body.into(request("/api/v1/executions", key).header("Idempotency-Key", idempotencyKey)));
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient client() { return client; }
}
