package dev.rgrid.server.service;

import dev.rgrid.core.auth.ApiKeyStore;
import java.time.Clock;
import java.util.Optional;

/** Checks a request's API key on every request, so a revoked key stops working at once. */
public final class Authenticator {
    private final ApiKeyStore keys;
    private final Clock clock;

    public Authenticator(ApiKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The key's owner and name, or empty for a missing, unknown, malformed or revoked key. */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || secret.isBlank()) return Optional.empty();
        return keys.authenticate(secret.trim(), clock.instant()).map(k -> new Principal(k.owner(), k.name()));
    }
}
