package dev.rgrid.core.lease;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.StoreOutage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Finds executions whose owner stopped heartbeating, so none stays running forever. Dead means
 * {@code heartbeat_at <= now - interval * missedLimit}. A dispatched or running one is retried while attempts
 * remain (back to the queue, for any node), else ends {@code worker_lost}; a queued one whose process went
 * away ends {@code worker_lost}, unless a queue dispatcher serves every queued execution (a server): then queued ones
 * wait for it, however long no one ran. Safe with several reapers: each change is a guarded update only one wins.
 *
 * <p>A database outage silences every heartbeat at once, so staleness is counted only while the database answers: once
 * it answers again after an outage, nothing is reaped for a whole {@code staleAfter}, which gives every live runner
 * time to heartbeat again.
 */
public final class Reaper {
    public static final int DEFAULT_MISSED_LIMIT = 3;

    private final ExecutionStore store;
    private final Clock clock;
    private final Duration staleAfter;
    private final boolean endsQueued;
    private volatile boolean inOutage;
    private volatile Instant recoveredAt;

    /** Stale: no heartbeat for {@code missedLimit} heartbeat intervals. */
    public static Duration staleAfter(Duration heartbeatInterval, int missedLimit) {
        return heartbeatInterval.multipliedBy(missedLimit);
    }

    /** A reaper that also ends queued executions whose process went away (no queue dispatcher serves them). */
    public Reaper(ExecutionStore store, Clock clock, Duration staleAfter) {
        this(store, clock, staleAfter, true);
    }

    /** {@code endsQueued} false: a queue dispatcher serves every queued execution, so none is taken for lost. */
    public Reaper(ExecutionStore store, Clock clock, Duration staleAfter, boolean endsQueued) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.staleAfter = Objects.requireNonNull(staleAfter);
        this.endsQueued = endsQueued;
    }

    /** Retries or ends every stale execution; returns how many it moved on. */
    public int reapOnce() {
        Instant now = clock.instant();
        Instant recovered = recoveredAt;
        if (recovered != null && now.isBefore(recovered.plus(staleAfter))) return 0;
        Instant cutoff = now.minus(staleAfter);
        List<Execution> stale;
        try {
            stale = store.findStale(cutoff);
        } catch (RuntimeException e) {
            if (StoreOutage.isOutage(e)) inOutage = true;
            throw e;
        }
        if (inOutage) { // the first answer after an outage: the silence was the database's, not the runners'
            inOutage = false;
            recoveredAt = now;
            return 0;
        }
        return reap(stale, cutoff, now);
    }

    private int reap(List<Execution> stale, Instant cutoff, Instant now) {
        String silent = "no heartbeat for " + staleAfter.toSeconds() + " s";
        int moved = 0;
        for (Execution e : stale) {
            if (e.status() == ExecutionStatus.QUEUED) {
                if (!endsQueued) continue;
                String why = e.attempt() == 0 ? "The process that queued it ended before it started"
                        : ExecutionStore.WORKER_DIED + " (attempt " + e.attempt() + "), and nothing took up its retry";
                Outcome lost = new Outcome(ExecutionStatus.WORKER_LOST, why + " (" + silent + ")", null);
                if (store.markLost(e.id(), cutoff, lost, now)) moved++;
            } else if (store.loseStale(e, cutoff, silent, now) != null) {
                moved++;
            }
        }
        return moved;
    }
}
