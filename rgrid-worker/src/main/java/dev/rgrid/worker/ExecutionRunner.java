package dev.rgrid.worker;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.FileKind;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.Lease;
import dev.rgrid.core.store.StoreOutage;
import dev.rgrid.worker.deps.Dependencies;
import dev.rgrid.worker.deps.DependencyCache;
import dev.rgrid.worker.deps.RunWithDependencies;
import dev.rgrid.worker.docker.ContainerEngineException;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.RunShape;
import dev.rgrid.worker.exec.StopSignal;
import dev.rgrid.worker.files.InputStager;
import dev.rgrid.worker.files.OutputCollector;
import dev.rgrid.worker.files.WorkDirGuard;
import dev.rgrid.worker.files.WorkDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of one execution on this node, start to end: marks it running, writes the script
 * into a fresh working directory, installs its dependencies (or finds them cached), runs it through the
 * executor while a {@link LeaseKeeper} renews the
 * lease and watches for a cancel, stores the output as it comes, and records exactly one outcome —
 * unless the lease was lost, in which case a newer attempt owns the execution and this one writes nothing.
 */
public final class ExecutionRunner {
    /** The environment variable naming the directory whose files are collected as outputs. */
    public static final String OUTPUT_DIR_ENV = "RGRID_OUTPUT_DIR";
    /** The execution's id, for scripts that report somewhere. */
    public static final String EXECUTION_ID_ENV = "RGRID_EXECUTION_ID";
    /** Which attempt this is, from 1: a script may resume from a checkpoint when it is more than 1. */
    public static final String ATTEMPT_ENV = "RGRID_ATTEMPT";
    static final String OUTPUTS = "outputs";
    /**
     * How long a write that must not be lost (running, the outcome) waits for a database that is away. Past it the
     * attempt gives up and the reaper, once the database is back, retries the run.
     */
    static final Duration OUTAGE_PATIENCE = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRunner.class);

    /**
     * How long a run that landed on a retiring node keeps its Ray slot after it went back to the queue: the node is
     * about to be deleted, and a slot held meanwhile is one Ray cannot hand the same run (or another) again.
     */
    static final Duration RETIRING_HOLD = Duration.ofSeconds(10);

    private final WorkerContext ctx;
    private final Dependencies dependencies;
    private final Map<String, StopSignal> running = new ConcurrentHashMap<>();
    /** The Ray node this runner is on when it is a provisioned cluster node's; null in the embedded engine. */
    private final String rayNodeId;

    public ExecutionRunner(WorkerContext ctx) {
        this(ctx, null);
    }

    /** A runner on the cluster node {@code rayNodeId}, which refuses to start runs once that node is retiring. */
    public ExecutionRunner(WorkerContext ctx, String rayNodeId) {
        this.ctx = ctx;
        this.rayNodeId = rayNodeId;
        this.dependencies = new Dependencies(ctx.dependencies(), ctx.clock());
    }

    /** This node's dependency cache: list its entries, clear them. */
    public DependencyCache dependencyCache() { return dependencies.cache(); }

    /** Stops a run in this process at once, if it is here; returns whether it was. */
    public boolean stop(String executionId) {
        StopSignal stop = running.get(executionId);
        if (stop != null) stop.trigger();
        return stop != null;
    }

    /** How many executions this runner is running now. */
    public int runningCount() {
        return running.size();
    }

    /** Stops every run in this process (the engine is closing). */
    public void stopAll() {
        running.values().forEach(StopSignal::trigger);
    }

    /**
     * Runs one attempt and records its outcome. The lease is renewed from the first step to the recorded outcome, so
     * nothing the attempt does after its script (storing the last of a flood of output, collecting large outputs) can
     * let it pass for dead.
     */
    public Outcome run(Lease lease) {
        String id = lease.executionId();
        StopSignal stop = new StopSignal();
        running.put(id, stop);
        Path[] workDir = new Path[1];
        try (LeaseKeeper keeper = new LeaseKeeper(ctx, lease, stop)) {
            Ended ended = attempt(lease, stop, keeper, workDir);
            if (ended == null) return null;
            if (ended.lostCause() != null) {
                ExecutionStatus next = StoreOutage.retry(id + ": recording a lost attempt", OUTAGE_PATIENCE,
                        () -> ctx.store().loseAttempt(lease, ended.lostCause(), ctx.clock().instant()));
                LOG.warn("{}: attempt {} lost ({}); now {}", id, lease.attempt(), ended.lostCause(),
                        next == null ? "moved on by someone else" : next.label());
                return null;
            }
            Outcome outcome = ended.outcome();
            if (!StoreOutage.retry(id + ": recording its outcome", OUTAGE_PATIENCE,
                    () -> ctx.store().finish(lease, outcome, ctx.clock().instant()))) {
                LOG.warn("{}: lease lost at the end; its result ({}) is dropped", id, outcome.status().label());
                return null;
            }
            return outcome;
        } finally {
            running.remove(id);
            if (workDir[0] != null) ctx.executor().release(workDir[0]);
            WorkDirs.deleteQuietly(workDir[0]);
            ctx.listener().finished(id);
        }
    }

    private ExecutionStore.Start markRunning(Lease lease, String target) {
        if (rayNodeId != null) {
            return ctx.store().markRunningOn(lease, rayNodeId, ctx.node(), ctx.executor().isolation(), target,
                    ctx.clock().instant());
        }
        return ctx.store().markRunning(lease, ctx.node(), ctx.executor().isolation(), target, ctx.clock().instant())
                ? ExecutionStore.Start.STARTED : ExecutionStore.Start.LEASE_LOST;
    }

    /**
     * The run landed on this node after its retirement began: it goes back to the queue without spending an attempt,
     * and its Ray slot is held until the node goes away (or {@link #RETIRING_HOLD}), so Ray places it elsewhere.
     */
    private void returnFromRetiringNode(Lease lease, StopSignal stop) {
        boolean returned = StoreOutage.retry(lease.executionId() + ": returning it to the queue", OUTAGE_PATIENCE,
                () -> ctx.store().returnToQueue(lease, ctx.clock().instant()));
        LOG.info("{}: node {} is retiring; {}", lease.executionId(), ctx.node(),
                returned ? "back in the queue, its attempt not spent" : "its lease had moved on already");
        try {
            stop.await(RETIRING_HOLD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How an attempt ended: an outcome to record, or lost through no fault of the script (the cause said). */
    private record Ended(Outcome outcome, String lostCause) {}

    /** Runs the script and stores its output; returns how it ended, or null when the lease was lost. */
    private Ended attempt(Lease lease, StopSignal stop, LeaseKeeper keeper, Path[] workDir) {
        String id = lease.executionId();
        try (LogWriter logs = new LogWriter(lease, ctx.store(), ctx.listener(), ctx.clock(), ctx.logLimits())) {
            Execution execution = ctx.store().get(id);
            Outcome outcome;
            try {
                RuntimeEntry runtime = ctx.catalogue().resolve(execution.runtime());
                String target = ctx.executor().resolve(runtime);
                List<String> command = ctx.catalogue().command(runtime, execution.scriptName(), execution.args());
                // A run with dependencies sees them mounted: no container started ahead can serve it.
                workDir[0] = newWorkDir(execution.id(), execution.requirements() != null ? null
                        : RunShape.of(target, execution.limits(), execution.network()));
                writeScript(workDir[0], execution);
                new InputStager(ctx.artifacts()).stage(workDir[0], execution.owner(), ctx.files().list(id, FileKind.INPUT));
                ExecutionStore.Start start = StoreOutage.retry(id + ": marking it running", OUTAGE_PATIENCE,
                        () -> markRunning(lease, target));
                if (start == ExecutionStore.Start.NODE_RETIRING) {
                    returnFromRetiringNode(lease, stop);
                    return null;
                }
                if (start == ExecutionStore.Start.LEASE_LOST) {
                    LOG.info("{}: lease lost before it started; another attempt owns it", id);
                    return null;
                }
                if (lease.attempt() > 1) {
                    system(logs, "Attempt " + lease.attempt() + " of " + execution.maxAttempts() + " on " + ctx.node()
                            + (execution.reason() == null ? "" : ": " + execution.reason()));
                }
                if (!Execution.ISOLATION_CONTAINER.equals(ctx.executor().isolation())) {
                    system(logs, "Not isolated: no Docker engine is reachable, so this run is a local process on "
                            + ctx.node() + " with your permissions and files, limited only by its timeout (and memory where"
                            + " the OS allows). Start a Docker engine (infra/setup.sh) to run in containers.");
                }
                RunRequest request = new RunRequest(id, workDir[0], target, command, runEnvironment(execution, lease, workDir[0]),
                        execution.limits(), execution.network(), List.of(), lease.version());
                try (WorkDirGuard disk = new WorkDirGuard(workDir[0], ctx.fileLimits().maxWorkDirBytes(),
                        WorkDirGuard.DEFAULT_INTERVAL, stop)) {
                    outcome = new RunWithDependencies(ctx.executor(), dependencies)
                            .run(request, runtime, execution.requirements(), logs, stop, keeper::lost);
                    if (outcome != null && disk.tripped()) outcome = disk.outcome(outcome.exitCode());
                }
                if (outcome == null) {
                    LOG.warn("{}: lease lost while installing dependencies; the script did not run", id);
                    return null;
                }
            } catch (ContainerEngineException e) {
                if (!e.attemptLost()) {
                    outcome = new Outcome(ExecutionStatus.FAILED, e.getMessage(), null);
                } else {
                    system(logs, "Attempt " + lease.attempt() + " lost: " + e.what() + ". " + e.hint());
                    return new Ended(null, e.what());
                }
            } catch (RGridException e) {
                outcome = new Outcome(ExecutionStatus.FAILED, e.getMessage(), null);
            }
            if (keeper.lost()) {
                LOG.warn("{}: lease lost while running; its result ({}) is dropped", id, outcome.status().label());
                return null;
            }
            collectOutputs(logs, execution, workDir[0]);
            closingLine(logs, execution, outcome);
            return new Ended(outcome, null);
        }
    }

    /** The user's variables, and RGrid's: where outputs go, which execution and which attempt this is. */
    private Map<String, String> runEnvironment(Execution execution, Lease lease, Path workDir) {
        Map<String, String> env = new java.util.HashMap<>(execution.env());
        env.put(OUTPUT_DIR_ENV, Execution.ISOLATION_CONTAINER.equals(ctx.executor().isolation())
                ? RunRequest.CONTAINER_WORKDIR + "/" + OUTPUTS : workDir.resolve(OUTPUTS).toString());
        env.put(EXECUTION_ID_ENV, execution.id());
        env.put(ATTEMPT_ENV, String.valueOf(lease.attempt()));
        return env;
    }

    /** Whatever the outcome, what the script wrote under outputs/ is kept; a failure to keep it is said, not fatal. */
    private void collectOutputs(LogWriter logs, Execution execution, Path workDir) {
        if (workDir == null) return;
        try {
            OutputCollector collector = new OutputCollector(ctx.artifacts(), ctx.files(), ctx.fileLimits(), ctx.clock());
            // An artifact store that is away is waited for (the lease is renewed meanwhile); its records are written
            // only once every object is stored, so a retry starts over without leaving a record to a missing object.
            List<ExecutionFile> outputs = StoreOutage.retry(execution.id() + ": storing its outputs", OUTAGE_PATIENCE,
                    StoreOutage::isArtifactOutage, () -> collector.collect(workDir, execution.owner(), execution.id(), logs));
            if (!outputs.isEmpty()) system(logs, "Collected " + outputs.size() + " output file(s)");
        } catch (RuntimeException e) {
            LOG.warn("{}: collecting outputs failed", execution.id(), e);
            system(logs, "Outputs could not be collected: " + e.getMessage());
        }
    }

    /** The line a user reads last in `rgrid logs` when the script did not simply exit. */
    private void closingLine(LogWriter logs, Execution execution, Outcome outcome) {
        switch (outcome.status()) {
            case OOM_KILLED -> system(logs, "Container killed: it exceeded its memory limit of "
                    + execution.limits().memoryMb() + " MB");
            case TIMED_OUT -> system(logs, outcome.reason() + ": the run was stopped");
            case CANCELLED -> system(logs, "Cancelled: " + outcome.reason());
            case FAILED -> {
                // A script that exits non-zero said why itself; any other failure (a limit, an install) is said here.
                if (outcome.exitCode() == null || !outcome.equals(Outcome.exited(outcome.exitCode()))) {
                    system(logs, "Failed: " + outcome.reason());
                }
            }
            default -> { }
        }
    }

    private void system(LogWriter logs, String text) {
        logs.line(LogStream.SYSTEM, ctx.clock().instant(), text);
    }

    private Path newWorkDir(String executionId, RunShape shape) {
        try {
            return ctx.executor().workDir(ctx.scratch(), executionId, shape);
        } catch (IOException e) {
            throw workDirFailed(e);
        }
    }

    private void writeScript(Path dir, Execution execution) {
        try {
            Files.write(dir.resolve(execution.scriptName()), ctx.store().script(execution.id()));
        } catch (IOException e) {
            throw workDirFailed(e);
        }
    }

    private RGridException workDirFailed(IOException e) {
        return new RGridException("workdir_failed", "Cannot prepare the run's working directory",
                ctx.scratch().toString(), "Check free disk space and permissions there", e);
    }

}
