package dev.rgrid.core.store;

import dev.rgrid.core.StoreException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telling a store that is away (a database restarting or failing over, an S3 server unreachable) from one that refused
 * a request, and riding out the first: a write that must not be lost — a run's outcome, its log lines, its outputs — is
 * retried with backoff until the store answers again or {@code patience} has passed.
 */
public final class StoreOutage {
    /** The first wait between tries, doubled each time up to {@link #MAX_BACKOFF}. */
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);

    private StoreOutage() {}

    /**
     * Whether {@code e} means the database did not answer: a connection lost or refused (SQL state class 08), the
     * server shutting down or starting (57P01-57P03), or the pool timing out waiting for a connection.
     */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code e} means the artifact store did not answer: a {@link StoreException} caused by a network failure
     * (refused, reset, timed out), not a refusal such as bad credentials or a missing bucket.
     */
    public static boolean isArtifactOutage(Throwable e) {
        if (!(e instanceof StoreException)) return false;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) return true;
        }
        return false;
    }

    /**
     * Runs {@code write}, retrying it while the database is away, for at most {@code patience}; any other failure,
     * or the outage outlasting the patience, is thrown. {@code what} names the write in the log.
     */
    public static <T> T retry(String what, Duration patience, Supplier<T> write) {
        return retry(what, patience, StoreOutage::isOutage, write);
    }

    /** As {@link #retry(String, Duration, Supplier)}, for the outages {@code away} recognises. */
    public static <T> T retry(String what, Duration patience, Predicate<Throwable> away, Supplier<T> write) {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!away.test(e) || System.nanoTime() + backoff.toNanos() - deadline > 0) throw e;
                if (attempt == 1) LOG.warn("{}: the store is away ({}); retrying for up to {} s", what, e.getMessage(),
                        patience.toSeconds());
                try {
                    Thread.sleep(backoff.toMillis()); // a backoff between tries of a remote call, not a wait for a condition
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
