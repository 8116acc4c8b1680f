package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.core.config.Setting;
import dev.rgrid.worker.deps.DependencyCache;
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
}
