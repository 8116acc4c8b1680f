package dev.rgrid.sdk.remote;

import java.time.Duration;

/**
 * How transient failures (connection refused or reset, timeouts, HTTP 502/503/504) are retried: up to
 * {@code retries} more attempts after the first, waiting {@code initialBackoff}, then twice as long each
 * time, at most {@code maxBackoff}. Other failures are never retried.
 */
public record RetryPolicy(int retries, Duration initialBackoff, Duration maxBackoff) {
    /** Eight retries wait 0.5 + 1 + 2 + 4 + 8 x 4 = 39.5 s in all: long enough to ride out a database failover. */
    public static final int DEFAULT_RETRIES = 8;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);
    public static final RetryPolicy DEFAULT = new RetryPolicy(DEFAULT_RETRIES, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    /** Fail at the first transient failure. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (retries < 0) throw new IllegalArgumentException("retries cannot be negative: " + retries);
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= initial <= max: " + initialBackoff + ", " + maxBackoff);
        }
    }

    /** The wait before retry {@code attempt} (from 1). */
    public Duration backoff(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) wait = wait.multipliedBy(2);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
