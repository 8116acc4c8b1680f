package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.RGridException;
import java.io.IOException;
import java.util.Set;

/**
 * An answer that means "try again": 502, 503 or 504 from the server or a proxy in front of it. When the
 * server itself said why (its database is down), {@link #serverError()} is that error, reported if
 * every retry fails too.
 */
final class TransientStatusException extends IOException {
    private static final Set<Integer> TRANSIENT = Set.of(502, 503, 504);

    private final transient RGridException serverError;

    TransientStatusException(int status, RGridException serverError) {
        super("HTTP " + status);
        this.serverError = serverError;
    }

    static boolean isTransient(int status) {
        return TRANSIENT.contains(status);
    }

    /** The server's own error, or null when the answer had no RGrid error body (a proxy's). */
    RGridException serverError() {
        return serverError;
    }
}
