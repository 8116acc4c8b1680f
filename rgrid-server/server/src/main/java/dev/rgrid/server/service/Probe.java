package dev.rgrid.server.service;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One health check run with a deadline. A check still in flight (a database that does not answer) is
 * waited on again rather than started twice, so hung checks never pile up.
 */
final class Probe {
    private final BooleanSupplier check;
    private Future<Boolean> inFlight;

    Probe(BooleanSupplier check) {
        this.check = check;
    }

    synchronized Future<Boolean> start(ExecutorService pool) {
        if (inFlight == null || inFlight.isDone()) inFlight = pool.submit(check::getAsBoolean);
        return inFlight;
    }

    /** The check's answer by {@code deadlineNanos} (a {@link System#nanoTime()} value); false when late or failed. */
    static boolean answer(Future<Boolean> future, long deadlineNanos) {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
