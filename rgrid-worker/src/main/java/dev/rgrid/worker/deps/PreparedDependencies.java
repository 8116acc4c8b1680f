package dev.rgrid.worker.deps;

import dev.rgrid.worker.exec.ReadOnlyMount;
import java.util.List;
import java.util.Map;

/**
 * What a run needs to see its installed dependencies: read-only mounts and environment variables. Closing
 * it ends the run's use of the cache entry.
 */
public final class PreparedDependencies implements AutoCloseable {
    public static final PreparedDependencies NONE = new PreparedDependencies(List.of(), Map.of(), null);

    private final List<ReadOnlyMount> mounts;
    private final Map<String, String> env;
    private final CachedEnvironment environment;

    PreparedDependencies(List<ReadOnlyMount> mounts, Map<String, String> env, CachedEnvironment environment) {
        this.mounts = List.copyOf(mounts);
        this.env = Map.copyOf(env);
        this.environment = environment;
    }

    public List<ReadOnlyMount> mounts() { return mounts; }

    /** Variables to add; PYTHONPATH is to be joined to one the user set, not to replace it. */
    public Map<String, String> env() { return env; }

    /** Whether this run found its environment in the cache (false when it installed it or had none). */
    public boolean cacheHit() { return environment != null && !environment.installed(); }

    @Override
    public void close() {
        if (environment != null) environment.close();
    }
}
