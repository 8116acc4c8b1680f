package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.config.Setting;
import dev.rgrid.worker.deps.DependencyCache;
import dev.rgrid.worker.deps.DependencyCache.Cleared;
import dev.rgrid.worker.deps.DependencySettings;
import java.io.PrintWriter;

/**
 * The dependency cache {@code rgrid cache} acts on: this machine's, where the embedded default installs, read
 * from the same settings. With a server configured, a note on stderr says the runs' caches are on its workers.
 */
final class NodeCache {
    private NodeCache() {}

    static DependencySettings settings(CliContext context, PrintWriter err) {
        DependencySettings settings = DependencySettings.from(context.config());
        context.config().lookup(Setting.API_URL).ifPresent(url -> {
            err.println("Note: the CLI runs scripts on the RGrid server " + url.value() + " (from " + url.source()
                    + "), whose dependency caches live on its worker nodes; this command acts only on this machine's cache in "
                    + settings.cacheDir() + ".");
            err.flush();
        });
        return settings;
    }

    static DependencyCache open(CliContext context, DependencySettings settings) {
        return DependencyCache.open(settings, context.clock());
    }

    /**
     * Clears one entry, refusing one in use. Here, not in {@code CacheClearCommand}: a command's own methods are read by
     * picocli for every {@code rgrid --help}, which runs without the engine's classes (see {@code Cli}).
     */
    static Cleared clearOne(DependencyCache cache, String key) {
        Cleared cleared = cache.clear(key);
        if (!cleared.inUse().isEmpty()) {
            throw new RGridException("cache_entry_in_use", "The dependency cache entry is in use by a running execution", key,
                    "Wait until the run ends (`rgrid list --status running`), then clear it again");
        }
        return cleared;
    }
}
