package dev.rgrid.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys: created with their secret shown once, listed, revoked, and checked on every request. */
public interface ApiKeyStore {

    /** A new key for {@code owner}; refuses a name an active key already has. */
    NewApiKey create(String name, String owner, Instant now);

    /** Every key, newest first, revoked ones included. */
    List<ApiKey> list();

    /**
     * Revokes the active key with this name or id; it stops working at once: this returns once every server that
     * remembers keys ({@link ApiKeyCache}) confirmed it dropped it (or, for one that does not answer, after 2 s).
     */
    ApiKey revoke(String nameOrId, Instant now);

    /** The active key this secret belongs to, or empty: unknown, malformed and revoked keys alike. */
    Optional<ApiKey> authenticate(String secret, Instant now);
}
