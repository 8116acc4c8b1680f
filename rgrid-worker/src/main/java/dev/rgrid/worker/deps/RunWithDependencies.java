package dev.rgrid.worker.deps;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.worker.docker.ContainerEngineException;
import dev.rgrid.worker.exec.Executor;
import dev.rgrid.worker.exec.LogSink;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A run's dependency step and its script, in that order: installs the manifest (or finds it cached), then
 * runs the script seeing it read-only. When the install fails the script does not run, and the run ends
 * failed with the installer's reason. Only a container executor installs: in a local process the user's
 * packages would be installed and imported with the worker's own rights, so that executor refuses instead.
 */
public final class RunWithDependencies {
    private final Executor executor;
    private final Dependencies dependencies;

    public RunWithDependencies(Executor executor, Dependencies dependencies) {
        this.executor = executor;
        this.dependencies = dependencies;
    }

    /**
     * Runs {@code request} after installing {@code requirements} (a path in its work directory, or null for
     * none); returns how it ended, or null when {@code lost} said during the install that the run is no longer ours.
     */
    public Outcome run(RunRequest request, RuntimeEntry runtime, String requirements, LogSink logs, StopSignal stop,
                       BooleanSupplier lost) {
        if (requirements == null) return executor.run(request, logs, stop);
        PreparedDependencies deps;
        try {
            Installer installer = executor.dependencyInstaller().orElseThrow(() -> new RGridException(
                    "dependencies_need_docker", "Installing dependencies needs a Docker engine on this node", requirements,
                    "Start a Docker engine (infra/setup.sh) and retry, or run without requirements"));
            deps = dependencies.prepare(installer, runtime, request.target(), request.workDir(), requirements,
                    request.executionId(), logs, stop);
        } catch (DependencyInstallException e) {
            return e.outcome();
        } catch (ContainerEngineException e) {
            if (e.attemptLost()) throw e; // the engine went away under the install: the attempt, not the run, failed
            return new Outcome(ExecutionStatus.FAILED, e.getMessage(), null);
        } catch (RGridException e) {
            return new Outcome(ExecutionStatus.FAILED, e.getMessage(), null);
        }
        try (deps) {
            if (lost.getAsBoolean()) return null;
            return executor.run(with(request, deps), logs, stop);
        }
    }

    /** The request seeing the installed packages; a PYTHONPATH the user set comes first. */
    static RunRequest with(RunRequest request, PreparedDependencies deps) {
        Map<String, String> env = new HashMap<>(request.env());
        deps.env().forEach((name, value) -> env.merge(name, value, (user, ours) -> user + ":" + ours));
        List<dev.rgrid.worker.exec.ReadOnlyMount> mounts = new ArrayList<>(request.mounts());
        mounts.addAll(deps.mounts());
        return new RunRequest(request.executionId(), request.workDir(), request.target(), request.command(), env,
                request.limits(), request.network(), mounts, request.leaseVersion());
    }
}
