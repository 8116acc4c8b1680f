package dev.rgrid.worker.docker;

import com.github.dockerjava.api.DockerClient;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.worker.exec.LogSink;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container, from creation to removal: attach before start (no output missed), wait for the exit
 * or the timeout, kill on timeout or cancel, drain the output, name the outcome, and always remove it (just
 * after, off the run's path: {@link Removals}). A container started ahead ({@link WarmPool}) is not created or
 * started: the attach that reads its output also hands its shell the run's launch on stdin, and that is its start.
 */
final class ContainerRun {
    private static final Logger log = LoggerFactory.getLogger(ContainerRun.class);
    static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);
    static final Duration KILL_GRACE = Duration.ofSeconds(30);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final DockerClient streams;
    private final Clock clock;
    private final RunRequest request;
    private final ContainerCalls calls;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final WarmPool.Warm warm;
    private final String launch;
    private volatile boolean started;
    private volatile boolean finished;

    ContainerRun(DockerConnection docker, Clock clock, RunRequest request) {
        this(docker, clock, request, null, null);
    }

    /** A run in {@code warm}, started ahead, whose shell is to read {@code launch}. */
    ContainerRun(DockerConnection docker, Clock clock, RunRequest request, WarmPool.Warm warm, String launch) {
        this.streams = docker.streams();
        this.clock = clock;
        this.request = request;
        this.calls = new ContainerCalls(docker.commands(), request);
        this.warm = warm;
        this.launch = launch;
    }

    Outcome execute(LogSink sink, StopSignal stop) {
        String id = warm == null ? null : warm.id();
        try {
            if (stop.isTriggered()) return Outcome.cancelled(null);
            WorkDirAccess.grant(request.workDir());
            if (id == null) id = calls.create();
            return supervise(id, sink, stop);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            calls.kill(id);
            throw new RGridException("run_interrupted", "The worker was interrupted while the script ran",
                    request.executionId(), "The worker is shutting down; the execution is retried elsewhere", e);
        } finally {
            finished = true;
            String created = id;
            if (created != null) Removals.later(() -> calls.remove(created));
        }
    }

    private Outcome supervise(String id, LogSink sink, StopSignal stop) throws InterruptedException {
        // The engine joins our pipes to the container's output before it answers the attach, so all
        // output written after start() reaches us. No replay of the engine's log: that would repeat
        // lines written between the answer and the replay.
        // A warm container's shell waits for its stdin, so nothing it writes can come before this attach either. It runs
        // already, so its exit can be awaited before its command is sent: the wait's set-up is off the run's path.
        stop.onTrigger(() -> cancel(id));
        if (cancelRequested.get()) return Outcome.cancelled(null);
        ExitWatch early = launch == null ? null : streams.waitContainerCmd(id).exec(new ExitWatch());
        var attach = streams.attachContainerCmd(id)
                .withStdOut(true).withStdErr(true).withFollowStream(true).withLogs(false);
        if (launch != null) attach.withStdIn(new ByteArrayInputStream(launch.getBytes(StandardCharsets.UTF_8)));
        FrameSink frames = attach.exec(new FrameSink(sink, clock));
        Throwable refused = frames.awaitAttached(ATTACH_TIMEOUT);
        if (refused != null && warm != null) throw new WarmGone(id, refused);
        if (refused != null) throw DockerErrors.translate("attach to the container's output", id, refused);
        if (cancelRequested.get()) return Outcome.cancelled(null);
        if (launch == null) calls.start(id);
        started = true;
        // Dekker-style: start() then read the flag here; set the flag then read started in cancel(). With
        // both volatile, at least one side sees the other, so a cancel racing the start is never lost.
        if (cancelRequested.get()) calls.kill(id);

        ExitWatch exit = early != null ? early : streams.waitContainerCmd(id).exec(new ExitWatch());
        Integer code = exit.await(request.limits().timeout());
        boolean timedOut = code == null;
        if (timedOut) {
            calls.kill(id);
            code = exit.await(KILL_GRACE);
            if (code == null) {
                throw new ContainerEngineException(ContainerEngineException.FAILED,
                        "The container did not stop after it was killed", id, DockerErrors.CHECK_ENGINE, null);
            }
        }
        if (!frames.drain(DRAIN_TIMEOUT)) reportIncompleteOutput(sink, frames);
        return outcome(id, code, timedOut);
    }

    private Outcome outcome(String id, int code, boolean timedOut) {
        // The flag is set before the kill, so an exit caused by the kill is always seen as the cancel it was.
        if (cancelRequested.get()) return Outcome.cancelled(code);
        if (timedOut) return Outcome.timedOut(request.limits(), code);
        if (code != Outcome.KILLED_EXIT_CODE) return Outcome.exited(code);
        return switch (calls.killCause(id)) {
            case OOM -> Outcome.oomKilled(request.limits());
            case REMOVED_ELSEWHERE -> throw calls.removedElsewhere(id);
            // The script is PID 1 of its container, which ignores a SIGKILL sent from inside: 137 without our kill or
            // the kernel's OOM killer came from outside, most often the engine stopping its containers to restart.
            case UNKNOWN -> throw new ContainerEngineException(ContainerEngineException.KILLED_OUTSIDE,
                    "The container was killed from outside while the script ran (its Docker engine stopped or restarted, "
                            + "or someone ran docker stop or kill)", id, "The run is tried again while attempts remain", null);
        };
    }

    /**
     * A container started ahead that can no longer be attached (it was stopped while it waited: its engine restarted,
     * or someone removed it); nothing of the run has happened in it, which then gets a container of its own.
     */
    static final class WarmGone extends RuntimeException {
        WarmGone(String id, Throwable cause) {
            super("container " + id + " started ahead is gone: " + DockerErrors.firstLine(cause), cause);
        }
    }

    /** Runs on the thread that triggers the stop signal, possibly long after this run ended. */
    private void cancel(String id) {
        if (finished) return;
        cancelRequested.set(true);
        if (started) calls.kill(id);
    }

    private void reportIncompleteOutput(LogSink sink, FrameSink frames) {
        Throwable failure = frames.failure();
        String why = failure == null ? "it did not end within " + DRAIN_TIMEOUT.toSeconds() + " s" : DockerErrors.firstLine(failure);
        log.warn("Output of execution {} may be incomplete: {}", request.executionId(), why);
        sink.line(LogStream.SYSTEM, clock.instant(), "RGrid: output capture ended early (" + why + "); later output may be missing");
    }
}
