package dev.rgrid.sdk.remote;

import dev.rgrid.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach an RGrid server: its base URL, the API key, timeouts, the retry policy for transient
 * failures and who hears of each retry. Immutable; checked when built.
 */
public final class RemoteOptions {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Four of the server's live-log heartbeats (15 s apart by default). */
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final URI url;
    private final String apiKey;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration streamIdleTimeout;
    private final RetryPolicy retry;
    private final RetryListener listener;
    private final String unreachableHint;

    private RemoteOptions(Builder b) {
        this.url = parseUrl(b.url);
        if (b.apiKey == null || b.apiKey.isBlank()) {
            throw new InvalidInputException("missing_api_key", "No API key for the RGrid server", url.toString(),
                    "Create one on the server (rgrid-server keys create --name NAME) and give it: RGRID_API_KEY, or `rgrid init`");
        }
        this.apiKey = b.apiKey.trim();
        this.connectTimeout = positive(b.connectTimeout, "connect timeout");
        this.requestTimeout = positive(b.requestTimeout, "request timeout");
        this.streamIdleTimeout = positive(b.streamIdleTimeout, "stream idle timeout");
        this.retry = b.retry;
        this.listener = b.listener;
        this.unreachableHint = b.unreachableHint;
    }

    public static Builder builder(String url, String apiKey) {
        return new Builder(url, apiKey);
    }

    /** The base URL, without a trailing slash. */
    public URI url() { return url; }
    public String apiKey() { return apiKey; }
    public Duration connectTimeout() { return connectTimeout; }
    /** How long to wait for an answer to one request (for live logs: for the stream to open). */
    public Duration requestTimeout() { return requestTimeout; }
    /**
     * How long live logs may stay silent (not even the server's heartbeat) before the connection is taken
     * for dropped and reopened from the last line seen.
     */
    public Duration streamIdleTimeout() { return streamIdleTimeout; }
    public RetryPolicy retry() { return retry; }
    public RetryListener listener() { return listener; }
    /** What to do when the server cannot be reached after the retries; null for the default (check the URL). */
    public String unreachableHint() { return unreachableHint; }

    private static URI parseUrl(String text) {
        String trimmed = text == null ? "" : text.trim().replaceAll("/+$", "").replaceFirst("/api/v1$", "");
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below, with the same message as any other malformed URL
        }
        throw new InvalidInputException("invalid_api_url", "The RGrid server URL is not valid", text,
                "Give the server's base URL, like http://rgrid.example.com:8080");
    }

    private static Duration positive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive: " + value);
        return value;
    }

    public static final class Builder {
        private final String url;
        private final String apiKey;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration streamIdleTimeout = DEFAULT_STREAM_IDLE_TIMEOUT;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private RetryListener listener = RetryListener.NONE;
        private String unreachableHint;

        private Builder(String url, String apiKey) {
            this.url = url;
            this.apiKey = apiKey;
        }

        public Builder connectTimeout(Duration value) { connectTimeout = Objects.requireNonNull(value); return this; }
        public Builder requestTimeout(Duration value) { requestTimeout = Objects.requireNonNull(value); return this; }
        public Builder streamIdleTimeout(Duration value) { streamIdleTimeout = Objects.requireNonNull(value); return this; }
        public Builder retry(RetryPolicy value) { retry = Objects.requireNonNull(value); return this; }
        public Builder listener(RetryListener value) { listener = Objects.requireNonNull(value); return this; }
        /** The hint of the {@code server_unreachable} error, for a server the user does not configure by URL. */
        public Builder unreachableHint(String value) { unreachableHint = Objects.requireNonNull(value); return this; }

        public RemoteOptions build() { return new RemoteOptions(this); }
    }
}
