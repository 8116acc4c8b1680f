package dev.rgrid.worker.exec;

import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.runtime.RuntimeEntry;
import java.io.IOException;
import dev.rgrid.worker.files.WorkDirs;
import java.nio.file.Path;

/**
 * Runs one script to its end on this node, within the limits asked, and says how it ended.
 * Implementations: a hardened Docker container, or (when no Docker engine is reachable) a local
 * process, which is not isolated.
 */
public interface Executor extends AutoCloseable {

    /** {@code container} or {@code none}; recorded with the execution and shown in `rgrid status`. */
    String isolation();

    /**
     * What will run this runtime here: the image present (pulling it when a registry is reachable), or
     * for a local process the interpreter. Throws {@link dev.rgrid.core.InvalidInputException} saying how
     * to get it when nothing can.
     */
    String resolve(RuntimeEntry runtime);

    /**
     * What would run this runtime here now, without building or pulling anything; empty when nothing
     * is present. Implementations that can look without side effects override this.
     */
    default java.util.Optional<String> findPresent(RuntimeEntry runtime) {
        try {
            return java.util.Optional.of(resolve(runtime));
        } catch (dev.rgrid.core.RGridException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Runs the request to its end: blocks until the script exits, the timeout passes (then
     * {@code timed_out}, "Timeout after N s"), it exceeds its memory ({@code oom_killed}), or
     * {@code stop} is triggered ({@code cancelled}). Output goes to {@code sink} line by line as it is
     * written, stdout and stderr apart.
     */
    Outcome run(RunRequest request, LogSink sink, StopSignal stop);

    /**
     * What installs a run's dependencies here, in the image the script will run in; empty when this executor
     * cannot (then a run with a manifest fails, saying a Docker engine is needed).
     */
    default java.util.Optional<dev.rgrid.worker.deps.Installer> dependencyInstaller() {
        return java.util.Optional.empty();
    }

    /**
     * Removes containers whose attempt is over: {@code current} is asked with each one's execution id and the
     * lease version it ran under (0 when it ran under none, such as an install) and says whether that attempt
     * still owns it. Returns how many went.
     */
    default int removeOrphans(java.util.function.BiPredicate<String, Long> current) { return 0; }

    /**
     * A new, empty working directory under {@code scratch} for a run of {@code execution}, the one its
     * {@link RunRequest} then names. Given the run's {@code shape} (null when it has none, such as a run with
     * dependencies), an executor that keeps containers started ahead hands a directory one of them already sees,
     * held for this run until it runs or {@link #release} lets it go.
     */
    default Path workDir(Path scratch, String executionId, RunShape shape) throws IOException {
        return WorkDirs.fresh(scratch, executionId);
    }

    /** The run {@code workDir} was made for has ended, or will not run: whatever was held for it goes. */
    default void release(Path workDir) {}

    @Override
    default void close() {}
}
