package dev.rgrid.engine;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.sdk.LogQuery;
import java.util.List;
import java.util.function.Consumer;

/**
 * Delivers an execution's log lines as they are stored, each once and in order, until it has ended
 * and the last line is out. The final read happens after the end is seen, so no late line is missed.
 */
final class LogFollower {
    private final ExecutionStore store;
    private final Signal signal;

    LogFollower(ExecutionStore store, Signal signal) {
        this.store = store;
        this.signal = signal;
    }

    /** Returns the execution as it ended. */
    Execution follow(String id, LogQuery query, Consumer<LogLine> onLine) {
        long after = query.afterSeq();
        while (true) {
            long seen = signal.events();
            Execution execution = store.get(id);
            after = deliver(id, query, after, onLine);
            if (execution.isFinal()) {
                deliver(id, query, after, onLine);
                return execution;
            }
            signal.awaitAfter(seen, Signal.POLL_MS);
        }
    }

    /** Delivers everything stored after {@code after}; returns the last sequence delivered. */
    private long deliver(String id, LogQuery query, long after, Consumer<LogLine> onLine) {
        while (true) {
            List<LogLine> lines = store.logs(id, after, query.streams(), query.limit());
            for (LogLine line : lines) {
                onLine.accept(line);
                after = line.seq();
            }
            if (lines.size() < query.limit()) return after;
        }
    }
}
