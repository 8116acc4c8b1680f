package dev.rgrid.worker;

import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.core.store.ExecutionStore;
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
 */
public record WorkerContext(ExecutionStore store, Executor executor, RuntimeCatalogue catalogue, Clock clock,
                            String node, Duration heartbeatInterval, Duration controlInterval, Path scratch,
                            RunListener listener) {
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONTROL_INTERVAL = Duration.ofMillis(500);

    public WorkerContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(scratch, "scratch");
        listener = listener == null ? RunListener.NONE : listener;
    }
}
