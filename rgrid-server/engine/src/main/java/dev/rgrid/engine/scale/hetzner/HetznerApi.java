package dev.rgrid.engine.scale.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rgrid.engine.scale.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few calls of Hetzner Cloud's API the autoscaler makes, over {@code java.net.http} and Jackson.
 *
 * <p>Written here rather than taken from a client library: {@code me.tomsdevsn:hetznercloud-api} 3.2.4 (the newest
 * published) fixes its base URL (only an OkHttp interceptor can move it, and tests and Hetzner-compatible endpoints
 * need it moved), keeps its price classes package-private (prices are what cost accounting needs), turns an error code
 * missing from its enum into a bare exception, and handles neither rate limits nor retries; {@code
 * hetzner-cloud-client-java} takes its endpoint from a JVM-wide system property. Five paths and their JSON are less code
 * than working around either, and every answer is read as the API documents it.
 *
 * <p>Errors are Hetzner's {@code {"error": {"code", "message", "details"}}}. A 429 waits for {@code RateLimit-Reset}
 * (never longer than {@link #MOST_RATE_WAIT}); 5xx, {@code conflict} and {@code locked} are tried again with
 * exponential back-off and jitter, {@link #ATTEMPTS} times in all; everything else is the caller's to handle.
 */
final class HetznerApi {
    private static final Logger LOG = LoggerFactory.getLogger(HetznerApi.class);
    static final int ATTEMPTS = 3;
    static final Duration MOST_RATE_WAIT = Duration.ofSeconds(30);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Lists ask for the most a page may hold. */
    static final int PER_PAGE = 50;
    private static final Set<String> RETRIED_CODES = Set.of("conflict", "locked", "server_error", "timeout",
            "unavailable", "rate_limit_exceeded");

    /** How the client waits between tries; tests pass one that does not sleep. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final String base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final Sleeper sleeper;

    HetznerApi(String baseUrl, String token, ObjectMapper json, Clock clock, Sleeper sleeper) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.json = json;
        this.clock = clock;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return call("POST", path, body);
    }

    /** DELETE; a resource already gone answers null. */
    JsonNode delete(String path) {
        try {
            return call("DELETE", path, null);
        } catch (ProviderException e) {
            if ("not_found".equals(e.code())) return null;
            throw e;
        }
    }

    /** Every element of {@code field} over all pages of a list ({@code per_page} at most 50, {@code meta.pagination}). */
    List<JsonNode> all(String path, String field) {
        List<JsonNode> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 1; page > 0; ) {
            JsonNode answer = get(path + separator + "page=" + page + "&per_page=" + PER_PAGE);
            answer.path(field).forEach(items::add);
            JsonNode next = answer.path("meta").path("pagination").path("next_page");
            page = next.isIntegralNumber() ? next.asInt() : 0;
        }
        return items;
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode call(String method, String path, Object body) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(method, path, body);
            int status = response.statusCode();
            if (status >= 200 && status < 300) return read(response.body(), method, path);
            ProviderException error = error(response, method, path);
            if (attempt >= ATTEMPTS || !RETRIED_CODES.contains(error.code())) throw error;
            Duration wait = status == 429 ? untilReset(response) : jitter(backoff);
            if (wait.compareTo(MOST_RATE_WAIT) > 0) throw error;
            LOG.info("Hetzner {} {}: {} ({}); trying again in {} ms", method, path, error.code(), error.getMessage(),
                    wait.toMillis());
            pause(wait);
            backoff = backoff.multipliedBy(2);
        }
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderException("unreachable", "Hetzner Cloud's API at " + base + " did not answer " + method + " "
                    + path + ": " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted", "interrupted calling " + method + " " + path, true, e);
        }
    }

    private JsonNode read(String body, String method, String path) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new ProviderException("invalid_answer", "Hetzner answered " + method + " " + path
                    + " with something other than JSON", true, e);
        }
    }

    private ProviderException error(HttpResponse<String> response, String method, String path) {
        int status = response.statusCode();
        String code = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "http_" + status;
        String message = "HTTP " + status;
        try {
            JsonNode error = json.readTree(response.body()).path("error");
            if (error.hasNonNull("code")) code = error.get("code").asText();
            if (error.hasNonNull("message")) message = error.get("message").asText();
        } catch (IOException | RuntimeException e) {
            // Not Hetzner's error body (a proxy's page, say): the status says enough.
        }
        boolean retried = RETRIED_CODES.contains(code) || status >= 500 || "resource_unavailable".equals(code);
        return new ProviderException(code, "Hetzner refused " + method + " " + path + ": " + message + " (" + code + ")",
                retried);
    }

    /** Until the time {@code RateLimit-Reset} names (a Unix time in seconds), or a second when it names none. */
    private Duration untilReset(HttpResponse<String> response) {
        try {
            long reset = Long.parseLong(response.headers().firstValue("RateLimit-Reset").orElse("").trim());
            Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(reset));
            return wait.isNegative() ? Duration.ofMillis(100) : wait;
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static Duration jitter(Duration backoff) {
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted", "interrupted waiting to call Hetzner again", true, e);
        }
    }
}
