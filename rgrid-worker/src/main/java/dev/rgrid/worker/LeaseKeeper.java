package dev.rgrid.worker;

import dev.rgrid.core.store.HeartbeatResult;
import dev.rgrid.core.store.Lease;
import dev.rgrid.worker.exec.StopSignal;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While a run goes on: renews its lease every heartbeat interval and, more often, reads whether a
 * cancel was asked for. A cancel or a lost lease triggers the stop signal. Every round catches, logs
 * and carries on: a passing database error must not end a healthy run.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final WorkerContext ctx;
    private final Lease lease;
    private final StopSignal stop;
    private final Thread thread;
    private volatile boolean lost;
    private boolean done;

    LeaseKeeper(WorkerContext ctx, Lease lease, StopSignal stop) {
        this.ctx = ctx;
        this.lease = lease;
        this.stop = stop;
        this.thread = new Thread(this::loop, "rgrid-lease-" + lease.executionId());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    boolean lost() { return lost; }

    private void loop() {
        Instant lastBeat = ctx.clock().instant();
        while (pause()) {
            try {
                Instant now = ctx.clock().instant();
                boolean beat = !now.isBefore(lastBeat.plus(ctx.heartbeatInterval()));
                HeartbeatResult result = beat ? ctx.store().heartbeat(lease, now) : ctx.store().check(lease);
                if (beat) lastBeat = now;
                if (result == HeartbeatResult.LOST) {
                    lost = true;
                    stop.trigger();
                } else if (result == HeartbeatResult.CANCEL_REQUESTED) {
                    stop.trigger();
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: heartbeat failed, will retry: {}", lease.executionId(), e.getMessage());
            }
        }
    }

    /** Waits one control interval; false once closed. */
    private synchronized boolean pause() {
        if (done) return false;
        try {
            wait(ctx.controlInterval().toMillis());
        } catch (InterruptedException e) {
            return false;
        }
        return !done;
    }

    @Override
    public synchronized void close() {
        done = true;
        notifyAll();
    }
}
