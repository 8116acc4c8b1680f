package dev.rgrid.cli.command;

import dev.rgrid.core.model.Execution;
import dev.rgrid.sdk.RGrid;
import java.io.PrintWriter;
import java.time.Duration;

/** While attached to a run, Ctrl-C (or any JVM shutdown) cancels it instead of leaving it running. */
final class CancelOnExit implements AutoCloseable {
    /** How long the hook waits for the engine to record the cancellation before the JVM goes. */
    static final Duration SETTLE = Duration.ofSeconds(10);

    private final Thread hook;

    private CancelOnExit(Thread hook) {
        this.hook = hook;
    }

    static CancelOnExit install(RGrid rgrid, String id, PrintWriter err) {
        Thread hook = new Thread(canceller(rgrid, id, err), "rgrid-cancel-" + id);
        Runtime.getRuntime().addShutdownHook(hook);
        return new CancelOnExit(hook);
    }

    /** What the hook does: cancel, wait for it to be recorded, and say so; never throws (the JVM is going down anyway). */
    static Runnable canceller(RGrid rgrid, String id, PrintWriter err) {
        return () -> {
            try {
                err.println("[rgrid] Interrupted: cancelling " + id);
                err.flush();
                rgrid.cancel(id);
                Execution after = rgrid.await(id, SETTLE);
                err.println("Execution " + id + " " + after.status().label() + (after.reason() != null ? ": " + after.reason() : ""));
            } catch (RuntimeException e) {
                err.println("[rgrid] Could not cancel " + id + ": " + e.getMessage() + "; see `rgrid cancel " + id + "`");
            }
            err.flush();
        };
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running; it will cancel the run.
        }
    }
}
