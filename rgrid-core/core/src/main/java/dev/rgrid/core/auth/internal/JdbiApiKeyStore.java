package dev.rgrid.core.auth.internal;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.auth.ApiKey;
import dev.rgrid.core.auth.ApiKeyCache;
import dev.rgrid.core.auth.ApiKeySecrets;
import dev.rgrid.core.auth.ApiKeyStore;
import dev.rgrid.core.auth.NewApiKey;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** {@link ApiKeyStore} on PostgreSQL. {@code last_used_at} is written at most once a minute per key. */
public final class JdbiApiKeyStore implements ApiKeyStore {
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    /** How long a revocation waits for the servers' caches to confirm they dropped the key. */
    static final Duration CONFIRM_PATIENCE = Duration.ofSeconds(2);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@\\-]{0,63}");

    private static final String FIND_ACTIVE_BY_HASH =
            "SELECT " + ApiKeySql.COLUMNS + " FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL";

    private final Jdbi jdbi;
    private final ApiKeySql sql;

    public JdbiApiKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.sql = jdbi.onDemand(ApiKeySql.class);
    }

    @Override
    public NewApiKey create(String name, String owner, Instant now) {
        checkName("name", name);
        checkName("owner", owner);
        String secret = ApiKeySecrets.generate();
        String id = "key_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try {
            sql.insert(id, name, owner, ApiKeySecrets.prefix(secret), ApiKeySecrets.hash(secret), now);
        } catch (UnableToExecuteStatementException e) {
            if (sql.findActiveByName(name).isPresent()) {
                throw new InvalidInputException("api_key_exists", "An active API key already has this name", name,
                        "Choose another name, or revoke the old key first: rgrid-server keys revoke " + name);
            }
            throw e;
        }
        return new NewApiKey(sql.findById(id).orElseThrow(), secret);
    }

    @Override
    public List<ApiKey> list() {
        return sql.list();
    }

    @Override
    public ApiKey revoke(String nameOrId, Instant now) {
        ApiKey key = sql.findActiveByName(nameOrId).or(() -> sql.findById(nameOrId).filter(ApiKey::active))
                .orElseThrow(() -> new NotFoundException("active API key", nameOrId));
        jdbi.useHandle(h -> {
            String hash = h.createQuery("SELECT key_hash FROM api_keys WHERE id = :id").bind("id", key.id())
                    .mapTo(String.class).one();
            // Listening before the revocation commits, so that no confirmation can come before it is awaited.
            h.execute("LISTEN " + ApiKeyCache.SEEN_CHANNEL);
            try {
                int caches = h.createQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
                        + "AND datname = current_database()").bind("name", ApiKeyCache.LISTENER_NAME).mapTo(Integer.class).one();
                h.attach(ApiKeySql.class).revoke(key.id(), now); // on this connection: one from the pool, not two
                awaitConfirmations(h, hash, caches);
            } finally {
                h.execute("UNLISTEN " + ApiKeyCache.SEEN_CHANNEL);
            }
        });
        return sql.findById(key.id()).orElseThrow();
    }

    /** Waits until {@code caches} servers confirmed they dropped the key, or {@link #CONFIRM_PATIENCE} passed. */
    private static void awaitConfirmations(Handle h, String hash, int caches) {
        try {
            awaitOn(h.getConnection().unwrap(PGConnection.class), hash, caches);
        } catch (SQLException e) {
            // The revocation itself committed; a cache that was not heard reads the key again within its recheck.
        }
    }

    private static void awaitOn(PGConnection pg, String hash, int caches) throws SQLException {
        long deadline = System.nanoTime() + CONFIRM_PATIENCE.toNanos();
        int confirmed = 0;
        while (confirmed < caches) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) return;
            PGNotification[] notifications = pg.getNotifications((int) Math.max(1, left));
            if (notifications == null) continue;
            for (PGNotification n : notifications) {
                if (hash.equals(n.getParameter())) confirmed++;
            }
        }
    }

    @Override
    public Optional<ApiKey> authenticate(String secret, Instant now) {
        if (!ApiKeySecrets.wellFormed(secret)) return Optional.empty();
        // Fluent rather than the SqlObject: this runs on every request, and Jdbi's on-demand set-up per
        // call costs more than the query.
        Optional<ApiKey> key = jdbi.withHandle(h -> h.createQuery(FIND_ACTIVE_BY_HASH)
                .bind("hash", ApiKeySecrets.hash(secret)).map(ApiKeyRowMapper.INSTANCE).findOne());
        key.filter(k -> k.lastUsedAt() == null || k.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION)))
                .ifPresent(k -> sql.touch(k.id(), now));
        return key;
    }

    private static void checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidInputException("invalid_api_key_" + what, "The key's " + what + " is not valid", value,
                    "Use up to 64 letters, digits, '.', '_', '-', '@', starting with a letter or digit: alice");
        }
    }
}
