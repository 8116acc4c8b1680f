package dev.rgrid.worker;

import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.model.LogLimits;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.core.store.ExecutionFileStore;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.worker.deps.DependencySettings;
import dev.rgrid.worker.exec.Executor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a runner needs on one node.
 *
 * @param node              this node's name, recorded on each execution it runs
 * @param heartbeatInterval how often a running execution renews its lease
 * @param controlInterval   how often a runner looks for a cancel request (a cheap read)
 * @param scratch           where per-run working directories are made
 * @param artifacts         where input files are fetched from and outputs go
 * @param files             the records of each execution's input and output files
 * @param dependencies      where installed dependencies are cached on this node, and where packages come from
 * @param logLimits         how much of each run's output the store keeps
 */
public record WorkerContext(ExecutionStore store, Executor executor, RuntimeCatalogue catalogue, Clock clock,
                            String node, Duration heartbeatInterval, Duration controlInterval, Path scratch,
                            RunListener listener, ArtifactStore artifacts, ExecutionFileStore files,
                            FileLimits fileLimits, DependencySettings dependencies, LogLimits logLimits) {
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONTROL_INTERVAL = Duration.ofMillis(500);

    public WorkerContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(scratch, "scratch");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(fileLimits, "fileLimits");
        Objects.requireNonNull(dependencies, "dependencies");
        Objects.requireNonNull(logLimits, "logLimits");
        listener = listener == null ? RunListener.NONE : listener;
    }

    /**
     * As the canonical constructor, with the dependency cache beside {@code scratch}, pip's and npm's own indexes and
     * the default log limit.
     */
    public WorkerContext(ExecutionStore store, Executor executor, RuntimeCatalogue catalogue, Clock clock,
                         String node, Duration heartbeatInterval, Duration controlInterval, Path scratch,
                         RunListener listener, ArtifactStore artifacts, ExecutionFileStore files, FileLimits fileLimits) {
        this(store, executor, catalogue, clock, node, heartbeatInterval, controlInterval, scratch, listener, artifacts,
                files, fileLimits, DependencySettings.builder(scratch.toAbsolutePath().resolveSibling(DependencySettings.DIRECTORY))
                        .build(), LogLimits.DEFAULTS);
    }
}
