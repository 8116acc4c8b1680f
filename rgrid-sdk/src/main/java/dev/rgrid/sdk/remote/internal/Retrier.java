package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.RGridException;
import dev.rgrid.sdk.remote.RetryListener;
import dev.rgrid.sdk.remote.RetryNotice;
import dev.rgrid.sdk.remote.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Retries transient failures (any {@link IOException}: refused, reset, timed out, or a
 * {@link TransientStatusException}) by the policy, telling the listener before each wait; after the
 * last one, one {@code server_unreachable} error. Anything else goes through at once.
 */
final class Retrier {
    @FunctionalInterface
    interface Attempt<T> {
        T call() throws IOException, InterruptedException;
    }

    private final RetryPolicy policy;
    private final RetryListener listener;
    private final String url;
    private final String unreachableHint;

    Retrier(RetryPolicy policy, RetryListener listener, String url, String unreachableHint) {
        this.policy = policy;
        this.listener = listener;
        this.url = url;
        this.unreachableHint = unreachableHint != null ? unreachableHint
                : "Check the URL (RGRID_API_URL, or api_url set by `rgrid init`), that the server is running, and that this "
                        + "machine can reach it";
    }

    <T> T call(Attempt<T> attempt) {
        for (int failures = 1; ; failures++) {
            try {
                return attempt.call();
            } catch (IOException e) {
                afterFailure(failures, e);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
    }

    /** After the {@code failures}-th transient failure in a row: tells the listener and waits, or gives up. */
    void afterFailure(int failures, IOException cause) {
        if (failures > policy.retries()) {
            if (cause instanceof TransientStatusException t && t.serverError() != null) throw t.serverError();
            throw new RGridException("server_unreachable", "Cannot reach the RGrid server", url,
                    unreachableHint + "; last error: " + describe(cause), cause);
        }
        listener.retrying(new RetryNotice(failures, policy.retries(), url, describe(cause)));
        pause(policy.backoff(failures));
    }

    void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    RGridException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new RGridException("interrupted", "Interrupted while talking to the RGrid server", url, null, e);
    }

    static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return e.getMessage() != null && e.getMessage().contains("connect") ? "connecting timed out" : "no answer in time";
        }
        if (e instanceof ConnectException) return "connection refused";
        if (e instanceof TransientStatusException) return e.getMessage();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
