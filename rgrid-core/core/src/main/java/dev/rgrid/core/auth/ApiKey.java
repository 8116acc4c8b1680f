package dev.rgrid.core.auth;

import java.time.Instant;

/**
 * An API key as it is kept: never the secret, only what identifies it.
 *
 * @param name   unique among active keys; what `keys revoke` takes
 * @param owner  whose executions, logs and artifacts the key reaches
 * @param prefix the secret's first characters, to recognise a key without revealing it
 */
public record ApiKey(String id, String name, String owner, String prefix, Instant createdAt, Instant lastUsedAt,
                     Instant revokedAt) {
    public boolean active() { return revokedAt == null; }
}
