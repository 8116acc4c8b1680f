package dev.rgrid.server.config;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.engine.LocalOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server runs: where it listens, its database, request limits, whether it runs what it records.
 * Immutable; built once at the edge with {@link #load(ConfigSources)}, or with {@link #builder} over sources
 * that name the database. The database is required: a team server keeps its records in PostgreSQL.
 */
public final class ServerConfig {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    public static final boolean DEFAULT_DISPATCH = true;
    public static final Duration DEFAULT_SSE_HEARTBEAT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final String host;
    private final int port;
    private final DatabaseUrl databaseUrl;
    private final String localSecret;
    private final long maxRequestBytes;
    private final boolean dispatch;
    private final Duration sseHeartbeat;
    private final Duration healthTimeout;
    private final ConfigSources sources;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.localSecret = b.localSecret;
        // A team server keeps its records in an external PostgreSQL; a home's resident engine in the home's own.
        this.databaseUrl = localSecret == null ? requireDatabaseUrl(b.sources) : null;
        this.maxRequestBytes = b.maxRequestBytes;
        this.dispatch = b.dispatch;
        this.sseHeartbeat = b.sseHeartbeat;
        this.healthTimeout = b.healthTimeout;
        this.sources = b.sources;
    }

    /**
     * The configuration the environment and the config file give; throws {@link SettingException} naming
     * the first setting that is missing or malformed.
     */
    public static ServerConfig load(ConfigSources sources) {
        SettingReader read = new SettingReader(sources);
        Builder b = builder(sources);
        read.text(Setting.SERVER_HOST).ifPresent(b::host);
        read.port(Setting.SERVER_PORT).ifPresent(b::port);
        read.bytes(Setting.MAX_REQUEST_BYTES).ifPresent(b::maxRequestBytes);
        read.onOff(Setting.DISPATCH).ifPresent(b::dispatch);
        ServerConfig config = b.build();
        config.engineOptions(); // the engine's own settings (docker host, heartbeat) are checked now too
        return config;
    }

    /** The server's database: required, since a team server keeps its records in PostgreSQL. */
    public static DatabaseUrl requireDatabaseUrl(ConfigSources sources) {
        return sources.lookup(Setting.DATABASE_URL).map(DatabaseUrl::parse).orElseThrow(() ->
                SettingException.missing(Setting.DATABASE_URL, "a team server keeps its records in PostgreSQL"));
    }

    public static Builder builder(ConfigSources sources) {
        return new Builder(sources);
    }

    public String host() { return host; }
    public int port() { return port; }
    /** The external database; empty for a home's resident engine, which keeps the home's embedded one. */
    public Optional<DatabaseUrl> databaseUrl() { return Optional.ofNullable(databaseUrl); }
    /**
     * The one secret a home's resident engine accepts, as the local owner (API keys are not read then); empty for a
     * team server, which takes API keys.
     */
    public Optional<String> localSecret() { return Optional.ofNullable(localSecret); }
    public long maxRequestBytes() { return maxRequestBytes; }
    /** Whether submissions are run; off records them only (load benchmarks). */
    public boolean dispatch() { return dispatch; }
    public Duration sseHeartbeat() { return sseHeartbeat; }
    public Duration healthTimeout() { return healthTimeout; }
    public ConfigSources sources() { return sources; }

    /** The engine's options: the same sources (so the same database), dispatch as configured. */
    public LocalOptions engineOptions() {
        return LocalOptions.builder(sources)
                .dispatch(dispatch ? LocalOptions.Dispatch.SUBMITTED : LocalOptions.Dispatch.NONE)
                .queueServed(true) // queued runs wait for this server (or the next one to start), never taken for lost
                .build();
    }

    public static final class Builder {
        private final ConfigSources sources;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private boolean dispatch = DEFAULT_DISPATCH;
        private Duration sseHeartbeat = DEFAULT_SSE_HEARTBEAT;
        private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
        private String localSecret;

        private Builder(ConfigSources sources) {
            this.sources = Objects.requireNonNull(sources, "sources");
        }

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder maxRequestBytes(long value) { maxRequestBytes = value; return this; }
        public Builder dispatch(boolean value) { dispatch = value; return this; }
        public Builder sseHeartbeat(Duration value) { sseHeartbeat = value; return this; }
        public Builder healthTimeout(Duration value) { healthTimeout = value; return this; }
        /** Serves one RGrid home as its resident engine: on its embedded database, for whoever holds {@code secret}. */
        public Builder localSecret(String secret) { localSecret = Objects.requireNonNull(secret, "secret"); return this; }

        public ServerConfig build() {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("host is required");
            if (port < 0 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
            if (maxRequestBytes < 1024) throw new IllegalArgumentException("max request bytes below 1k: " + maxRequestBytes);
            if (sseHeartbeat.isNegative() || sseHeartbeat.isZero()) throw new IllegalArgumentException("sse heartbeat");
            if (localSecret != null && localSecret.length() < 32) throw new IllegalArgumentException("local secret too short");
            if (healthTimeout.isNegative() || healthTimeout.isZero()) throw new IllegalArgumentException("health timeout");
            return new ServerConfig(this);
        }
    }
}
