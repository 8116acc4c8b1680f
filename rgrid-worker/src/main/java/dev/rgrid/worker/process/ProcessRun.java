package dev.rgrid.worker.process;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.worker.exec.LineSplitter;
import dev.rgrid.worker.exec.LogSink;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One local process, from start to its drained output: the process counterpart of a container run. */
final class ProcessRun {
    private static final Logger log = LoggerFactory.getLogger(ProcessRun.class);
    static final Duration KILL_GRACE = Duration.ofSeconds(10);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final RunRequest request;
    private final Clock clock;
    private final AtomicBoolean killedByCancel = new AtomicBoolean();
    private volatile boolean finished;

    ProcessRun(RunRequest request, Clock clock) {
        this.request = request;
        this.clock = clock;
    }

    Outcome execute(ProcessBuilder builder, LogSink sink, StopSignal stop) {
        if (stop.isTriggered()) return Outcome.cancelled(null);
        Process process = start(builder);
        LogSink serial = serialized(sink);
        StreamPump out = new StreamPump(process.getInputStream(),
                new LineSplitter(LogStream.STDOUT, serial, clock), "rgrid-stdout-" + request.executionId()).start();
        StreamPump err = new StreamPump(process.getErrorStream(),
                new LineSplitter(LogStream.STDERR, serial, clock), "rgrid-stderr-" + request.executionId()).start();
        stop.onTrigger(() -> cancel(process));
        try {
            boolean exited = process.waitFor(request.limits().timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                ProcessTree.kill(process.toHandle());
                if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new RGridException("process_unkillable", "The script's process did not end after it was killed",
                            String.valueOf(process.pid()), "Check the worker's host for a stuck process");
                }
            }
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            boolean drained = out.drain(remainingMillis(deadline)) & err.drain(remainingMillis(deadline));
            if (!drained) {
                log.warn("Output of execution {} may be incomplete: a process still holds its pipes", request.executionId());
            }
            int code = process.exitValue();
            if (killedByCancel.get()) return Outcome.cancelled(code);
            if (!exited) return Outcome.timedOut(request.limits(), code);
            return Outcome.exited(code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.kill(process.toHandle());
            throw new RGridException("run_interrupted", "The worker was interrupted while the script ran",
                    request.executionId(), "The worker is shutting down; the execution is retried elsewhere", e);
        } finally {
            finished = true;
        }
    }

    private Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new RGridException("process_start_failed", "The script's process could not be started",
                    String.join(" ", builder.command()), "Check that the interpreter exists and the work directory is usable", e);
        }
    }

    private void cancel(Process process) {
        if (finished || !process.isAlive()) return;
        killedByCancel.set(true);
        ProcessTree.kill(process.toHandle());
    }

    private static LogSink serialized(LogSink sink) {
        Object lock = new Object();
        return (stream, time, text) -> {
            synchronized (lock) {
                sink.line(stream, time, text);
            }
        };
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
