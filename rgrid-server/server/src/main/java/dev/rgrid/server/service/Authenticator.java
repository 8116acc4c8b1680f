package dev.rgrid.server.service;

import dev.rgrid.core.auth.ApiKeyStore;
import dev.rgrid.core.model.Execution;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * Checks a request's credentials on every request. A team server takes API keys, looked up each time so a revoked
 * key stops working at once; a home's resident engine takes the home's one secret, as the local owner.
 */
public final class Authenticator {
    private static final String LOCAL_KEY_NAME = "home";

    private final ApiKeyStore keys;
    private final Clock clock;
    private final byte[] localSecret;

    private Authenticator(ApiKeyStore keys, Clock clock, byte[] localSecret) {
        this.keys = keys;
        this.clock = clock;
        this.localSecret = localSecret;
    }

    public Authenticator(ApiKeyStore keys, Clock clock) {
        this(keys, clock, null);
    }

    /** Accepts {@code secret} alone, acting for the local owner, as the runs of the in-process engine do. */
    public static Authenticator localSecret(String secret) {
        return new Authenticator(null, null, secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Who the credential acts for, or empty for a missing, unknown, malformed or revoked one. */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || secret.isBlank()) return Optional.empty();
        if (localSecret != null) {
            // Constant time: how long a wrong guess takes says nothing about how much of it was right.
            return MessageDigest.isEqual(localSecret, secret.trim().getBytes(StandardCharsets.UTF_8))
                    ? Optional.of(new Principal(Execution.LOCAL_OWNER, LOCAL_KEY_NAME)) : Optional.empty();
        }
        return keys.authenticate(secret.trim(), clock.instant()).map(k -> new Principal(k.owner(), k.name()));
    }
}
