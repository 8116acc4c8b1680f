package dev.rgrid.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What has been opened so far, closed last-opened first: how building the engine gives back what it took when a later
 * step fails, and how closing it goes on past a part whose close fails (the first failure is thrown, the rest are
 * added to it as suppressed).
 */
final class Closer implements AutoCloseable {
    /** One part's close; any exception it throws is collected. */
    @FunctionalInterface
    interface Part {
        void close() throws Exception;
    }

    private final Deque<Part> parts = new ArrayDeque<>();

    /** Registers {@code part}'s close and returns {@code value}, for one-line assignments. */
    <T> T add(T value, Part part) {
        parts.push(part);
        return value;
    }

    void add(Part part) {
        parts.push(part);
    }

    /** Closes what was opened after {@code failure}, which is returned to be thrown, their failures suppressed in it. */
    RuntimeException closeAfter(RuntimeException failure) {
        RuntimeException thrown = closeAll();
        if (thrown != null) failure.addSuppressed(thrown);
        return failure;
    }

    @Override
    public void close() {
        RuntimeException thrown = closeAll();
        if (thrown != null) throw thrown;
    }

    /** Closes every part; the first failure, with the later ones suppressed in it, or null when all closed. */
    private RuntimeException closeAll() {
        RuntimeException first = null;
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                if (first == null) first = e instanceof RuntimeException r ? r : new IllegalStateException("closing failed", e);
                else first.addSuppressed(e);
            }
        }
        return first;
    }
}
