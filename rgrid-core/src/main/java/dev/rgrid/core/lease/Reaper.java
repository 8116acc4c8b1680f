package dev.rgrid.core.lease;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.store.ExecutionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Ends executions whose owner stopped heartbeating, so none stays running forever. Dead means
 * {@code heartbeat_at <= now - interval * missedLimit}. Safe with several reapers: each end is a
 * guarded update that only one of them wins.
 */
public final class Reaper {
    public static final int DEFAULT_MISSED_LIMIT = 3;
    public static final String WORKER_DIED = "worker died unexpectedly";

    private final ExecutionStore store;
    private final Clock clock;
    private final Duration staleAfter;

    public Reaper(ExecutionStore store, Clock clock, Duration heartbeatInterval, int missedLimit) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.staleAfter = heartbeatInterval.multipliedBy(missedLimit);
    }

    /** Ends every stale execution; returns how many it ended. */
    public int reapOnce() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(staleAfter);
        int ended = 0;
        for (Execution e : store.findStale(cutoff)) {
            if (store.markLost(e.id(), cutoff, outcomeFor(e), now)) ended++;
        }
        return ended;
    }

    private Outcome outcomeFor(Execution e) {
        String silent = "no heartbeat for " + staleAfter.toSeconds() + " s";
        if (e.status() == ExecutionStatus.QUEUED) {
            return new Outcome(ExecutionStatus.WORKER_LOST,
                    "The process that queued it ended before it started (" + silent + ")", null);
        }
        String where = e.node() == null ? "" : " on " + e.node();
        return new Outcome(ExecutionStatus.WORKER_LOST, WORKER_DIED + where + " (" + silent + ")", null);
    }
}
