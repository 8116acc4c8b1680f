package dev.rgrid.worker.deps;

import dev.rgrid.worker.deps.internal.KeyLocks;
import java.nio.file.Path;

/** An installed environment a run uses; closing it ends the use, after which it may be evicted. */
public final class CachedEnvironment implements AutoCloseable {
    private final String key;
    private final Path dir;
    private final boolean installed;
    private final KeyLocks.Use use;

    CachedEnvironment(String key, Path dir, boolean installed, KeyLocks.Use use) {
        this.key = key;
        this.dir = dir;
        this.installed = installed;
        this.use = use;
    }

    public String key() { return key; }

    /** The installed files: {@code site/} for pip, {@code node_modules/} for npm, inside. */
    public Path dir() { return dir; }

    /** Whether this use installed it; false for a cache hit. */
    public boolean installed() { return installed; }

    @Override
    public void close() { use.close(); }
}
