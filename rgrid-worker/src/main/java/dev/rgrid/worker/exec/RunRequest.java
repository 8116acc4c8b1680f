package dev.rgrid.worker.exec;

import dev.rgrid.core.model.Limits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run of a script.
 *
 * @param executionId labels the container, so leftovers can be found
 * @param workDir     a host directory holding the script; it becomes the run's working directory
 *                    ({@link #CONTAINER_WORKDIR} in a container) and the only writable place besides /tmp
 * @param target      what {@link Executor#resolve} returned: an image, or an interpreter for a local process
 * @param command     the command line, relative to the working directory: {@code [python3, hello.py, arg]}
 * @param env         environment variables the user asked for
 * @param mounts      host directories the run sees read-only, such as its installed dependencies
 * @param leaseVersion the version of the lease the run holds, labelled on its container so an orphan (whose
 *                    attempt was lost while the container ran on) can be told from the current attempt; 0 when none
 */
public record RunRequest(String executionId, Path workDir, String target, List<String> command,
                         Map<String, String> env, Limits limits, boolean network, List<ReadOnlyMount> mounts,
                         long leaseVersion) {
    public static final String CONTAINER_WORKDIR = "/work";

    public RunRequest {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        mounts = List.copyOf(mounts);
    }

    /** A run outside any lease (a dependency install). */
    public RunRequest(String executionId, Path workDir, String target, List<String> command,
                      Map<String, String> env, Limits limits, boolean network, List<ReadOnlyMount> mounts) {
        this(executionId, workDir, target, command, env, limits, network, mounts, 0);
    }

    /** A run that sees nothing but its working directory. */
    public RunRequest(String executionId, Path workDir, String target, List<String> command,
                      Map<String, String> env, Limits limits, boolean network) {
        this(executionId, workDir, target, command, env, limits, network, List.of(), 0);
    }
}
