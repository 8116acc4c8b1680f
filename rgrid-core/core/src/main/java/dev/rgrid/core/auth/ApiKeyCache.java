package dev.rgrid.core.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ApiKeyStore} that answers a server's per-request check from memory: the key's lookup was a query on every
 * request, a quarter of the server's work per request when profiled. A revoked key still stops working at once:
 * PostgreSQL announces every revocation on {@link #CHANNEL} at commit (migration V9), wherever it was made
 * ({@code rgrid-server keys revoke} runs in a process of its own); this cache, listening on a connection of its own,
 * drops the key and confirms on {@link #SEEN_CHANNEL}, and the revocation returns only once every listening cache has
 * confirmed ({@code JdbiApiKeyStore.revoke}). It answers from memory only while that connection listens; while it does not (the
 * database away, the connection cut) every check goes to the database, as without a cache, and the cache starts empty
 * when listening resumes. An entry is also re-read after {@link #RECHECK}, which keeps last_used_at current. Unknown
 * keys are never remembered, so guessing cannot fill it.
 *
 * <p>Written here rather than taken from a caching library: what makes it correct is the invalidation (a notification
 * racing a lookup in flight, a listener that lost its connection), which no general cache knows about.
 */
public final class ApiKeyCache implements ApiKeyStore, AutoCloseable {
    /** How long an entry answers before it is read again; also the resolution of last_used_at. */
    public static final Duration RECHECK = Duration.ofMinutes(1);
    /** Where PostgreSQL announces a changed key's hash (migration V9). */
    public static final String CHANNEL = "rgrid_api_keys";
    /** Where each listening cache confirms it dropped a key, with its hash: what a revocation waits for. */
    public static final String SEEN_CHANNEL = "rgrid_api_keys_seen";
    /** The listening connections' application name, by which a revocation counts the caches to wait for. */
    public static final String LISTENER_NAME = "rgrid-api-key-cache";
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyCache.class);
    private static final int MAX_ENTRIES = 10_000;
    private static final int POLL_MS = 500;

    /** Opens a connection outside any pool, named {@code applicationName}, held for as long as it listens. */
    @FunctionalInterface
    public interface Connections {
        Connection open(String applicationName) throws SQLException;
    }

    private record Entry(ApiKey key, Instant readAt) {}

    private final ApiKeyStore store;
    private final Connections connections;
    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    /** Moves on every change announced and every (re)start of listening: a lookup that saw it move keeps nothing. */
    private final AtomicLong changes = new AtomicLong();
    private final Thread listener;
    private volatile boolean listening;
    private volatile boolean running = true;
    private volatile Connection current;

    public ApiKeyCache(ApiKeyStore store, Connections connections) {
        this.store = store;
        this.connections = connections;
        this.listener = new Thread(this::listen, "rgrid-api-key-changes");
        listener.setDaemon(true);
        listener.start();
    }

    /** Whether checks are answered from memory now (the listening connection is up). */
    public boolean listening() {
        return listening;
    }

    @Override
    public Optional<ApiKey> authenticate(String secret, Instant now) {
        if (!ApiKeySecrets.wellFormed(secret)) return Optional.empty();
        String hash = ApiKeySecrets.hash(secret);
        if (listening) {
            Entry entry = byHash.get(hash);
            if (entry != null && entry.readAt().plus(RECHECK).isAfter(now)) return Optional.of(entry.key());
        }
        long seen = changes.get();
        Optional<ApiKey> key = store.authenticate(secret, now);
        if (key.isPresent() && listening) {
            if (byHash.size() >= MAX_ENTRIES) byHash.clear();
            byHash.put(hash, new Entry(key.get(), now));
            // A change announced while the lookup was out may have been about this key: the answer read may be stale.
            if (changes.get() != seen) byHash.remove(hash);
        }
        return key;
    }

    @Override
    public NewApiKey create(String name, String owner, Instant now) {
        return store.create(name, owner, now);
    }

    @Override
    public List<ApiKey> list() {
        return store.list();
    }

    @Override
    public ApiKey revoke(String nameOrId, Instant now) {
        return store.revoke(nameOrId, now);
    }

    private void listen() {
        while (running) {
            try {
                listenOnce();
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("Not listening for API key changes ({}); checking every key in the database until it is back",
                            e.getMessage());
                    pause();
                }
            }
        }
    }

    /** Listens on one connection until it fails or the cache closes; answers from memory only meanwhile. */
    private void listenOnce() throws SQLException {
        try (Connection connection = connections.open(LISTENER_NAME); Statement statement = connection.createStatement();
             PreparedStatement seen = connection.prepareStatement("SELECT pg_notify('" + SEEN_CHANNEL + "', ?)")) {
            current = connection;
            statement.execute("LISTEN " + CHANNEL);
            PGConnection pg = connection.unwrap(PGConnection.class);
            forgetAll();
            listening = true;
            while (running) {
                PGNotification[] notifications = pg.getNotifications(POLL_MS);
                if (notifications == null) continue;
                for (PGNotification n : notifications) {
                    changes.incrementAndGet();
                    byHash.remove(n.getParameter());
                    seen.setString(1, n.getParameter());
                    seen.execute();
                }
            }
        } finally {
            stopAnswering();
            current = null;
        }
    }

    private void stopAnswering() {
        listening = false;
        forgetAll();
    }

    private void forgetAll() {
        changes.incrementAndGet();
        byHash.clear();
    }

    private synchronized void pause() {
        try {
            wait(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        Connection connection = current;
        try {
            if (connection != null) connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the listening connection: {}", e.getMessage());
        }
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
