package dev.rgrid.engine;

import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.Lease;
import dev.rgrid.worker.ray.RayDispatcher;
import dev.rgrid.worker.ray.RayRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The engine's side of the queue: claiming queued runs and handing them to Ray, keeping the heartbeats of those it
 * vouches for (queued by it, or dispatched), and taking back what a lost attempt requeued. Claims go through the store
 * ({@code FOR UPDATE SKIP LOCKED}), so several engines on one database never run a run twice.
 */
final class QueueClaims {
    private static final long ENGINE_CHECK_NANOS = 1_000_000_000L;
    private static final int CLAIM_BATCH = 4;

    private final ExecutionStore store;
    private final RayDispatcher dispatcher;
    private final Signal signal;
    private final Clock clock;
    private final BooleanSupplier executorReachable;
    private final boolean retakeOwn;
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private volatile long engineCheckedAt = System.nanoTime() - ENGINE_CHECK_NANOS - 1;
    private volatile boolean engineUp;

    /**
     * @param retakeOwn whether a run this engine submitted and a lost attempt requeued is taken back by this engine
     *                  (an embedded engine: nothing else serves its queue); a server's queue dispatcher takes all
     */
    QueueClaims(ExecutionStore store, RayDispatcher dispatcher, Signal signal, Clock clock, BooleanSupplier executorReachable,
                boolean retakeOwn) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.signal = signal;
        this.clock = clock;
        this.executorReachable = executorReachable;
        this.retakeOwn = retakeOwn;
    }

    /** Claims the run just recorded and dispatches it, unless another claimer was first. */
    void dispatchNow(String id) {
        submitted.add(id);
        store.claim(id, clock.instant()).ifPresent(dispatcher::dispatch);
    }

    /** Runs queued executions until none is queued or running here for {@code idle}. */
    void drain(Duration idle) {
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < idle.toNanos()) {
            claimQueued();
            forgetEnded();
            if (!submitted.isEmpty()) quietSince = System.nanoTime();
            signal.await(Signal.POLL_MS);
        }
    }

    /** Waits until no run this engine dispatched is still running, or {@code patience} passed; whether none is. */
    boolean awaitRunsEnded(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (hasRunsInFlight()) {
            if (System.nanoTime() - deadline > 0) return false;
            signal.await(Signal.POLL_MS);
        }
        return true;
    }

    /** Whether a run this engine dispatched is still running; asks nothing of the database. */
    boolean hasRunsInFlight() {
        return !dispatcher.inFlight().isEmpty();
    }

    /** The periodic part: heartbeats of what it vouches for, and runs of its own that a lost attempt requeued. */
    void touch() {
        forgetEnded();
        store.touchQueued(Set.copyOf(submitted), clock.instant());
        store.touchDispatched(dispatcher.inFlight(), clock.instant());
        if (retakeOwn) retakeRequeued();
    }

    /** Drops the executions that ended from those this engine vouches for: one query for all of them. */
    private void forgetEnded() {
        if (submitted.isEmpty()) return;
        Set<String> seen = Set.copyOf(submitted); // ids added meanwhile are not judged by this answer
        Set<String> unfinished = store.unfinished(seen);
        for (String id : seen) {
            if (!unfinished.contains(id)) submitted.remove(id);
        }
    }

    private void claimQueued() {
        if (!localEngineReady()) return;
        for (Lease lease : store.claimQueued(CLAIM_BATCH, clock.instant())) {
            submitted.add(lease.executionId());
            dispatcher.dispatch(lease);
        }
    }

    /**
     * Runs again what this engine submitted and a lost attempt sent back to the queue (its container engine restarted
     * under it, say).
     */
    private void retakeRequeued() {
        if (!localEngineReady()) return;
        Set<String> inFlight = new HashSet<>();
        for (Lease lease : dispatcher.inFlight()) inFlight.add(lease.executionId());
        for (String id : Set.copyOf(submitted)) {
            if (!inFlight.contains(id)) store.claim(id, clock.instant()).ifPresent(dispatcher::dispatch);
        }
    }

    /**
     * Whether runs dispatched now can start: in Ray's local mode they run in this process's container engine, and a
     * run claimed while it restarts would only lose an attempt; a cluster's nodes answer for their own engines.
     */
    private boolean localEngineReady() {
        if (RayRuntime.clusterAddress() != null) return true;
        long now = System.nanoTime();
        if (now - engineCheckedAt > ENGINE_CHECK_NANOS) { // at most one ping a second, however often the queue is read
            engineUp = executorReachable.getAsBoolean();
            engineCheckedAt = now;
        }
        return engineUp;
    }
}
