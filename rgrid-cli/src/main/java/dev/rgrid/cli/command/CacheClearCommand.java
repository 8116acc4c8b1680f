package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.Json;
import dev.rgrid.worker.deps.DependencyCache;
import dev.rgrid.worker.deps.DependencyCache.Cleared;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rgrid cache clear [KEY]}: removes every entry no run uses now, or the one named. An unknown key exits 3;
 * an entry a run uses is kept, and naming it exits 1 saying so.
 */
@Command(name = "clear", mixinStandardHelpOptions = true,
        description = {"Remove this machine's cached dependency environments that no run uses now, or the one named.",
                "",
                "The next run with the same requirements installs them again."})
public final class CacheClearCommand extends BaseCommand {
    @Parameters(paramLabel = "KEY", arity = "0..1", description = "One entry's key, as `rgrid cache list` shows it.")
    String key;

    @Mixin JsonOption json;

    public CacheClearCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        DependencyCache cache = NodeCache.open(context, NodeCache.settings(context, err()));
        Cleared cleared = key == null ? cache.clear() : NodeCache.clearOne(cache, key);
        if (json.enabled()) {
            out().println(Json.pretty(cleared));
        } else {
            int n = cleared.removed().size();
            out().println(n == 0 && key == null ? "Nothing to remove."
                    : "Removed " + (key != null ? key : n + (n == 1 ? " entry" : " entries")) + " (" + Format.bytes(cleared.freedBytes()) + ").");
            if (!cleared.inUse().isEmpty()) {
                out().println("Kept " + cleared.inUse().size() + " in use by a running execution: " + String.join(", ", cleared.inUse()));
            }
        }
        out().flush();
        return ExitCodes.OK;
    }
}
